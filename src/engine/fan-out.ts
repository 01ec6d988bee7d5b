import type { JsonValue } from "../core/json";
import type { StepError } from "../core/step-error";
import type { RunPlan } from "../definition/ir";
import { DEFAULT_MAP_CONCURRENCY } from "../definition/step-schema";
import { childFrame, childGraph, type FanOutStep, initialSteps, isFanOut, locate } from "./frames";
import { cancelOpenSteps, emptyStep } from "./step-rows";
import type { RunStore, StepRow } from "./store/run-store";

/** Most items one `map` step may fan out to. */
export const MAX_MAP_ITEMS = 10_000;

/** How a fan-out step ends once its children decide; the transitions apply it. */
export type FanOutEnd =
  | { status: "succeeded"; row: StepRow; output: JsonValue[] }
  | { status: "failed"; row: StepRow; error: StepError };

/**
 * Opens a `parallel` or `map` step: each branch, or each item (at most `max_concurrency`
 * at once), runs as a child graph whose instances live under `<step>/<index>/`.
 */
export function openFanOut(store: RunStore, row: StepRow, items: JsonValue[] | null): void {
  store.resetUnder(row.step_id);
  store.writeStep({ ...row, status: "waiting", input: items ?? row.input });
}

/**
 * Brings a fan-out step up to date after it opened or one of its children ended: on a
 * failure under `fail_fast` it cancels the rest and answers the failure; else it starts
 * the next map items, and once every child has ended answers their outputs in order or
 * the first failure. Null while the step still waits (or is no waiting fan-out).
 */
export function settleFanOut(
  store: RunStore,
  plan: RunPlan,
  parent: string,
  now: number,
): FanOutEnd | null {
  const step = locate(plan.job, parent)?.step;
  // Status and items only (items parsed once per execution): this runs at every item's end.
  const head = store.readFanOutInput(parent);
  if (!step || !isFanOut(step) || head?.status !== "waiting") return null;
  const total = step.type === "parallel" ? step.branches.length : countItems(head.input);
  const limit =
    step.type === "parallel"
      ? total
      : (step.max_concurrency ?? Math.min(DEFAULT_MAP_CONCURRENCY, plan.job.max_parallel));
  const counts = store.frames.countFrames(parent);
  // The full row (with its items) only when the step ends.
  const row = () => store.readStep(parent) ?? emptyStep(parent);
  if (counts.failed > 0 && step.fail_fast) return failFanOut(store, step, row(), now);
  for (let index = counts.started; index < total && counts.running < limit; index += 1) {
    startChild(store, step, parent, index, now);
    counts.started += 1;
    counts.running += 1;
  }
  if (counts.started < total || counts.running > 0) return null;
  const frames = store.frames.readFrames(parent);
  if (frames.some((frame) => frame.status !== "succeeded"))
    return failFanOut(store, step, row(), now);
  return { status: "succeeded", row: row(), output: frames.map((frame) => frame.output) };
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
    store.timers.addTimer("activate", childFrame(parent, index) + id, now);
  store.frames.startFrame(parent, index);
}

/** The first failed child fails the step (its `catch` applies); the others are cancelled. */
function failFanOut(store: RunStore, step: FanOutStep, row: StepRow, now: number): FanOutEnd {
  const parent = row.step_id;
  const failed = store.frames.readFrames(parent).find((frame) => frame.status === "failed");
  const label = step.type === "parallel" ? "branch" : "item";
  cancelOpenSteps(store, `${label} ${failed?.idx ?? "?"} failed`, now, `${parent}/`);
  store.timers.clearTimersUnder(`${parent}/`);
  store.frames.cancelRunningFrames(parent);
  const cause: StepError = failed?.error ?? {
    type: "failed",
    message: "a child failed",
    retryable: false,
  };
  return {
    status: "failed",
    row,
    error: { ...cause, message: `${label} ${failed?.idx}: ${cause.message}` },
  };
}

function countItems(input: JsonValue | null): number {
  return Array.isArray(input) ? input.length : 0;
}
