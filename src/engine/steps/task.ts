/**
 * `task`: one call of an action per attempt. The input is rendered (or fed) and checked,
 * an action slot is taken when the action is capped, the attempt is journaled, and only
 * then does the call leave (attempts.ts settles it).
 */

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
    // Built when the action first reads it, while it renders its request in the launch's turn:
    // an action without templates reads no rows (the journal changes none the scope shows:
    // it holds this step as it entered). The run's rows are then read before the turn ends,
    // and so before the journal's flush, which the request waits for (bench/README.md, "The
    // HTTP task's wait, session 14").
    const scope = lazyScope(() => ({ ...at.scopeOf(), input: input ?? null }));
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
