import type { HistoryRecord, Json } from "./types";

/**
 * One bar of the timeline, from start to end (ms): a step's whole execution (`step`), and
 * over it its attempts, waits and child runs.
 */
export interface Segment {
  kind: "step" | "attempt" | "wait" | "child";
  start: number;
  /** null while it goes on. */
  end: number | null;
  outcome: "running" | "succeeded" | "failed" | "interrupted" | "cancelled";
  label: string;
  /** For child runs: the run to link to. */
  runId?: string;
}

export interface TimelineRow {
  stepId: string;
  segments: Segment[];
}

/** An event's `data` as an object (the API documents it as any JSON value). */
const asObject = (data: unknown): Record<string, Json> =>
  data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, Json>)
    : {};

/**
 * Turns the run's history into one row per step instance, in the order the steps started:
 * each attempt (with its retries), each wait, each child run. What has not ended yet stays
 * open (`end: null`) and the view draws it up to now.
 */
export function buildTimeline(events: readonly HistoryRecord[]): TimelineRow[] {
  const rows = new Map<string, Segment[]>();
  // What is open per step: its execution (`step`) and the attempt, wait or child inside it.
  const open = new Map<string, Segment>();
  const openInner = new Map<string, Segment>();
  const closeIn = (
    map: Map<string, Segment>,
    stepId: string,
    at: number,
    outcome: Segment["outcome"],
  ) => {
    const segment = map.get(stepId);
    if (!segment) return;
    segment.end = at;
    segment.outcome = outcome;
    map.delete(stepId);
  };
  const closeInner = (stepId: string, at: number, outcome: Segment["outcome"]) =>
    closeIn(openInner, stepId, at, outcome);
  const close = (stepId: string, at: number, outcome: Segment["outcome"]) => {
    closeInner(stepId, at, outcome);
    closeIn(open, stepId, at, outcome);
  };
  const begin = (stepId: string, segment: Segment) => {
    const map = segment.kind === "step" ? open : openInner;
    if (segment.kind === "step") close(stepId, segment.start, "interrupted");
    else closeInner(stepId, segment.start, "interrupted");
    const row = rows.get(stepId) ?? [];
    row.push(segment);
    rows.set(stepId, row);
    map.set(stepId, segment);
  };
  for (const event of events) {
    const stepId = event.step_id;
    if (stepId === null) continue;
    const at = Date.parse(event.at);
    const data = asObject(event.data);
    switch (event.type) {
      case "step_started":
        begin(stepId, {
          kind: "step",
          start: at,
          end: null,
          outcome: "running",
          label: `execution ${data.execution ?? 1}`,
        });
        break;
      case "attempt_started":
        // A wait still open when an attempt starts is a slot wait, which the attempt ends.
        if (openInner.get(stepId)?.kind === "wait") closeInner(stepId, at, "succeeded");
        begin(stepId, {
          kind: "attempt",
          start: at,
          end: null,
          outcome: "running",
          label: `attempt ${data.attempt ?? "?"}`,
        });
        break;
      case "wait_started":
        begin(stepId, {
          kind: "wait",
          start: at,
          end: null,
          outcome: "running",
          label: waitLabel(data),
        });
        break;
      case "child_started":
        begin(stepId, {
          kind: "child",
          start: at,
          end: null,
          outcome: "running",
          label: "child run",
          runId: typeof data.run_id === "string" ? data.run_id : undefined,
        });
        break;
      case "attempt_failed":
        closeInner(stepId, at, "failed");
        break;
      case "attempt_interrupted":
      case "attempt_discarded":
        closeInner(stepId, at, "interrupted");
        break;
      case "step_succeeded":
        close(stepId, at, "succeeded");
        break;
      case "step_failed":
      case "step_caught":
        close(stepId, at, "failed");
        break;
      case "step_cancelled":
        close(stepId, at, "cancelled");
        break;
      default:
        break;
    }
  }
  return [...rows].map(([stepId, segments]) => ({ stepId, segments }));
}

function waitLabel(data: Record<string, unknown>): string {
  if (typeof data.slot === "string") return `waits for a slot of ${data.slot}`;
  return typeof data.event === "string" ? `waits for ${data.event}` : "waits";
}
