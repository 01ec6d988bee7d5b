import type { RunSummary, RunView, StepView } from "../clients/run-views";
import type { RunPlan } from "../definition/ir";
import { compareInstances, locate } from "./frames";
import { emptyStep } from "./step-rows";
import type { RunRow, StepRow } from "./store/run-store";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toRunView(run: RunRow, plan: RunPlan, expiresAt: number | null): RunView {
  return {
    id: run.run_id,
    job: run.job,
    version: run.version,
    status: run.status,
    trigger: run.trigger,
    params: run.params,
    output: run.output,
    error: run.error,
    failed_step: run.failed_step,
    idempotency_key: run.idempotency_key,
    created_at: new Date(run.created_at).toISOString(),
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
    tags: plan.tags ?? {},
    expires_at: iso(expiresAt),
    progress: { executions: run.executions, max_step_executions: plan.job.max_step_executions },
  };
}

export function toRunSummary(run: RunRow): RunSummary {
  return { id: run.run_id, status: run.status, job: run.job, version: run.version };
}

/**
 * Every step of the job (steps the run has not reached are `pending`) and every instance in
 * parallel branches and map items (`each/3/fetch`), ordered by instance path: a step, then
 * the instances under it by child index, each graph's steps in definition order.
 */
export function toStepViews(plan: RunPlan, rows: readonly StepRow[]): StepView[] {
  const known = new Set(rows.map((row) => row.step_id));
  const unreached = plan.job.order.filter((id) => !known.has(id)).map(emptyStep);
  const ordered = [...rows, ...unreached].sort((a, b) =>
    compareInstances(plan.job, a.step_id, b.step_id),
  );
  return ordered.flatMap((row) => {
    const step = locate(plan.job, row.step_id)?.step;
    if (!step) return [];
    return {
      id: row.step_id,
      type: step.type,
      status: row.status,
      attempts: row.attempts,
      executions: row.executions,
      input: row.input,
      output: row.output,
      error: row.error,
      started_at: iso(row.started_at),
      finished_at: iso(row.finished_at),
    };
  });
}
