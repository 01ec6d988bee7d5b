import type { JsonValue } from "../core/json";
import type { FinishedRunStatus } from "../core/statuses";
import type { StepError } from "../core/step-error";
import type { RunPlan, StepGraph } from "../definition/ir";
import { dependentsOf, readiness, sinksOf } from "./dag";
import { openFanOut, settleFanOut } from "./fan-out";
import { locate, parentOfFrame } from "./frames";
import { matchCatch } from "./policy";
import { checkStoredSize, storedBytes } from "./sizes";
import { cancelOpenSteps, emptyStep } from "./step-rows";
import type { FrameResult, RunStore, StepRow } from "./store/run-store";

/**
 * The synchronous moves of a run. Each function expects to be called inside the store's
 * `transaction`, together with whatever produced its input, so a step's result and the
 * run's next move are committed at once (or not at all). Moves stay inside the graph the
 * step belongs to (the job, a parallel branch, a map item); when that graph ends, its
 * parent hears of it (`settleFanOut`), up to the run itself.
 */

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
  next: string | null = locate(plan.job, row.step_id)?.step.next ?? null,
): void {
  if (failedTooLarge(store, plan, row, output, now)) return;
  recordSuccess(store, row, output, now);
  advance(store, plan, row.step_id, now, output, next);
}

/** A `succeed` step: its output is its graph's (the run's, at the top), and the graph ends here. */
export function succeedGraph(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  output: JsonValue,
  now: number,
): void {
  if (failedTooLarge(store, plan, row, output, now)) return;
  recordSuccess(store, row, output, now);
  const located = locate(plan.job, row.step_id);
  const succeeded = { status: "succeeded", output, error: null } as const;
  endFrame(store, plan, located?.frame ?? "", located?.graph, succeeded, now);
}

/** An output the step's row cannot hold (beside its input) fails the step instead. */
function failedTooLarge(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  output: JsonValue,
  now: number,
): boolean {
  const tooLarge = checkStoredSize("the output", output, storedBytes(row.input));
  if (tooLarge) failStep(store, plan, row, tooLarge, now);
  return tooLarge !== null;
}

function recordSuccess(store: RunStore, row: StepRow, output: JsonValue, now: number): void {
  store.writeStep({ ...row, status: "succeeded", output, error: null, finished_at: now });
  const duration_ms = now - (row.started_at ?? now);
  store.append({ type: "step_succeeded", step_id: row.step_id, data: { output, duration_ms } });
}

