import type { HistoryEvent } from "./history";

/** Lifecycle events a subscription can receive; names are part of the public contract. */
export const LIFECYCLE_EVENTS = [
  "run.queued",
  "run.started",
  "run.waiting",
  "run.succeeded",
  "run.failed",
  "run.cancelled",
  "run.timed_out",
  "step.started",
  "step.succeeded",
  "step.failed",
  "step.retrying",
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** What a subscription's `events` may list: a name, a family wildcard, or everything. */
export const EVENT_PATTERNS = ["*", "run.*", "step.*", ...LIFECYCLE_EVENTS] as const;
export type EventPattern = (typeof EVENT_PATTERNS)[number];

const RUN_ENDINGS: Record<string, LifecycleEvent> = {
  succeeded: "run.succeeded",
  failed: "run.failed",
  cancelled: "run.cancelled",
  timed_out: "run.timed_out",
};

/**
 * The lifecycle event a history event announces, or null for the bookkeeping ones (attempts
 * started, waits, choices...). `run.started` is the move out of `queued` into `running`,
 * which happens once (a resume or a retry comes from `paused` or a finished status);
 * `step.retrying` is an attempt that failed with a retry scheduled.
 */
export function toLifecycleEvent(event: HistoryEvent): LifecycleEvent | null {
  switch (event.type) {
    case "run_created":
      return "run.queued";
    case "run_status": {
      const { from, to } = event.data;
      if (to === "running") return from === "queued" ? "run.started" : null;
      if (to === "waiting") return "run.waiting";
      return RUN_ENDINGS[to] ?? null;
    }
    case "step_started":
      return "step.started";
    case "step_succeeded":
      return "step.succeeded";
    case "step_failed":
      return "step.failed";
    case "attempt_failed":
      return event.data.retry_in_ms === undefined ? null : "step.retrying";
    default:
      return null;
  }
}

/** Whether `event` is selected by any of `patterns` (`*`, `run.*`, `step.*` or a name). */
export function matchesEvent(patterns: readonly string[], event: LifecycleEvent): boolean {
  const family = `${event.split(".")[0]}.*`;
  return patterns.some((pattern) => pattern === "*" || pattern === event || pattern === family);
}
