import type { JsonObject, JsonValue } from "../core/json";
import type { ActionSpec, CompiledStep, RunPlan } from "../definition/ir";
import type { TemplateScope } from "../templates/scope";
import { locate } from "./frames";
import type { RunRow, StepRow } from "./store/run-store";

/** The action a task step runs: a snapshot from the plan, or its inline spec. */
export function actionOf(plan: RunPlan, step: CompiledStep): ActionSpec | null {
  if (step.type !== "task") return null;
  if (step.action.kind === "inline") return step.action.spec;
  return plan.actions[step.action.name] ?? null;
}

/** The second name a step's output is saved under: the step's `save_as`, else its action's. */
export function saveAsOf(plan: RunPlan, step: CompiledStep): string | undefined {
  if (step.type === "task") return step.save_as ?? actionOf(plan, step)?.save_as;
  return "save_as" in step ? step.save_as : undefined;
}

export interface ScopeInput {
  plan: RunPlan;
  run: RunRow;
  /** Rows of the steps in every frame around the current one, outermost first. */
  steps: readonly StepRow[];
  /** The current step instance (`fetch`, or `each/3/fetch` inside a map item). */
  stepId: string;
  attempt: number;
  secrets: Record<string, string>;
  /** Inside a map item: the item and its index. */
  item?: { item: JsonValue; index: number };
  /** Callback URLs of the wait_for_event steps in the current graph. */
  callbacks?: Record<string, string>;
  /** The moment the step starts (`meta.current_time`). */
  now: number;
}

/**
 * What templates of one step may read. Outputs come from committed step rows only, so a
 * template sees exactly what a restarted run would see. Inside a branch or map item, the
 * steps of that child graph are read by their own ids and shadow outer steps of the same id.
 */
export function buildScope({
  plan,
  run,
  steps,
  stepId,
  attempt,
  secrets,
  item,
  callbacks,
  now,
}: ScopeInput): TemplateScope {
  const output: Record<string, JsonValue> = {};
  const saved: JsonObject = {};
  const stepRetries: Record<string, number> = {};
  for (const row of steps) {
    const id = baseId(row.step_id);
    stepRetries[id] = Math.max(0, row.executions - 1);
    const settled = row.status === "succeeded" || (row.status === "failed" && row.output !== null);
    if (!settled) continue;
    const value = row.output ?? null;
    output[id] = value;
    const step = locate(plan.job, row.step_id)?.step;
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
    meta: {
      run_id: run.run_id,
      job: run.job,
      current_step: baseId(stepId),
      attempt,
      step_retries: stepRetries,
      current_time: new Date(now).toISOString(),
      ...(item ? { item: item.item, index: item.index } : {}),
    },
    secrets,
    ...(callbacks ? { callbacks } : {}),
  };
}

function baseId(instance: string): string {
  return instance.slice(instance.lastIndexOf("/") + 1);
}
