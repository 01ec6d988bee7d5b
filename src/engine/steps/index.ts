/**
 * Every step kind's handler, by `type`. The map is typed over the step union: a kind added
 * to CompiledStep without a handler here does not compile.
 */
import type { CompiledStep, StepType } from "../../definition/ir";
import { fanOutStep } from "./fan-out";
import type { Activation, Resumption, StepHandler, StepHandlers, StepOfType } from "./handler";
import { inlineStep, waitStep } from "./inline";
import { runJobStep } from "./run-job";
import { taskStep } from "./task";
import { waitForEventStep } from "./wait-for-event";

const STEP_HANDLERS: StepHandlers = {
  task: taskStep,
  run_job: runJobStep,
  wait_for_event: waitForEventStep,
  parallel: fanOutStep,
  map: fanOutStep,
  wait: waitStep,
  pass: inlineStep,
  choice: inlineStep,
  succeed: inlineStep,
  fail: inlineStep,
};

function handlerOf<K extends StepType>(type: K): StepHandler<StepOfType[K]> {
  return STEP_HANDLERS[type];
}

/** Activates `step` through its kind's handler. */
export function activateStep(step: CompiledStep, at: Activation): Promise<void> {
  return handlerOf(step.type).activate(step, at);
}

/**
 * A `resume` timer of `step` fell due, inside a transaction; null when its kind has no
 * resume (the caller then moves the step on). Returns the child runs to cancel after.
 */
export function resumeStep(step: CompiledStep, at: Resumption): string[] | null {
  const handler = handlerOf(step.type);
  return handler.resume ? handler.resume(step, at) : null;
}
