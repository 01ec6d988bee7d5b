/**
 * What the engine reaches outside the run's own storage, as one interface: the clock, the
 * action call, child runs, the action and run slot gates, the D1 index mirror and the end
 * announcement. The run object passes `workerPorts(env)` (worker-ports.ts); the offline
 * harness (src/harness) passes its own, with a virtual clock and mocked actions. Step
 * handlers and transitions are the same code either way.
 */

import type { ActionCall, ActionOutcome } from "../actions/types";
import type { ParentRef } from "../clients/run";
import type { AcquireResult, SlotClaim } from "../clients/slot";
import type { JsonObject } from "../core/json";
import type { TaskStep } from "../definition/ir";
import type { Tags } from "../definition/tags";
import type { Env } from "../env";
import type { IndexWritten } from "./mirror";
import type { RunRow } from "./store/run-store";
import type { ChildStart } from "./sub-jobs";

export interface Clock {
  now(): number;
  /** Calls `wake` at `at` (the drive loop's sleep until its next timer); returns the cancel. */
  wakeAt(at: number, wake: () => void): () => void;
}

/** Wall time, as the Worker has it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  wakeAt(at, wake) {
    const timeout = setTimeout(wake, Math.max(0, at - Date.now()));
    return () => clearTimeout(timeout);
  },
};

/** One attempt of a task's action, with the step it belongs to (the harness mocks by action name). */
export type ActionRequest = Omit<ActionCall, "env"> & { step: TaskStep; instance: string };

export interface ChildRunPorts {
  /** Starts the child of a `run_job` step; never throws (a refusal, retryable or not, is the outcome). */
  start(
    job: string,
    params: JsonObject,
    parent: ParentRef,
    idempotencyKey: string,
    tags?: Tags,
  ): Promise<ChildStart>;
  /** Cancels child runs, best effort (one that ended has nothing to cancel). */
  cancel(runIds: readonly string[]): Promise<void>;
}

/** Action concurrency slots and the run's slot under MAX_RUNNING_RUNS (src/gates). */
export interface SlotPorts {
  /** The slot a run must hold before its first move, or null (no cap, or a child run). */
  runClaim(run: RunRow): SlotClaim | null;
  /** Asks for a slot; throws when the gate cannot be reached. */
  acquire(claim: SlotClaim): Promise<AcquireResult>;
  /** Asks for a slot; `unavailable` when the gate cannot be reached. */
  ask(claim: SlotClaim): Promise<AcquireResult | "unavailable">;
  /** Gives a slot back; throws when the gate cannot be reached. */
  giveBack(claim: SlotClaim): Promise<void>;
  /** Gives a slot back; a failure is logged (the gate's lease frees it later). */
  release(claim: SlotClaim): Promise<void>;
}

export interface RunPorts {
  clock: Clock;
  /** The settings the engine reads: PUBLIC_URL (callback URLs), RUN_RETENTION (expiry). */
  settings: Pick<Env, "PUBLIC_URL" | "RUN_RETENTION">;
  /** Runs one attempt of an action; never throws for expected failures (see executeAction). */
  execute(call: ActionRequest): Promise<ActionOutcome>;
  children: ChildRunPorts;
  slots: SlotPorts;
  /**
   * Writes the run's state to the run index (guarded by seq; tags ride along the first
   * write); with `askListeners`, also finds out whether a job is `after` the run's job.
   */
  mirror(run: RunRow, tags: Tags | undefined, askListeners: boolean): Promise<IndexWritten>;
  /**
   * A finished run tells its parent's step (for a child) and, when `toCoordinator`
   * (announce.ts `tellsCoordinator`), its job's coordinator.
   */
  announceEnd(run: RunRow, toCoordinator: boolean): Promise<void>;
}
