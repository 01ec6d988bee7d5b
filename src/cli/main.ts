/**
 * Entry of the `cairn` command: runs the program and turns every outcome into DESIGN.md's
 * exit codes (0 success, 1 failure, 2 usage error). Errors print as messages, never as
 * stack traces: API errors as their problem detail and field paths.
 */
import { CommanderError } from "commander";
import { ApiError, ConnectionError } from "../client";
import { EXIT, type ExitCode, UsageError } from "./errors";
import { describeApiError, describeConnectionError, printError } from "./output";
import { buildProgram } from "./program";

export async function main(argv: readonly string[]): Promise<ExitCode> {
  // `cairn logs <id> | head`: a reader that stops early is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
    throw error;
  });
  let code: ExitCode = EXIT.ok;
  const program = buildProgram((exit) => {
    code = exit;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) {
    printError(`error: ${error.message}\n(add --help for usage)`);
    return EXIT.usage;
  }
  if (error instanceof ApiError) {
    for (const line of describeApiError(error)) printError(line);
    return EXIT.failure;
  }
  if (error instanceof ConnectionError) {
    for (const line of describeConnectionError(error)) printError(line);
    return EXIT.failure;
  }
  printError(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}
