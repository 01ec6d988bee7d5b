/**
 * What a due timer of one step does: `activate` begins a new execution, `attempt` another
 * attempt of the current one, `resume` ends a wait or a timeout. The common part (the timer
 * taken, the budget, the `when:` guard) is here; each kind's own part is its handler.
 */

import { stepErrorFrom } from "../core/failure";
import { type StepError, stepError } from "../core/step-error";
import type { CompiledStep } from "../definition/ir";
import type { TemplateScope } from "../templates/scope";
import type { Attempts } from "./attempts";
import { guardHolds } from "./evaluate";
import { locate } from "./frames";
import type { RunPorts } from "./ports";
import { emptyStep } from "./step-rows";
import { stepScope } from "./step-scope";
import { activateStep, resumeStep } from "./steps";
import type { RunStore, Timer } from "./store/run-store";
import { enteredStep, failStep, markRunning, skipStep, succeedStep } from "./transitions";

/** What firing a step's timer uses from the run object. */
export interface Activator {
  store: RunStore;
  ports: RunPorts;
  /** What templates may read as `secrets`. */
  secrets: Record<string, string>;
  attempts: Attempts;
}

/** Steps that only wait (a duration, an event): they do not count against max_step_executions. */
function isWait(step: CompiledStep): boolean {
  return step.type === "wait" || step.type === "wait_for_event";
}

/**
 * A `resume` timer fell due: a wait ends, or the timeout of a wait_for_event or run_job
 * step expires (a timed-out child run is cancelled).
 */
export async function resumeTimer(
  { store, ports }: Pick<Activator, "store" | "ports">,
  timer: Timer,
  stepId: string,
  now: number,
): Promise<void> {
  const plan = store.readPlan();
  const step = locate(plan.job, stepId)?.step;
  let orphans: string[] = [];
  store.transaction(() => {
    store.timers.deleteTimer(timer.id);
    const row = store.readStep(stepId) ?? emptyStep(stepId);
    const resumed = step ? resumeStep(step, { store: store, plan, row, now }) : null;
    if (resumed) {
      orphans = resumed;
      return;
    }
    markRunning(store, now);
    succeedStep(store, plan, row, null, now);
  });
  await ports.children.cancel(orphans);
}

/** Begins a new execution (`activate`) or another attempt of the current one (`attempt`). */
export async function activateTimer(
  { store, ports, secrets, attempts }: Activator,
  timer: Timer,
  stepId: string,
  now: number,
): Promise<void> {
  const plan = store.readPlan();
  const step = locate(plan.job, stepId)?.step;
  const previous = store.readStep(stepId) ?? emptyStep(stepId);
  const fresh = timer.kind === "activate";
  // Waits spend no budget: a run may wait for as many events or durations as it likes.
  const counted = fresh && step !== undefined && !isWait(step);
  const row = fresh ? enteredStep(previous, now) : { ...previous, status: "running" as const };
  // Preparing a step can wait (for an action slot, say); a cancel or timeout that came in
  // meanwhile took the timer, and then the prepared move is void.
  const tryCommit = (work: () => void): boolean =>
    store.transaction(() => {
      if (!store.timers.deleteTimer(timer.id)) return false;
      markRunning(store, now);
      if (counted) store.updateRun({ executions: store.readRun().executions + 1 });
      if (fresh) {
        store.append({
          type: "step_started",
          step_id: stepId,
          data: { execution: row.executions },
        });
      }
      work();
      return true;
    });
  const commit = (work: () => void): void => {
    tryCommit(work);
  };

  if (!step)
    return commit(() =>
      failStep(store, plan, row, stepError("failed", `unknown step "${stepId}"`), now),
    );
  const limit = fresh
    ? executionLimit(store, step.max_retries, previous.executions, counted)
    : null;
  if (limit) return commit(() => failStep(store, plan, row, limit, now));

  const run = store.readRun();
  let scope: TemplateScope | undefined;
  const scopeOf = () => {
    scope ??= stepScope(store, ports.settings, secrets, plan, run, row, now);
    return scope;
  };
  try {
    if (!(await guardHolds(step, scopeOf))) {
      return commit(() => skipStep(store, plan, row, "when: condition is false", now));
    }
  } catch (thrown) {
    const error = stepErrorFrom(thrown);
    return commit(() => failStep(store, plan, row, error, now));
  }
  const fail = (error: StepError) => commit(() => failStep(store, plan, row, error, now));
  await activateStep(step, {
    ...{ store, ports, plan, run, row, stepId, now, attempts },
    ...{ scopeOf, tryCommit, commit, fail },
  });
}

function executionLimit(
  store: RunStore,
  maxRetries: number | undefined,
  executions: number,
  counted: boolean,
) {
  const plan = store.readPlan();
  if (counted && store.readRun().executions >= plan.job.max_step_executions) {
    return stepError(
      "max_retries_exceeded",
      `the run reached max_step_executions (${plan.job.max_step_executions})`,
    );
  }
  if (maxRetries !== undefined && executions > maxRetries) {
    return stepError(
      "max_retries_exceeded",
      `the step was re-entered more than max_retries (${maxRetries}) times`,
    );
  }
  return null;
}