/** A step that cannot succeed: its `catch` route takes over, or its graph fails. */
export function failStep(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  error: StepError,
  now: number,
): void {
  const located = locate(plan.job, row.step_id);
  const route = located && "catch" in located.step ? matchCatch(located.step.catch, error) : null;
  if (located && route) {
    // The error becomes the step's output so later steps can read `output.<id>.error`.
    const output = { error: { type: error.type, message: error.message } };
    store.writeStep({ ...row, status: "failed", error, output, finished_at: now });
    store.append({ type: "step_caught", step_id: row.step_id, data: { error, next: route.next } });
    store.timers.addTimer("activate", located.frame + route.next, now);
    return;
  }
  store.writeStep({ ...row, status: "failed", error, finished_at: now });
  const duration_ms = now - (row.started_at ?? now);
  store.append({ type: "step_failed", step_id: row.step_id, data: { error, duration_ms } });
  // In a DAG a failure is one branch's outcome: `on_failure` steps may still run.
  if (located?.graph.mode === "dag") settleDependents(store, plan, row.step_id, now);
  else {
    const failed = { status: "failed", output: null, error, failed_step: row.step_id } as const;
    endFrame(store, plan, located?.frame ?? "", located?.graph, failed, now);
  }
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

/** Moves control on from a settled step: to its `next`, its DAG dependents, or the end of its graph. */
export function advance(
  store: RunStore,
  plan: RunPlan,
  instance: string,
  now: number,
  output: JsonValue,
  next: string | null = locate(plan.job, instance)?.step.next ?? null,
): void {
  const located = locate(plan.job, instance);
  const frame = located?.frame ?? "";
  if (located?.graph.mode === "dag") settleDependents(store, plan, instance, now);
  else if (next !== null) store.timers.addTimer("activate", frame + next, now);
  else {
    const succeeded = { status: "succeeded", output, error: null } as const;
    endFrame(store, plan, frame, located?.graph, succeeded, now);
  }
}

/**
 * The steps of one DAG frame, read once per move and kept up to date by the move itself:
 * deciding the dependents of a step in a wide graph would otherwise read each dependency's
 * row once per dependent.
 */
class DagFrame {
  private readonly rows: Map<string, StepRow>;
  private readonly scheduled: Set<string>;

  constructor(
    private readonly store: RunStore,
    readonly graph: StepGraph,
    readonly frame: string,
    private readonly now: number,
  ) {
    this.rows = new Map(store.readResultsIn(frame, graph.order).map((row) => [row.step_id, row]));
    this.scheduled = new Set(store.timers.timerStepsUnder(frame));
  }

  status(id: string): StepRow["status"] {
    return this.rows.get(this.frame + id)?.status ?? "pending";
  }

  /** Schedules or skips a pending step whose dependencies moved; true when it was skipped. */
  decide(id: string): boolean {
    const step = this.graph.steps[id];
    const instance = this.frame + id;
    if (!step || this.status(id) !== "pending" || this.scheduled.has(instance)) return false;
    const verdict = readiness(
      step.condition,
      step.depends_on.map((dependency) => this.status(dependency)),
    );
    if (verdict === "run") {
      this.store.timers.addTimer("activate", instance, this.now);
      this.scheduled.add(instance);
    }
    if (verdict !== "skip") return false;
    const row = this.rows.get(instance) ?? emptyStep(instance);
    const skipped = { ...row, status: "skipped" as const, finished_at: this.now };
    this.store.writeStep(skipped);
    this.store.append({
      type: "step_skipped",
      step_id: instance,
      data: { reason: `condition ${step.condition} cannot hold` },
    });
    this.rows.set(instance, skipped);
    return true;
  }
}

/**
 * After a DAG step settled: schedules each dependent whose condition now holds, skips
 * those whose condition never can (and theirs, in turn), and ends the graph once nothing in
 * it is left to do.
 */
function settleDependents(store: RunStore, plan: RunPlan, settled: string, now: number): void {
  const located = locate(plan.job, settled);
  if (!located) return;
  const dag = new DagFrame(store, located.graph, located.frame, now);
  const queue = [...dependentsOf(dag.graph, located.id)];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (dag.decide(id)) queue.push(...dependentsOf(dag.graph, id));
  }
  endDagIfDone(store, plan, dag.graph, dag.frame, now);
}

/**
 * Decides every pending step of a DAG graph from its dependencies' current statuses, in
 * definition order until nothing changes (a skip can settle a later step), then ends the
 * graph if nothing is left to do. Used when a failed DAG run is retried.
 */
function reevaluateGraph(
  store: RunStore,
  plan: RunPlan,
  graph: StepGraph,
  frame: string,
  now: number,
): void {
  const dag = new DagFrame(store, graph, frame, now);
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of graph.order) if (dag.decide(id)) changed = true;
  }
  endDagIfDone(store, plan, graph, frame, now);
}

function endDagIfDone(
  store: RunStore,
  plan: RunPlan,
  graph: StepGraph,
  frame: string,
  now: number,
): void {
  if (!store.hasOpenWork(frame))
    endFrame(store, plan, frame, graph, dagResult(store, graph, frame), now);
}

/** A DAG graph fails when any of its steps failed; otherwise its output is its sinks' outputs. */
function dagResult(
  store: RunStore,
  graph: StepGraph,
  frame: string,
): FrameResult & { failed_step?: string } {
  const rows = new Map(store.readResultsIn(frame, graph.order).map((row) => [row.step_id, row]));
  const failed = graph.order
    .map((id) => rows.get(frame + id))
    .filter((row) => row?.status === "failed")
    .sort((a, b) => (a?.finished_at ?? 0) - (b?.finished_at ?? 0))[0];
  if (failed)
    return { status: "failed", output: null, error: failed.error, failed_step: failed.step_id };
  const output: Record<string, JsonValue> = {};
  for (const id of sinksOf(graph)) {
    const row = rows.get(frame + id);
    if (row?.status === "succeeded") output[id] = row.output;
  }
  return { status: "succeeded", output, error: null };
}

