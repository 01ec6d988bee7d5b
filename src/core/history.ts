import { z } from "zod";
import type { JsonObject, JsonValue } from "./json";
import type { RunStatus } from "./statuses";
import type { StepError } from "./step-error";

/**
 * Everything that happens to a run, appended in order and never rewritten. The union is the
 * contract between the engine that writes events and the API that serves them, so adding a
 * kind of event is a change here first.
 */
export type HistoryEvent =
  | { type: "run_created"; data: { params: JsonObject; trigger: string } }
  | { type: "run_status"; data: { from: RunStatus; to: RunStatus; reason?: string } }
  | {
      type: "run_retried";
      /** Where it re-runs from (null: every DAG step that did not succeed) and the params it changed. */
      data: { from: string | null; params?: { before: JsonObject; after: JsonObject } };
    }
  | { type: "step_started"; step_id: string; data: { execution: number } }
  | { type: "step_skipped"; step_id: string; data: { reason: string } }
  | {
      type: "attempt_started";
      step_id: string;
      data: { attempt: number; idempotency_key: string; input?: JsonValue };
    }
  | {
      type: "attempt_failed";
      step_id: string;
      data: { attempt: number; error: StepError; retry_in_ms?: number };
    }
  | { type: "attempt_interrupted"; step_id: string; data: { attempt: number } }
  | { type: "attempt_discarded"; step_id: string; data: { attempt: number; reason: string } }
  | {
      type: "wait_started";
      step_id: string;
      /** `event` for a wait_for_event step; `slot` names the action whose concurrency slot a task waits for. */
      data: { until: string | null; event?: string; slot?: string };
    }
  | { type: "child_started"; step_id: string; data: { run_id: string } }
  | { type: "event_received"; data: { name: string; seq: number; taken_by: string | null } }
  | { type: "choice_made"; step_id: string; data: { next: string } }
  | { type: "step_succeeded"; step_id: string; data: { output: JsonValue; duration_ms?: number } }
  | { type: "step_failed"; step_id: string; data: { error: StepError; duration_ms?: number } }
  | { type: "step_caught"; step_id: string; data: { error: StepError; next: string } }
  | { type: "step_cancelled"; step_id: string; data: { reason: string } };

export type HistoryEventType = HistoryEvent["type"];

/** A stored event as `GET /runs/{id}/history` serves it. */
export interface HistoryRecord {
  seq: number;
  at: string;
  type: HistoryEventType;
  step_id: string | null;
  data: JsonValue;
  /** The lifecycle name subscribers know this event by (`run.started`, `step.retrying`), if any. */
  event: string | null;
}

export const HistoryRecordSchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  type: z.string(),
  step_id: z.string().nullable(),
  data: z.json(),
  event: z.string().nullable(),
});
