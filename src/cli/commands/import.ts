import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { stringify } from "yaml";
import { ValidationError } from "../../core/errors";
import { importPetit, importTaskOrchestrator, parseDocument } from "../../definition";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { color, printError, printJson } from "../output";

export const IMPORT_FORMATS = ["petit", "taskorchestrator"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  action?: string;
  job?: string;
  json?: boolean;
}

/**
 * `cairn import petit|taskorchestrator <file>`: prints the equivalent Cairn job (YAML, or
 * JSON with --json). Petit's `command` tasks have no edge equivalent (Workers run no
 * processes): with `--action A` each becomes a task calling stored action A with its
 * command and args as `with:`; without it the import fails, naming each such task.
 */
export function importCommand(
  format: ImportFormat,
  file: string,
  options: ImportOptions,
): ExitCode {
  if (format === "taskorchestrator" && options.action !== undefined) {
    throw new UsageError(
      "--action is for petit's command tasks; taskorchestrator tasks become handlers",
    );
  }
  if (format === "petit" && options.job !== undefined) {
    throw new UsageError(
      "--job picks one job of a taskorchestrator config; a petit file holds one job",
    );
  }
  const config = readConfig(file);
  let job: Record<string, unknown>;
  try {
    job = format === "petit" ? importPetit(config) : importTaskOrchestrator(config, options.job);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.errors)
      printError(`${file}: ${issue.path || "(document)"}: ${issue.message}`);
    return EXIT.failure;
  }
  if (format === "petit") {
    const commands = commandSteps(job);
    if (commands.length > 0 && options.action === undefined) {
      reportCommands(file, commands);
      return EXIT.failure;
    }
    if (options.action !== undefined)
      job = { ...job, steps: callAction(job.steps, options.action) };
  }
  if (options.json) printJson(job);
  else process.stdout.write(stringify(job, { lineWidth: 0 }));
  return EXIT.ok;
}

function readConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  const extension = extname(file).toLowerCase();
  try {
    return parseDocument(text, extension === ".json" ? "application/json" : undefined);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(`${file}: ${error.errors[0]?.message ?? error.message}`);
  }
}

interface CommandStep {
  index: number;
  id: string;
  command: unknown;
  args: unknown;
}

function commandSteps(job: Record<string, unknown>): CommandStep[] {
  const steps = Array.isArray(job.steps) ? job.steps : [];
  return steps.flatMap((step: unknown, index) => {
    if (!isRecord(step) || step.type !== "command") return [];
    return [{ index, id: String(step.id ?? index), command: step.command, args: step.args }];
  });
}

function reportCommands(file: string, commands: readonly CommandStep[]): void {
  for (const step of commands) {
    printError(
      `${file}: task ${step.id} (steps.${step.index}) runs the command ${JSON.stringify(step.command)}: Workers run no processes`,
    );
  }
  printError(
    [
      color.bold("Run the work another way, then import again:"),
      "  http     put it behind an HTTPS endpoint: a stored http action (or an inline http: block)",
      "  worker   another Worker of yours, called through a service binding: a stored worker action",
      "  handler  a TypeScript function registered in Cairn (registerHandler in src/actions/handlers)",
      "With --action <name>, each command task becomes a task calling that stored action,",
      "with the command and its args as with: { command, args }.",
    ].join("\n"),
  );
}

function callAction(steps: unknown, action: string): unknown {
  if (!Array.isArray(steps)) return steps;
  return steps.map((step: unknown) => {
    if (!isRecord(step) || step.type !== "command") return step;
    const { id, type: _command, command, args, ...rest } = step;
    const input = args === undefined ? { command } : { command, args };
    return { id, type: "task", action, with: input, ...rest };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
