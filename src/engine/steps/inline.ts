/**
 * Inline steps (pass, choice, wait, succeed, fail): decided from templates without leaving
 * the run, and committed with the next move in the same transaction.
 */
import type { RunPlan, WaitStep } from "../../definition/ir";
import { evaluateInlineStep, type InlineStep, type Move } from "../evaluate";
import type { RunStore, StepRow } from "../store/run-store";
import { failStep, markRunning, succeedGraph, succeedStep } from "../transitions";
import type { StepHandler } from "./handler";

export const inlineStep: StepHandler<InlineStep> = {
  async activate(step, at) {
    const move = await evaluateInlineStep(step, at.scopeOf, at.now);
    at.commit(() => applyMove(at.store, at.plan, at.row, move, at.now));
  },
};

/** A `wait` waits for its `resume` timer, which moves it on. */
export const waitStep: StepHandler<WaitStep> = {
  activate: inlineStep.activate,
  resume(_step, { store, plan, row, now }) {
    markRunning(store, now);
    succeedStep(store, plan, row, null, now);
    return [];
  },
};

function applyMove(store: RunStore, plan: RunPlan, row: StepRow, move: Move, now: number): void {
  switch (move.kind) {
    case "next":
      if (move.chosen) {
        store.append({ type: "choice_made", step_id: row.step_id, data: { next: move.chosen } });
      }
      succeedStep(store, plan, row, move.output, now, move.next);
      return;
    case "wait":
      store.writeStep({ ...row, status: "waiting" });
      store.append({
        type: "wait_started",
        step_id: row.step_id,
        data: { until: new Date(move.until).toISOString() },
      });
      store.timers.addTimer("resume", row.step_id, move.until);
      return;
    case "succeed":
      succeedGraph(store, plan, row, move.output, now);
      return;
    case "fail":
      failStep(store, plan, row, move.error, now);
      return;
  }
}
