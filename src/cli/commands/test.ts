/**
 * `cairn test <job file>`: runs a job offline on the engine's own code (src/harness: the
 * run's store on node:sqlite, a virtual clock, mocked actions) and prints the path it took,
 * each step's output and how the run ended; exit 0 only if it succeeded.
 */
import { statSync } from "node:fs";
import { z } from "zod";
import type { HistoryRecord } from "../../core/history";
import type { CompiledJob } from "../../definition/ir";
import type { Mock, OfflineEvent, OfflineResult } from "../../harness";
import { type CheckResult, checkSources, formatProblem } from "../check";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { describeEvent, formatMs, STEP_EVENTS } from "../events";
import { color, print, printError, printJson, printTable } from "../output";
import { loadSources, readDocumentFile } from "../sources";
import { readParams } from "./run";

export interface TestOptions {
  mock: string[];
  defs: string[];
  event: string[];
  params?: string;
  param: string[];
  json?: boolean;
}

type LoadedJob = CheckResult & { job: CompiledJob };

/** The first Node with node:sqlite unflagged. */
const SQLITE_NODE = [22, 13] as const;
/** The path shows step events and each attempt. */
const PATH_EVENTS = new Set([...STEP_EVENTS, "attempt_started"]);

export async function testCommand(file: string, options: TestOptions): Promise<ExitCode> {
  if (!hasSqlite(process.versions.node)) {
    printError(
      `error: cairn test needs Node >= ${SQLITE_NODE.join(".")} (node:sqlite); this is Node ${process.versions.node}`,
    );
    return EXIT.failure;
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${file}: cairn test takes one job file, not a folder`);
  const params = readParams(options.params, options.param);
  const mockFiles = options.mock.map((pair) => splitPair(pair, "--mock", "<action>=<file>"));
  const eventFiles = options.event.map((pair) => splitPair(pair, "--event", "<name>=<file>"));
  const loaded = loadJob(file, options.defs);
  if (!loaded) return EXIT.failure;
  const harness = await loadHarness();
  const mocks = new Map<string, Mock>(
    mockFiles.map(([name, path]) => [name, readMock(harness.parseMock, name, path)]),
  );
  const events: OfflineEvent[] = eventFiles.map(([name, path]) => ({
    name,
    body: readJson(path, `--event ${name}`),
  }));
  const { job, actions, jobs } = loaded;
  const result = await harness.runOffline(job, { params, actions, jobs, mocks, events });
  if (options.json) printJson(result);
  else printResult(result);
  return result.run.status === "succeeded" ? EXIT.ok : EXIT.failure;
}

/**
 * The job file and the definitions it uses, checked as `validate` checks them; null, with
 * the problems printed as `validate` prints them, when any file is invalid.
 */
function loadJob(file: string, defs: readonly string[]): LoadedJob | null {
  const { sources, problems: parseProblems } = loadSources([file, ...defs]);
  const checked = checkSources(sources);
  const problems = [...parseProblems, ...checked.problems];
  if (problems.length > 0) {
    for (const problem of problems) print(formatProblem(problem));
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    printError(color.red(`${count}; nothing run`));
    return null;
  }
  // The job file is the first path, so its document is the first source.
  const source = sources[0];
  const job = source?.kind === "job" && source.name ? checked.jobs.get(source.name) : undefined;
  if (!job) throw new UsageError(`${file}: not a job file (a job has a name and steps)`);
  return { ...checked, job };
}

function hasSqlite(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > SQLITE_NODE[0] || (major === SQLITE_NODE[0] && minor >= SQLITE_NODE[1]);
}

/**
 * The harness, imported only now: node:sqlite is experimental in Node 22, and its warning
 * says nothing a user of `cairn test` can act on.
 */
async function loadHarness(): Promise<typeof import("../../harness")> {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name !== "ExperimentalWarning") printError(`warning: ${warning.message}`);
  });
  return import("../../harness");
}

function splitPair(pair: string, option: string, shape: string): [string, string] {
  const match = /^([^=]+)=(.+)$/s.exec(pair);
  if (!match?.[1] || !match[2]) throw new UsageError(`${option} ${pair}: expected ${shape}`);
  return [match[1], match[2]];
}

function readJson(path: string, option: string) {
  const parsed = z.json().safeParse(readDocumentFile(path, option));
  if (!parsed.success) throw new UsageError(`${option}: ${path}: not a JSON value`);
  return parsed.data;
}

function readMock(parse: (value: unknown) => Mock, name: string, path: string): Mock {
  const option = `--mock ${name}`;
  try {
    return parse(readDocumentFile(path, option));
  } catch (error) {
    if (error instanceof UsageError || !(error instanceof Error)) throw error;
    throw new UsageError(`${option}: ${path}: ${error.message}`);
  }
}

/** The path (virtual time, then the event), each step's output, and the run's own. */
function printResult(result: OfflineResult): void {
  // The run's creation, on the virtual clock: every offset counts from it.
  const startedAt = Date.parse(result.run.created_at);
  printPath(result.history, startedAt, "");
  for (const child of result.children) {
    print(color.dim(`child run ${child.run.id} (job ${child.run.job}): ${child.run.status}`));
    printPath(child.history, startedAt, "  ");
  }
  print();
  printTable(
    ["STEP", "STATUS", "ATTEMPTS", "OUTPUT"],
    result.steps.map((step) => [
      step.id,
      step.status,
      String(step.attempts),
      step.output === null ? "" : JSON.stringify(step.output),
    ]),
  );
  const { run } = result;
  if (run.status === "succeeded") {
    print();
    print(JSON.stringify(run.output, null, 2));
  }
  const where = run.failed_step ? ` at step ${run.failed_step}` : "";
  const error = run.error ? `: ${run.error.type}: ${run.error.message}` : "";
  const took = `(virtual time ${formatOffset(lastAt(result.history) - startedAt)})`;
  printError(
    run.status === "succeeded"
      ? color.green(`run succeeded ${took}`)
      : color.red(`run ${run.status}${where}${error} ${took}`),
  );
}

function printPath(history: readonly HistoryRecord[], startedAt: number, indent: string): void {
  for (const record of history.filter((event) => PATH_EVENTS.has(event.type))) {
    const offset = formatOffset(Date.parse(record.at) - startedAt).padStart(8);
    print(`${indent}${color.dim(offset)} ${describeEvent(record)}`);
  }
}

function lastAt(history: readonly HistoryRecord[]): number {
  const last = history.at(-1);
  return last ? Date.parse(last.at) : 0;
}

/** `+0s`, `+250ms`, `+10s`, `+1h30m`, `+2d`: how far into the run, on the virtual clock. */
function formatOffset(ms: number): string {
  if (ms < 60_000) return `+${ms === 0 ? "0s" : formatMs(ms)}`;
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000],
  ];
  let rest = ms;
  let text = "";
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) text += `${count}${unit}`;
  }
  return `+${text}`;
}
