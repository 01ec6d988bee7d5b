import type { JsonValue, RunPlan } from "../definition/ir";
import type { FinishedRunStatus } from "../statuses";
import { matchCatch } from "./policy";
import type { StepError } from "./step-error";
import type { RunStore, StepRow } from "./store/run-store";

/**
 * The synchronous moves of a run. Each function expects to be called inside the store's
 * `transaction`, together with whatever produced its input, so a step's result and the
 * run's next move are committed at once (or not at all).
 */

export function emptyStep(stepId: string): StepRow {
  return {
    step_id: stepId,
    status: "pending",
    executions: 0,
    attempts: 0,
    total_attempts: 0,
    interruptions: 0,
    input: null,
    output: null,
    error: null,
    started_at: null,
    finished_at: null,
  };
}

/** The row of a step entering a new execution (a loop re-enters a step). */
export function enteredStep(previous: StepRow, now: number): StepRow {
  return {
    ...previous,
    status: "running",
    executions: previous.executions + 1,
    attempts: 0,
    interruptions: 0,
    input: null,
    output: null,
    error: null,
    started_at: now,
    finished_at: null,
  };
}

/** A run leaves `queued` (first move) or `waiting` (a wait ended) when work resumes. */
export function markRunning(store: RunStore, now: number): void {
  const run = store.readRun();
  if (run.status === "queued") store.setStatus("running", { started_at: now });
  else if (run.status === "waiting") store.setStatus("running");
}

/** Commits a step's output and moves on to `next` (default: the step's own `next`). */
export function succeedStep(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  output: JsonValue,
  now: number,
  next: string | null = plan.job.steps[row.step_id]?.next ?? null,
): void {
  recordSuccess(store, row, output, now);
  advance(store, plan, row.step_id, now, output, next);
}

/** A `succeed` step: its output is the run's, and the run ends here. */
export function succeedRun(store: RunStore, row: StepRow, output: JsonValue, now: number): void {
  recordSuccess(store, row, output, now);
  finishRun(store, "succeeded", now, { output });
}

function recordSuccess(store: RunStore, row: StepRow, output: JsonValue, now: number): void {
  store.writeStep({ ...row, status: "succeeded", output, error: null, finished_at: now });
  store.append({ type: "step_succeeded", step_id: row.step_id, data: { output } });
}

/** A step that cannot succeed: its `catch` route takes over, or the run fails. */
export function failStep(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  error: StepError,
  now: number,
): void {
  const step = plan.job.steps[row.step_id];
  const route = step?.type === "task" ? matchCatch(step.catch, error) : null;
  if (route) {
    // The error becomes the step's output so later steps can read `output.<id>.error`.
    const output = { error: { type: error.type, message: error.message } };
    store.writeStep({ ...row, status: "failed", error, output, finished_at: now });
    store.append({ type: "step_caught", step_id: row.step_id, data: { error, next: route.next } });
    store.addTimer("activate", route.next, now);
    return;
  }
  store.writeStep({ ...row, status: "failed", error, finished_at: now });
  store.append({ type: "step_failed", step_id: row.step_id, data: { error } });
  finishRun(store, "failed", now, { error, failed_step: row.step_id });
}

export function skipStep(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  reason: string,
  now: number,
): void {
  store.writeStep({ ...row, status: "skipped", finished_at: now });
  store.append({ type: "step_skipped", step_id: row.step_id, data: { reason } });
  advance(store, plan, row.step_id, now, null);
}

/** Moves control on from a settled step: to its `next`, or the run ends with its output. */
export function advance(
  store: RunStore,
  plan: RunPlan,
  stepId: string,
  now: number,
  output: JsonValue,
  next: string | null = plan.job.steps[stepId]?.next ?? null,
): void {
  if (next !== null) store.addTimer("activate", next, now);
  else finishRun(store, "succeeded", now, { output });
}

export function finishRun(
  store: RunStore,
  status: FinishedRunStatus,
  now: number,
  patch: { output?: JsonValue; error?: StepError; failed_step?: string | null } = {},
  reason?: string,
): void {
  store.clearTimers();
  store.setStatus(status, { ...patch, finished_at: now }, reason);
}

/** Marks every step that is mid-flight or waiting as cancelled (cancel, timeout). */
export function cancelOpenSteps(store: RunStore, reason: string, now: number): string | null {
  let open: string | null = null;
  for (const row of store.readSteps()) {
    if (row.status !== "running" && row.status !== "waiting") continue;
    open ??= row.step_id;
    store.writeStep({ ...row, status: "cancelled", finished_at: now });
    store.append({ type: "step_cancelled", step_id: row.step_id, data: { reason } });
  }
  return open;
}
