import { EXIT, type ExitCode } from "../errors";
import { printError } from "../output";

/**
 * `cairn test <job file> [--mock <action>=<file>]...` needs the engine to run outside its
 * Durable Object (a pure run harness with a virtual clock), which does not exist yet. Until
 * it does, the command says so and exits 2 rather than pretend to have tested anything.
 */
export function testCommand(): ExitCode {
  printError(
    "cairn test is not available yet: it needs the engine's offline run harness, which Cairn does not have yet.\n" +
      "Meanwhile: `cairn validate` checks job files offline, and `cairn apply` + `cairn run --wait` test them against `npm start`.",
  );
  return EXIT.usage;
}
