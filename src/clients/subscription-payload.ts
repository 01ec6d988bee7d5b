import type { JsonValue } from "../core/json";
import type { LifecycleEvent } from "../core/lifecycle";

/** One lifecycle event as a subscriber receives it (the JSON body of a delivery). */
export interface LifecyclePayload {
  type: LifecycleEvent;
  run_id: string;
  job: string;
  step_id?: string;
  /** When the event happened (ISO 8601), not when it was delivered. */
  at: string;
  /** The history event's data: the status move, the step's output or error, the retry delay. */
  data: JsonValue;
}

/** An event handed to a subscription: its stable id (`<run_id>:<history seq>`) and body. */
export interface OutgoingEvent {
  id: string;
  payload: LifecyclePayload;
}
