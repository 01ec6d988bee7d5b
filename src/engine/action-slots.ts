/**
 * The engine's side of per-action concurrency: which attempts need a slot, asking for and
 * giving back slots, and the run's answer when a gate grants one.
 */

import { gateClient } from "../clients/gate";
import {
  type AcquireResult,
  type GrantAnswer,
  SLOT_LEASE_MS,
  type SlotClaim,
  type SlotKey,
} from "../clients/slot";
import { isFinishedRunStatus } from "../core/statuses";
import type { ActionSpec, TaskStep } from "../definition/ir";
import type { Env } from "../env";
import { answerRunGrant, RUN_SLOT } from "./run-cap";
import type { RunStore, StepRow } from "./store/run-store";

/**
 * The slot the next attempt of `row` needs, or null when its action has no `concurrency`.
 * Only stored actions can be capped (the cap is kept per name), so inline ones never are.
 */
export function claimFor(
  runId: string,
  step: TaskStep,
  action: ActionSpec,
  row: StepRow,
): SlotClaim | null {
  if (!action.concurrency || step.action.kind !== "named") return null;
  return {
    action: step.action.name,
    terms: { limit: action.concurrency.limit, lease_ms: SLOT_LEASE_MS },
    key: {
      run_id: runId,
      instance: row.step_id,
      execution: row.executions,
      attempt: row.attempts + 1,
    },
  };
}

/** Asks the gate for a slot; throws when the gate cannot be reached. */
export function acquireSlot(env: Env, claim: SlotClaim): Promise<AcquireResult> {
  return gateClient(env, claim.action).acquire(claim.key, claim.terms);
}

/** How soon a step whose gate could not be reached asks again. */
export const GATE_RETRY_MS = 5_000;

/**
 * A step's ask for its attempt's slot: `unavailable` when the gate cannot be reached, which
 * is the gate's trouble, not the step's, so the step asks again rather than failing.
 */
export async function askForSlot(
  env: Env,
  claim: SlotClaim,
): Promise<AcquireResult | "unavailable"> {
  try {
    return await acquireSlot(env, claim);
  } catch (error) {
    console.error(`cairn: asking action ${claim.action} for a slot failed`, error);
    return "unavailable";
  }
}

/** Gives the slot back; throws when the gate cannot be reached (see releaseSlot). */
export function returnSlot(env: Env, claim: SlotClaim): Promise<void> {
  return gateClient(env, claim.action).release(claim.key);
}

/** Gives the slot back; a failure is logged, and the gate's lease frees the slot later. */
export async function releaseSlot(env: Env, claim: SlotClaim): Promise<void> {
  try {
    await returnSlot(env, claim);
  } catch (error) {
    console.error(`cairn: releasing a slot of action ${claim.action} failed`, error);
  }
}

/**
 * A step that could not get a slot of `action` waits, and its history says so (the dashboard's
 * timeline draws it). Queued, with no timer: nothing moves it until the gate's grant adds
 * one, so the run sleeps (no alarm, no memory) meanwhile. Gate unavailable: it asks again
 * after GATE_RETRY_MS.
 */
export function waitForSlot(
  store: RunStore,
  row: StepRow,
  wait: { action: string; why: "queued" | "unavailable" },
  now: number,
): void {
  store.writeStep({ ...row, status: "waiting" });
  const retryAt = wait.why === "unavailable" ? now + GATE_RETRY_MS : null;
  store.append({
    type: "wait_started",
    step_id: row.step_id,
    data: { until: retryAt === null ? null : new Date(retryAt).toISOString(), slot: wait.action },
  });
  if (retryAt !== null) store.timers.addTimer("attempt", row.step_id, retryAt);
}

/**
 * The run's answer to a gate's grant (inside a transaction). The step waiting for exactly
 * this slot gets an `attempt` timer, which acquires again and is granted at once. A step
 * still between asking and committing its wait (a timer pending) is asked again `later`;
 * anything that moved on declines, and the slot passes to the next waiter.
 */
export function answerGrant(store: RunStore, key: SlotKey, now: number): GrantAnswer {
  if (!store.exists() || isFinishedRunStatus(store.readRun().status)) return "declined";
  if (key.instance === RUN_SLOT) return answerRunGrant(store.readRun());
  const row = store.readStep(key.instance);
  const current = row?.executions === key.execution;
  if (current && row.status === "running" && row.attempts === key.attempt) return "accepted";
  if (store.timers.hasStepTimer(key.instance)) return "later";
  if (!current || row.status !== "waiting" || row.attempts + 1 !== key.attempt) return "declined";
  store.timers.addTimer("attempt", key.instance, now);
  return "accepted";
}
