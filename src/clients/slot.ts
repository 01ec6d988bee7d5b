/**
 * What the engine and a gate say to each other about one slot. A slot is asked for by one
 * attempt of one step instance of one run; the four fields are its identity, so every
 * call about it is idempotent.
 */
export interface SlotKey {
  run_id: string;
  instance: string;
  execution: number;
  /** The attempt number the slot is for (a crash repeats it, so the holder stays the same). */
  attempt: number;
}

/** `granted`: call now. `queued`: wait; the gate calls the run's `grantSlot` in turn. */
export type AcquireResult = "granted" | "queued";

/**
 * The run's answer to a grant: `accepted` (it will attempt, or already is), `declined` (the
 * run or step has moved on: the slot goes to the next waiter), `later` (the step has not
 * committed its wait yet: ask again shortly).
 */
export type GrantAnswer = "accepted" | "declined" | "later";

/**
 * How many slots a gate has, and how long a holder keeps one without releasing it (null:
 * until released, for holders that always release, like runs that always end).
 */
export interface GateTerms {
  limit: number;
  lease_ms: number | null;
}

/** A holder that has not released its slot within this is presumed gone (longest attempt + margin). */
export const SLOT_LEASE_MS = 15 * 60_000;
/** How soon a grant that was not accepted (`later`, or the call failed) is sent again. */
export const GRANT_RETRY_MS = 1_000;

/** One attempt's claim on a capped action. */
export interface SlotClaim {
  /** The gate's name: the action's, or RUN_GATE for the cap on running runs. */
  action: string;
  terms: GateTerms;
  key: SlotKey;
}
