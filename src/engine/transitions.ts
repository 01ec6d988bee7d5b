import type { JsonValue, RunPlan } from "../definition/ir";
import type { FinishedRunStatus } from "../statuses";
import { dependentsOf, readiness, sinksOf } from "./dag";
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
  const duration_ms = now - (row.started_at ?? now);
  store.append({ type: "step_succeeded", step_id: row.step_id, data: { output, duration_ms } });
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
  const duration_ms = now - (row.started_at ?? now);
  store.append({ type: "step_failed", step_id: row.step_id, data: { error, duration_ms } });
  // In a DAG a failure is one branch's outcome: `on_failure` steps may still run.
  if (plan.job.mode === "dag") settleDependents(store, plan, row.step_id, now);
  else finishRun(store, "failed", now, { error, failed_step: row.step_id });
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
  if (plan.job.mode === "dag") settleDependents(store, plan, stepId, now);
  else if (next !== null) store.addTimer("activate", next, now);
  else finishRun(store, "succeeded", now, { output });
}

/**
 * After a DAG step settled: schedules each dependent whose condition now holds, skips
 * those whose condition never can (and theirs, in turn), and ends the run once nothing is
 * left to do.
 */
function settleDependents(store: RunStore, plan: RunPlan, settled: string, now: number): void {
  const { job } = plan;
  const queue = [...dependentsOf(job, settled)];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const step = job.steps[id];
    const row = store.readStep(id) ?? emptyStep(id);
    if (!step || row.status !== "pending" || store.hasStepTimer(id)) continue;
    const statuses = step.depends_on.map(
      (dependency) => store.readStep(dependency)?.status ?? "pending",
    );
    const verdict = readiness(step.condition, statuses);
    if (verdict === "run") store.addTimer("activate", id, now);
    if (verdict === "skip") {
      store.writeStep({ ...row, status: "skipped", finished_at: now });
      store.append({
        type: "step_skipped",
        step_id: id,
        data: { reason: `condition ${step.condition} cannot hold` },
      });
      queue.push(...dependentsOf(job, id));
    }
  }
  if (!store.hasOpenWork()) finishDag(store, plan, now);
}

/** A DAG run fails when any step failed; otherwise its output is its sinks' outputs. */
function finishDag(store: RunStore, plan: RunPlan, now: number): void {
  const rows = store.readSteps();
  const failed = rows
    .filter((row) => row.status === "failed")
    .sort((a, b) => (a.finished_at ?? 0) - (b.finished_at ?? 0))[0];
  if (failed) {
    finishRun(store, "failed", now, {
      error: failed.error ?? undefined,
      failed_step: failed.step_id,
    });
    return;
  }
  const byId = new Map(rows.map((row) => [row.step_id, row]));
  const output: Record<string, JsonValue> = {};
  for (const id of sinksOf(plan.job)) {
    const row = byId.get(id);
    if (row?.status === "succeeded") output[id] = row.output;
  }
  finishRun(store, "succeeded", now, { output });
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

/**
 * Re-opens a failed or timed-out run (`POST /runs/{id}/retry`). A state machine resumes at
 * its failed step; a DAG re-runs every step that did not succeed. Each re-run is a new
 * execution, so it carries a new idempotency key. Returns what was re-opened, or null when
 * there is nothing to retry from.
 */
export function reopenRun(store: RunStore, plan: RunPlan, now: number): string | null {
  const { job } = plan;
  if (job.mode === "sequence") {
    const failedStep = store.readRun().failed_step;
    const row = failedStep ? store.readStep(failedStep) : null;
    if (!row) return null;
    store.writeStep({ ...row, status: "waiting", executions: row.executions + 1, attempts: 0 });
    store.addTimer("attempt", row.step_id, now);
    return row.step_id;
  }
  const reopened: string[] = [];
  for (const row of store.readSteps()) {
    if (row.status === "succeeded") continue;
    store.writeStep({
      ...row,
      status: "pending",
      attempts: 0,
      error: null,
      output: null,
      finished_at: null,
    });
    reopened.push(row.step_id);
  }
  const status = (id: string) => store.readStep(id)?.status ?? "pending";
  for (const id of job.order) {
    const step = job.steps[id];
    if (!step || status(id) !== "pending") continue;
    if (readiness(step.condition, step.depends_on.map(status)) === "run")
      store.addTimer("activate", id, now);
  }
  return reopened.length > 0 ? reopened.join(", ") : null;
}
