import type { HistoryEvent } from "../core/history";

export interface LoggedRun {
  run_id: string;
  job: string;
}

/**
 * One JSON line per run event for Workers Logs: who (run, job, step), what (the event and
 * its outcome) and how long. Event data is already redacted when it is written; the line
 * carries only these summary fields, never inputs or outputs.
 */
function eventLine(run: LoggedRun, event: HistoryEvent): string {
  const data = event.data as Record<string, unknown>;
  const error = data.error as { type?: string } | undefined;
  return JSON.stringify({
    event: event.type,
    run_id: run.run_id,
    job: run.job,
    step_id: "step_id" in event ? event.step_id : undefined,
    attempt: typeof data.attempt === "number" ? data.attempt : undefined,
    duration_ms: typeof data.duration_ms === "number" ? data.duration_ms : undefined,
    outcome: "to" in data ? data.to : outcomeOf(event.type),
    error_type: error?.type,
    retry_in_ms: typeof data.retry_in_ms === "number" ? data.retry_in_ms : undefined,
  });
}

/** Writes of commits that journaled a call, held until their turn is over, oldest first. */
const held: (() => void)[] = [];

/**
 * Logs the events of one commit: their lines joined by newlines in one `console.log`, and
 * the failures' in one `console.warn`. A console call is what costs (under `wrangler dev`
 * each one crosses to Node), not a line, so a commit costs at most two.
 *
 * A commit that journals an attempt is written after its turn (or just before the next
 * commit's lines, so the order stays): the call's request leaves only once that turn is
 * over, and the console calls held it up by about 6 ms under `wrangler dev` (bench/README.md,
 * "The HTTP task's wait, session 11"). Every other commit is written at once.
 */
export function logEvents(run: LoggedRun, events: readonly HistoryEvent[]): void {
  const lines: Record<"log" | "warn", string[]> = { log: [], warn: [] };
  for (const event of events) lines[isFailure(event) ? "warn" : "log"].push(eventLine(run, event));
  const write = () => {
    if (lines.log.length > 0) console.log(lines.log.join("\n"));
    if (lines.warn.length > 0) console.warn(lines.warn.join("\n"));
  };
  writeHeld();
  if (!events.some((event) => event.type === "attempt_started")) {
    write();
    return;
  }
  held.push(write);
  if (held.length === 1) setTimeout(writeHeld, 0);
}

function writeHeld(): void {
  for (const write of held.splice(0)) write();
}

function isFailure(event: HistoryEvent): boolean {
  return event.type.endsWith("_failed") || event.type === "attempt_interrupted";
}

function outcomeOf(type: HistoryEvent["type"]): string | undefined {
  const [, outcome] = type.split("_");
  return outcome;
}
