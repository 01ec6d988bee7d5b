import type { ActionSpec, CompiledStep, JsonObject, JsonValue, RunPlan } from "../definition/ir";
import type { TemplateScope } from "../templates/scope";
import type { RunRow, StepRow } from "./store/run-store";

/** The action a task step runs: a snapshot from the plan, or its inline spec. */
export function actionOf(plan: RunPlan, step: CompiledStep): ActionSpec | null {
  if (step.type !== "task") return null;
  if (step.action.kind === "inline") return step.action.spec;
  return plan.actions[step.action.name] ?? null;
}

/** The second name a step's output is saved under: the step's `save_as`, else its action's. */
export function saveAsOf(plan: RunPlan, step: CompiledStep): string | undefined {
  if (step.type === "pass") return step.save_as;
  if (step.type !== "task") return undefined;
  return step.save_as ?? actionOf(plan, step)?.save_as;
}

export interface ScopeInput {
  plan: RunPlan;
  run: RunRow;
  steps: readonly StepRow[];
  stepId: string;
  attempt: number;
  secrets: Record<string, string>;
  input?: JsonValue;
}

/**
 * What templates of one step may read. Outputs come from committed step rows only, so a
 * template sees exactly what a restarted run would see.
 */
export function buildScope({
  plan,
  run,
  steps,
  stepId,
  attempt,
  secrets,
  input,
}: ScopeInput): TemplateScope {
  const output: Record<string, JsonValue> = {};
  const saved: JsonObject = {};
  const stepRetries: Record<string, number> = {};
  for (const row of steps) {
    stepRetries[row.step_id] = Math.max(0, row.executions - 1);
    const settled = row.status === "succeeded" || (row.status === "failed" && row.output !== null);
    if (!settled) continue;
    const value = row.output ?? null;
    output[row.step_id] = value;
    const step = plan.job.steps[row.step_id];
    const alias = step ? saveAsOf(plan, step) : undefined;
    if (alias) {
      output[alias] = value;
      saved[alias] = value;
    }
  }
  return {
    params: run.params,
    output,
    context: { ...run.params, ...saved },
    ...(input === undefined ? {} : { input }),
    meta: {
      run_id: run.run_id,
      job: run.job,
      current_step: stepId,
      attempt,
      step_retries: stepRetries,
      current_time: new Date().toISOString(),
    },
    secrets,
  };
}
