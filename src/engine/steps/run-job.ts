/** `run_job`: starts a child run of a saved job and waits for it to end (or its timeout). */
import type { JsonObject, JsonValue, RunJobStep } from "../../definition/ir";
import type { Tags } from "../../definition/tags";
import { renderValue } from "../../templates/render";
import { asStepError } from "../evaluate";
import { checkStoredSize } from "../sizes";
import { stepError } from "../step-error";
import { childRunsOf, MAX_RUN_DEPTH, renderChildTags } from "../sub-jobs";
import { failStep, markRunning } from "../transitions";
import type { StepHandler } from "./handler";

export const runJobStep: StepHandler<RunJobStep> = {
  async activate(step, at) {
    const { run, row, stepId, now } = at;
    let params: JsonValue | undefined;
    let tags: Tags | undefined;
    try {
      params = (await renderValue(step.params, at.scopeOf())) ?? {};
      tags = await renderChildTags(step.tags, at.scopeOf());
    } catch (error) {
      return at.fail(asStepError(error));
    }
    const refusal = refuseChild(params, run.parent?.depth ?? 0);
    if (refusal) return at.fail(refusal);
    const until = step.timeout_ms === undefined ? null : now + step.timeout_ms;
    const journaled = at.attempts.journal(at.tryCommit, row, params, run.run_id, () => {
      if (until !== null) at.store.timers.addTimer("resume", stepId, until);
    });
    if (!journaled) return;
    const { attempt, idempotencyKey } = journaled;
    const parent = {
      run_id: run.run_id,
      instance: stepId,
      execution: attempt.executions,
      depth: (run.parent?.depth ?? 0) + 1,
    };
    at.attempts.launchChild(step.job, attempt, params as JsonObject, parent, idempotencyKey, tags);
  },
  /** The timeout expired: the step fails and its child run is cancelled. */
  resume(step, { store, plan, row, now }) {
    markRunning(store, now);
    const error = stepError("timeout", `the child run did not end within ${step.timeout_ms} ms`);
    failStep(store, plan, { ...row, status: "running" }, error, now);
    return childRunsOf([row]);
  },
};

/** Why a `run_job` step may not start its child (params not an object, nesting too deep), or null. */
function refuseChild(params: JsonValue, depth: number) {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    return stepError("template", "params: must render to an object");
  }
  if (depth + 1 > MAX_RUN_DEPTH)
    return stepError("failed", `run_job nests deeper than ${MAX_RUN_DEPTH} runs`);
  return checkStoredSize("params", params);
}
