/**
 * The global cap on running runs (var MAX_RUNNING_RUNS): one gate, of the same kind as an
 * action's, whose slots are runs. A run takes its slot before its first move and gives it
 * back when it ends; until then it stays `queued`, and runs start in the order they asked.
 */

import type { GrantAnswer, SlotClaim } from "../clients/slot";
import type { Env } from "../env";
import type { RunRow } from "./store/run-store";

/** The cap's gate name; `*` keeps it apart from every action's (names start with a letter). */
export const RUN_GATE = "*running-runs";
/** The instance of a run's own slot (step instances are never empty). */
export const RUN_SLOT = "";

/** MAX_RUNNING_RUNS as a positive integer; null (no cap) when absent, empty or not one. */
export function runCapOf(env: Env): number | null {
  const raw = env.MAX_RUNNING_RUNS;
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const cap = Number(raw);
  return Number.isInteger(cap) && cap > 0 ? cap : null;
}

/**
 * The slot a run holds under the cap, or null: no cap configured, or a `run_job` child (its
 * parent holds a slot already, and making children queue behind parents that wait for them
 * could fill the cap with parents and deadlock). Runs always end and release, so the slot
 * has no lease.
 */
export function runClaimFor(env: Env, run: RunRow): SlotClaim | null {
  const cap = runCapOf(env);
  if (cap === null || run.parent !== null) return null;
  return {
    action: RUN_GATE,
    terms: { limit: cap, lease_ms: null },
    key: { run_id: run.run_id, instance: RUN_SLOT, execution: 0, attempt: 1 },
  };
}

/** True while a run has not made its first move: then it must take a slot first. */
export function needsRunSlot(run: RunRow): boolean {
  return run.status === "queued" && run.started_at === null;
}

/**
 * A run's answer to the grant of its run slot (the run is not finished). A queued run
 * accepts and is armed by the caller; one already started holds it; one paused before it
 * started declines and asks again, at the back, when resumed.
 */
export function answerRunGrant(run: RunRow): GrantAnswer {
  return run.status === "paused" && run.started_at === null ? "declined" : "accepted";
}
