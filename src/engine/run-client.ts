import type { JsonValue } from "../definition/ir";
import type { Env } from "../env";
import type { HistoryRecord } from "./history";
import type { RetryRequest } from "./retry-from";
import type {
  ControlResult,
  EventResult,
  Refusal,
  RunDefinition,
  StartRequest,
  StartResult,
} from "./run-object";
import type { ChildEnded } from "./sub-jobs";
import type { RunView, StepView } from "./views";

/**
 * The run object's RPC surface with the types it returns. Workers' RPC result types map
 * recursively over JSON values and exhaust the type checker, so callers go through this
 * facade instead of the raw stub.
 */
export interface RunClient {
  start(request: StartRequest): Promise<StartResult>;
  describe(): Promise<RunView | null>;
  definition(): Promise<RunDefinition | null>;
  steps(): Promise<StepView[] | null>;
  history(afterSeq: number, limit: number): Promise<HistoryRecord[] | null>;
  stream(afterSeq: number): Promise<ReadableStream<Uint8Array> | null>;
  pause(): Promise<ControlResult>;
  resume(): Promise<ControlResult>;
  cancel(): Promise<ControlResult>;
  retry(request?: RetryRequest): Promise<ControlResult>;
  deliverEvent(name: string, body: JsonValue): Promise<EventResult>;
  deliverCallback(token: string, body: JsonValue): Promise<ControlResult>;
  childEnded(ended: ChildEnded): Promise<void>;
  destroy(): Promise<{ ok: true } | Refusal>;
  wake(): Promise<boolean>;
}

/** The run object of `runId` (its name in the namespace is the run id). */
export function runClient(env: Env, runId: string): RunClient {
  return env.RUNS.get(env.RUNS.idFromName(runId)) as unknown as RunClient;
}
