import type { JsonValue } from "../core/json";
import type { StepError } from "../core/step-error";
import type { ActionSpec, ActionType } from "../definition/ir";
import type { Env } from "../env";
import type { TemplateScope } from "../templates/scope";

/** One attempt of an action, as the engine asks for it. */
export interface ActionCall {
  spec: ActionSpec;
  /** The step's scope; `input` is already the rendered `with:` of the step. */
  scope: TemplateScope;
  /** Sent as `Idempotency-Key` so targets can deduplicate a re-executed attempt. */
  idempotencyKey: string;
  /** Per-attempt timeout; exceeding it fails the attempt with the retryable type `timeout`. */
  timeoutMs: number;
  /** The engine's cancel signal (run cancelled, paused or shutting down). */
  signal: AbortSignal;
  env: Env;
}

/** What the history records about the outbound call (never bodies or headers: they may hold secrets). */
export interface CallRecord {
  kind: ActionType;
  method?: string;
  /** Without the query string, which may carry secrets. */
  url?: string;
  status?: number;
  duration_ms: number;
}

export type ActionOutcome =
  | { ok: true; output: JsonValue; call: CallRecord }
  | { ok: false; error: StepError; call?: CallRecord };
