/**
 * The `cairn` command line (DESIGN.md "CLI"), declared with commander: every command has
 * --help, every read command --json. Each action returns its exit code.
 */
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { RUN_STATUSES } from "../core/statuses";
import { type ApplyOptions, applyCommand } from "./commands/apply";
import {
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
  importCommand,
} from "./commands/import";
import { type RunOptions, runCommand } from "./commands/run";
import {
  CONTROLS,
  controlCommand,
  type ListOptions,
  type LogsOptions,
  logsCommand,
  type ReadOptions,
  runsCommand,
  showCommand,
} from "./commands/runs";
import { type TestOptions, testCommand } from "./commands/test";
import { type ValidateOptions, validateCommand } from "./commands/validate";
import type { ExitCode } from "./errors";

const JSON_HELP = "print JSON, for scripts";

/** Builds the program; `setExit` receives each command's exit code. */
export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command("cairn")
    .description(
      "Cairn from the terminal: definitions as files, runs followed live.\n" +
        "Talks to CAIRN_URL (default http://localhost:8787) with CAIRN_TOKEN (default: API_TOKEN from ./.dev.vars).",
    )
    .version(CLI_VERSION)
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .configureHelp({ sortSubcommands: false });
  const done: Done = (code) => Promise.resolve(code).then(setExit);
  addDefinitionCommands(program, done);
  addRunCommands(program, done);
  return program;
}

type Done = (code: ExitCode | Promise<ExitCode>) => Promise<void>;

/** validate, apply, import, test: definitions as files. */
function addDefinitionCommands(program: Command, done: Done): void {
  program
    .command("validate")
    .description("check job and action files offline (folders are walked); exit 1 on any problem")
    .argument("<paths...>", "files or folders of .json/.yaml/.yml definitions")
    .option("--json", JSON_HELP)
    .action((paths: string[], options: ValidateOptions) => done(validateCommand(paths, options)));

  program
    .command("apply")
    .description("make the server's actions and jobs match the files: a plan, then the changes")
    .argument("<paths...>", "files or folders of definitions")
    .option("--dry-run", "print the plan only")
    .option("--prune", "also delete the jobs and actions no file defines")
    .option("--json", JSON_HELP)
    .action((paths: string[], options: ApplyOptions) => done(applyCommand(paths, options)));

  program
    .command("import")
    .description("print the Cairn job equivalent to another orchestrator's config, as YAML")
    .addArgument(new Argument("<format>", "the config's format").choices(IMPORT_FORMATS))
    .argument("<file>", "the config file")
    .option("--action <name>", "petit: run each command task through this stored action")
    .option("--job <name>", "taskorchestrator: which job of the config")
    .option("--json", "print JSON instead of YAML")
    .action((format: ImportFormat, file: string, options: ImportOptions) =>
      done(importCommand(format, file, options)),
    );

  program
    .command("test")
    .description(
      "run a job offline with mocked actions and a virtual clock (waits take no time): " +
        "print the path it took and each step's output; exit 1 if the run fails (Node >= 22.13)",
    )
    .argument("<job file>", "the job's file (YAML or JSON)")
    .option(
      "--mock <action=file>",
      "what an action answers (by stored action name, or an inline action's step id): " +
        'an output, {"error":{"type","message"}}, or {"responses":[...]} one per call; repeatable',
      collect,
      [],
    )
    .option(
      "--defs <path>",
      "action and job files or folders the job uses (stored actions, run_job children); repeatable",
      collect,
      [],
    )
    .option(
      "--event <name=file>",
      "an event delivered to the run at its start (its body in the file); repeatable",
      collect,
      [],
    )
    .option("--params <json>", "the run's params, a JSON object")
    .option(
      "--param <key=value>",
      "one param (a string); key:=<json> for any JSON value; repeatable",
      collect,
      [],
    )
    .option("--json", "print the run, its steps and its history as one JSON document")
    .action((file: string, options: TestOptions) => done(testCommand(file, options)));
}

/** run, runs, show, logs and the controls: runs on the server. */
function addRunCommands(program: Command, done: Done): void {
  program
    .command("run")
    .description("start a run of a job and print its id")
    .argument("<job>", "the job's name")
    .option("--params <json>", "the run's params, a JSON object")
    .option(
      "--param <key=value>",
      "one param (a string); key:=<json> for any JSON value; repeatable",
      collect,
      [],
    )
    .option("--idempotency-key <key>", "start at most one run for this key")
    .option("--wait", "follow the run live, print its output, exit 0 only if it succeeded")
    .option("--json", JSON_HELP)
    .action((job: string, options: RunOptions) => done(runCommand(job, options)));

  program
    .command("runs")
    .description("the run index, newest first")
    .option("--job <job>", "only runs of this job")
    .addOption(new Option("--status <status>", "only runs in this status").choices(RUN_STATUSES))
    .option("--limit <n>", "how many runs (1-200)", parseLimit, 20)
    .option("--json", JSON_HELP)
    .action((options: ListOptions) => done(runsCommand(options)));

  program
    .command("show")
    .description("one run and its steps")
    .argument("<run>", "the run's id")
    .option("--json", JSON_HELP)
    .action((id: string, options: ReadOptions) => done(showCommand(id, options)));

  program
    .command("logs")
    .description("a run's history of events")
    .argument("<run>", "the run's id")
    .option("-f, --follow", "keep following until the run ends")
    .option("--json", `${JSON_HELP} (one event per line with --follow)`)
    .action((id: string, options: LogsOptions) => done(logsCommand(id, options)));

  for (const control of CONTROLS) {
    program
      .command(control)
      .description(`${control} a run`)
      .argument("<run>", "the run's id")
      .option("--json", JSON_HELP)
      .action((id: string, options: ReadOptions) => done(controlCommand(control, id, options)));
  }
}

/** The package's version; the bundle defines it at build time (bin/cairn.mjs). */
declare const CAIRN_VERSION: string | undefined;
const CLI_VERSION = typeof CAIRN_VERSION === "string" ? CAIRN_VERSION : "0.0.0";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new InvalidArgumentError("must be a whole number from 1 to 200");
  }
  return limit;
}
