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

/** A turn's lines past this many are written at once: a long inline chain holds no more. */
export const MAX_HELD_LINES = 500;

type Level = "log" | "warn";

/**
 * Logs a run object's events: the lines of every commit are held and written together by
 * `flush`, which the run object calls when it answers (so a run seen ended has its lines
 * out) and when its drive loop goes idle with calls in flight; past MAX_HELD_LINES they are
 * written at once. A console call is what costs (under `wrangler dev` each one crosses to
 * Node: half a `pass` step's CPU when written per commit, bench/README.md "Last run"), not a
 * line, so an inline chain of any length costs one call. Consecutive lines of one level share
 * a call, so the order stays. Holding them also keeps the console off the turn a call's
 * request leaves from (bench/README.md, "The HTTP task's wait, session 11"). No timer writes
 * them: a timer left pending by a start made the graceful eviction right after it hang
 * (test/engine/crash.test.ts, "finishes a run evicted right after it was started"). One per
 * run object, so each line is written from an invocation of its own run.
 */
export class EventLog {
  private held: { level: Level; text: string }[] = [];

  write(run: LoggedRun, events: readonly HistoryEvent[]): void {
    if (events.length === 0) return;
    for (const event of events)
      this.held.push({ level: isFailure(event) ? "warn" : "log", text: eventLine(run, event) });
    if (this.held.length >= MAX_HELD_LINES) this.flush();
  }

  /** Writes the held lines, one console call per run of lines of one level. */
  flush(): void {
    const lines = this.held;
    this.held = [];
    let from = 0;
    for (let i = 1; i <= lines.length; i++) {
      if (i < lines.length && lines[i]?.level === lines[from]?.level) continue;
      const level = lines[from]?.level ?? "log";
      console[level](
        lines
          .slice(from, i)
          .map((line) => line.text)
          .join("\n"),
      );
      from = i;
    }
  }
}

function isFailure(event: HistoryEvent): boolean {
  return event.type.endsWith("_failed") || event.type === "attempt_interrupted";
}

function outcomeOf(type: HistoryEvent["type"]): string | undefined {
  const [, outcome] = type.split("_");
  return outcome;
}
