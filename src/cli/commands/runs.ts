import { type CairnClient, expectOk, type HistoryEvent, type RunStatus } from "../../client";
import { connect } from "../config";
import { EXIT, type ExitCode } from "../errors";
import { formatEvent, formatMs } from "../events";
import { followToEnd } from "../follow";
import { color, print, printError, printJson, printTable } from "../output";

export interface ListOptions {
  job?: string;
  status?: string;
  limit: number;
  json?: boolean;
}

/** `cairn runs`: the run index, newest first, with full ids. */
export async function runsCommand(options: ListOptions): Promise<ExitCode> {
  const page = await expectOk(
    connect().GET("/runs", {
      params: {
        query: {
          limit: options.limit,
          ...(options.job === undefined ? {} : { job: options.job }),
          ...(options.status === undefined ? {} : { status: options.status as RunStatus }),
        },
      },
    }),
  );
  if (options.json) {
    printJson(page);
    return EXIT.ok;
  }
  printTable(
    ["ID", "JOB", "VERSION", "STATUS", "CREATED"],
    page.items.map((run) => [
      run.id,
      run.job,
      String(run.version),
      colorStatus(run.status),
      run.created_at,
    ]),
  );
  if (page.next_cursor) printError(color.dim("(more runs match: raise --limit, up to 200)"));
  return EXIT.ok;
}

export interface ReadOptions {
  json?: boolean;
}

/** `cairn show <run>`: the run and its steps. */
export async function showCommand(id: string, options: ReadOptions): Promise<ExitCode> {
  const client = connect();
  const path = { params: { path: { id } } };
  const run = await expectOk(client.GET("/runs/{id}", path));
  const { steps } = await expectOk(client.GET("/runs/{id}/steps", path));
  if (options.json) {
    printJson({ run, steps });
    return EXIT.ok;
  }
  print(`${color.bold(run.id)}  ${run.job} v${run.version}  ${colorStatus(run.status)}`);
  print(
    `  created ${run.created_at}  started ${run.started_at ?? "-"}  finished ${run.finished_at ?? "-"}`,
  );
  print(`  params  ${JSON.stringify(run.params)}`);
  if (run.output !== null) print(`  output  ${JSON.stringify(run.output)}`);
  if (run.error)
    print(
      `  error   ${color.red(`${run.error.type}: ${run.error.message}`)}${run.failed_step ? ` (step ${run.failed_step})` : ""}`,
    );
  print();
  printTable(
    ["STEP", "STATUS", "ATTEMPTS", "TIME", "ERROR"],
    steps.map((step) => [
      step.id,
      colorStatus(step.status),
      String(step.attempts),
      duration(step.started_at, step.finished_at),
      step.error ? `${step.error.type}: ${step.error.message}` : "",
    ]),
  );
  return EXIT.ok;
}

export interface LogsOptions {
  follow?: boolean;
  json?: boolean;
}

/** `cairn logs <run>`: its history; with --follow, live until the run ends. */
export async function logsCommand(id: string, options: LogsOptions): Promise<ExitCode> {
  const client = connect();
  if (options.follow) {
    await followToEnd(client, id, {
      format: formatLogLine,
      out: process.stdout,
      progress: false,
      json: options.json === true,
    });
    return EXIT.ok;
  }
  const events = await readHistory(client, id);
  if (options.json) printJson({ events });
  else
    for (const event of events)
      print(`${color.dim(String(event.seq).padStart(4))} ${formatEvent(event)}`);
  return EXIT.ok;
}

function formatLogLine(event: HistoryEvent): string {
  return `${color.dim(String(event.seq).padStart(4))} ${formatEvent(event)}`;
}

async function readHistory(client: CairnClient, id: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await expectOk(
      client.GET("/runs/{id}/history", { params: { path: { id }, query: { after, limit: 1000 } } }),
    );
    events.push(...page.events);
    if (page.next_cursor === null) return events;
    after = Number(page.next_cursor);
  }
}

export const CONTROLS = ["cancel", "pause", "resume", "retry"] as const;
export type Control = (typeof CONTROLS)[number];

/** `cairn cancel|pause|resume|retry <run>`: prints the run's status afterwards. */
export async function controlCommand(
  control: Control,
  id: string,
  options: ReadOptions,
): Promise<ExitCode> {
  const client = connect();
  const path = { params: { path: { id } } };
  const pending = {
    cancel: () => client.POST("/runs/{id}/cancel", path),
    pause: () => client.POST("/runs/{id}/pause", path),
    resume: () => client.POST("/runs/{id}/resume", path),
    retry: () => client.POST("/runs/{id}/retry", path),
  }[control];
  const run = await expectOk(pending());
  if (options.json) printJson(run);
  else print(`${run.id} ${colorStatus(run.status)}`);
  return EXIT.ok;
}

const STATUS_COLORS: Record<string, (text: string) => string> = {
  succeeded: color.green,
  failed: color.red,
  timed_out: color.red,
  cancelled: color.yellow,
  running: color.cyan,
  waiting: color.blue,
  paused: color.yellow,
};

function colorStatus(status: string): string {
  return (STATUS_COLORS[status] ?? ((text: string) => text))(status);
}

function duration(started: string | null, finished: string | null): string {
  if (started === null || finished === null) return "-";
  return formatMs(Date.parse(finished) - Date.parse(started));
}