/**
 * A graph ended: the run's own finishes the run; a child's is recorded and its parent told.
 * `graph` is the ended graph (undefined: a step the plan does not know ended it).
 */
function endFrame(
  store: RunStore,
  plan: RunPlan,
  frame: string,
  graph: StepGraph | undefined,
  outcome: FrameResult & { failed_step?: string },
  now: number,
): void {
  // A DAG can end with work still open (a `succeed` step): that work is cancelled. A
  // sequence has one step open at a time (a fan-out's children settle or are cancelled
  // before it does), and that step ends the sequence settled: no read for open steps.
  if (graph?.mode !== "sequence") cancelOpenSteps(store, "its graph ended", now, frame);
  const child = parentOfFrame(frame);
  // The run's own graph ends the run, and finishRun clears every timer.
  if (child) store.timers.clearTimersUnder(frame);
  // A DAG's output gathers its sinks' outputs; the run's sits in a row beside plan and params.
  const beside = child ? 0 : storedBytes(store.readRun().params) + storedBytes(plan);
  const tooLarge =
    outcome.status === "succeeded"
      ? checkStoredSize("the graph's output", outcome.output, beside)
      : null;
  const result: FrameResult & { failed_step?: string } = tooLarge
    ? { status: "failed", output: null, error: tooLarge }
    : outcome;
  if (!child) {
    if (result.status === "succeeded")
      finishRun(store, "succeeded", now, { output: result.output });
    else
      finishRun(store, "failed", now, {
        error: result.error ?? undefined,
        failed_step: result.failed_step ?? null,
      });
    return;
  }
  store.frames.settleFrame(child.parent, child.index, {
    status: result.status,
    output: result.output,
    error: result.error,
  });
  settleFanOutStep(store, plan, child.parent, now);
}

/**
 * Starts a `parallel` or `map` step: it waits, holding no slot, while its children run (an
 * empty map succeeds at once). Called inside a transaction.
 */
export function startFanOut(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  items: JsonValue[] | null,
  now: number,
): void {
  openFanOut(store, row, items);
  settleFanOutStep(store, plan, row.step_id, now);
}

/** Brings a fan-out step up to date and ends it (with its `catch`) once its children decide. */
function settleFanOutStep(store: RunStore, plan: RunPlan, parent: string, now: number): void {
  const end = settleFanOut(store, plan, parent, now);
  if (end?.status === "succeeded") succeedStep(store, plan, end.row, end.output, now);
  else if (end?.status === "failed") failStep(store, plan, end.row, end.error, now);
}

export function finishRun(
  store: RunStore,
  status: FinishedRunStatus,
  now: number,
  patch: { output?: JsonValue; error?: StepError; failed_step?: string | null } = {},
  reason?: string,
): void {
  store.timers.clearTimers();
  store.setStatus(status, { ...patch, finished_at: now }, reason);
}

/**
 * Re-opens a failed or timed-out run (`POST /runs/{id}/retry`). A state machine resumes at
 * its failed step; a DAG re-runs every step that did not succeed. Each re-run is a new
 * execution, so it carries a new idempotency key. Returns what was re-opened, or null when
 * there is nothing to retry from.
 */
export function reopenRun(
  store: RunStore,
  plan: RunPlan,
  now: number,
  failedStep: string | null,
): string | null {
  const { job } = plan;
  if (job.mode === "sequence") {
    const row = failedStep ? store.readStep(failedStep) : null;
    if (!row) return null;
    store.writeStep({
      ...row,
      status: "waiting",
      executions: row.executions + 1,
      attempts: 0,
      interruptions: 0,
      error: null,
    });
    store.timers.addTimer("attempt", row.step_id, now);
    return row.step_id;
  }
  const reopened: string[] = [];
  for (const row of store.readStepsIn("", job.order)) {
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
  if (reopened.length > 0) reevaluateGraph(store, plan, job, "", now);
  return reopened.length > 0 ? reopened.join(", ") : null;
}
