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
export function logEvent(run: LoggedRun, event: HistoryEvent): void {
  const data = event.data as Record<string, unknown>;
  const error = data.error as { type?: string } | undefined;
  const line = {
    event: event.type,
    run_id: run.run_id,
    job: run.job,
    step_id: "step_id" in event ? event.step_id : undefined,
    attempt: typeof data.attempt === "number" ? data.attempt : undefined,
    duration_ms: typeof data.duration_ms === "number" ? data.duration_ms : undefined,
    outcome: "to" in data ? data.to : outcomeOf(event.type),
    error_type: error?.type,
    retry_in_ms: typeof data.retry_in_ms === "number" ? data.retry_in_ms : undefined,
  };
  const failed = event.type.endsWith("_failed") || event.type === "attempt_interrupted";
  (failed ? console.warn : console.log)(JSON.stringify(line));
}

function outcomeOf(type: HistoryEvent["type"]): string | undefined {
  const [, outcome] = type.split("_");
  return outcome;
}
