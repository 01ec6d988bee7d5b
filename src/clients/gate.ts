/**
 * An action gate's protocol and its typed client: the interface ActionGate implements, and
 * the only way other files reach a gate.
 */
import type { Env } from "../env";
import { type Remote, remote } from "./rpc";
import type { AcquireResult, GateTerms, SlotKey } from "./slot";

/**
 * `waiting`: in the FIFO queue. `granted`: given a slot, the run not yet told (or it said
 * `later`). `held`: the run has it. Granted and held rows both count against the limit.
 */
export type SlotState = "waiting" | "granted" | "held";

export interface SlotRow extends SlotKey {
  seq: number;
  state: SlotState;
  lease_until: number | null;
  retry_at: number | null;
}

/** A gate's terms and every slot row (held and waiting), for inspection. */
export interface GateView extends GateTerms {
  slots: SlotRow[];
}

/** What a gate answers over RPC (ActionGate implements it). */
export interface GateProtocol {
  acquire(key: SlotKey, terms: GateTerms): Promise<AcquireResult>;
  release(key: SlotKey): Promise<void>;
  describe(): GateView;
}

export type GateClient = Remote<GateProtocol>;

/** The gate of an action (named by the action). */
export function gateClient(env: Env, action: string): GateClient {
  return remote(env.ACTION_GATES, action);
}
