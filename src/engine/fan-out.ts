import type { JsonValue, RunPlan } from "../definition/ir";
import { DEFAULT_MAP_CONCURRENCY } from "../definition/step-schema";
import { childFrame, childGraph, type FanOutStep, initialSteps, isFanOut, locate } from "./frames";
import type { StepError } from "./step-error";
import type { RunStore, StepRow } from "./store/run-store";
import { cancelOpenSteps, emptyStep, failStep, succeedStep } from "./transitions";

/** Most items one `map` step may fan out to. */
export const MAX_MAP_ITEMS = 10_000;

/**
 * Starts a `parallel` or `map` step: each branch, or each item (at most `max_concurrency`
 * at once), runs as a child graph whose instances live under `<step>/<index>/`. The step
 * waits, holding no slot, until its children end. Called inside a transaction.
 */
export function startFanOut(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  items: JsonValue[] | null,
  now: number,
): void {
  store.resetUnder(row.step_id);
  store.writeStep({ ...row, status: "waiting", input: items ?? row.input });
  settleFanOut(store, plan, row.step_id, now);
}

/**
 * Brings a fan-out step up to date after one of its children ended: fails it (and cancels
 * the rest) on a failure when `fail_fast`, starts the next map items, and once every child
 * has ended, succeeds with their outputs in order or fails with the first failure.
 */
export function settleFanOut(store: RunStore, plan: RunPlan, parent: string, now: number): void {
  const step = locate(plan.job, parent)?.step;
  // Status and items only (items parsed once per execution): this runs at every item's end.
  const head = store.readFanOutInput(parent);
  if (!step || !isFanOut(step) || head?.status !== "waiting") return;
  const total = step.type === "parallel" ? step.branches.length : countItems(head.input);
  const limit =
    step.type === "parallel"
      ? total
      : (step.max_concurrency ?? Math.min(DEFAULT_MAP_CONCURRENCY, plan.job.max_parallel));
  const counts = store.countFrames(parent);
  // The full row (with its items) only when the step ends.
  const row = () => store.readStep(parent) ?? emptyStep(parent);
  if (counts.failed > 0 && step.fail_fast) {
    failFanOut(store, plan, step, row(), now);
    return;
  }
  for (let index = counts.started; index < total && counts.running < limit; index += 1) {
    startChild(store, step, parent, index, now);
    counts.started += 1;
    counts.running += 1;
  }
  if (counts.started < total || counts.running > 0) return;
  const frames = store.readFrames(parent);
  if (frames.some((frame) => frame.status !== "succeeded"))
    failFanOut(store, plan, step, row(), now);
  else
    succeedStep(
      store,
      plan,
      row(),
      frames.map((frame) => frame.output),
      now,
    );
}

function startChild(
  store: RunStore,
  step: FanOutStep,
  parent: string,
  index: number,
  now: number,
): void {
  const graph = childGraph(step, index);
  if (!graph) return;
  for (const id of initialSteps(graph))
    store.addTimer("activate", childFrame(parent, index) + id, now);
  store.startFrame(parent, index);
}

/** The first failed child fails the step (its `catch` applies); the others are cancelled. */
function failFanOut(
  store: RunStore,
  plan: RunPlan,
  step: FanOutStep,
  row: StepRow,
  now: number,
): void {
  const parent = row.step_id;
  const failed = store.readFrames(parent).find((frame) => frame.status === "failed");
  const label = step.type === "parallel" ? "branch" : "item";
  cancelOpenSteps(store, `${label} ${failed?.idx ?? "?"} failed`, now, `${parent}/`);
  store.clearTimersUnder(`${parent}/`);
  store.cancelRunningFrames(parent);
  const cause: StepError = failed?.error ?? {
    type: "failed",
    message: "a child failed",
    retryable: false,
  };
  failStep(
    store,
    plan,
    row,
    { ...cause, message: `${label} ${failed?.idx}: ${cause.message}` },
    now,
  );
}

function countItems(input: JsonValue | null): number {
  return Array.isArray(input) ? input.length : 0;
}
