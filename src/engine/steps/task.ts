/**
 * `task`: one call of an action per attempt. The input is rendered (or fed) and checked,
 * an action slot is taken when the action is capped, the attempt is journaled, and only
 * then does the call leave (attempts.ts settles it).
 */

import { readsScope } from "../../actions/execute";
import { stepErrorFrom } from "../../core/failure";
import type { JsonValue } from "../../core/json";
import { stepError } from "../../core/step-error";
import type { TaskStep } from "../../definition/ir";
import { resolveStepSchemas, validateInput } from "../../definition/output-schema";
import { renderValue } from "../../templates/render";
import { lazyScope } from "../../templates/scope";
import { claimFor, waitForSlot } from "../action-slots";
import { actionOf } from "../scope";
import { checkStoredSize } from "../sizes";
import { fedInput } from "../step-scope";
import type { StepHandler } from "./handler";

export const taskStep: StepHandler<TaskStep> = {
  async activate(step, at) {
    const { store, ports, plan, run, row, stepId, now } = at;
    const action = actionOf(plan, step);
    if (!action)
      return at.fail(stepError("failed", `the run's plan has no action for step "${stepId}"`));
    let input: JsonValue | undefined;
    try {
      input =
        step.with === undefined
          ? fedInput(store, stepId, run.params)
          : await renderValue(step.with, at.scopeOf());
    } catch (error) {
      return at.fail(stepErrorFrom(error));
    }
    const tooLarge = checkStoredSize("the input", input ?? null);
    if (tooLarge) return at.fail(tooLarge);
    const inputSchema = resolveStepSchemas(step, action).input_schema;
    const badInput = inputSchema ? validateInput(inputSchema, input ?? null) : null;
    if (badInput) return at.fail(stepError("schema", badInput));
    const slot = claimFor(run.run_id, step, action, row);
    const asked = slot ? await ports.slots.ask(slot) : "granted";
    if (slot && asked !== "granted") {
      return at.commit(() => waitForSlot(store, row, { action: slot.action, why: asked }, now));
    }
    // Built before the journal, so that it shows the run as the step entered and a failure to
    // read it is the step's, not its template's. A request without templates reads no rows:
    // its scope is built only if something reads it after all.
    const buildScope = () => ({ ...at.scopeOf(), input: input ?? null });
    const scope = readsScope(action) ? buildScope() : lazyScope(buildScope);
    const journaled = at.attempts.journal(at.tryCommit, row, input ?? null, run.run_id);
    if (!journaled) {
      if (slot) await ports.slots.release(slot);
      return;
    }
    const { attempt, idempotencyKey } = journaled;
    const call = {
      instance: stepId,
      step,
      action,
      execution: attempt.executions,
      number: attempt.attempts,
      slot,
    };
    at.attempts.launch(call, scope, idempotencyKey);
  },
};
