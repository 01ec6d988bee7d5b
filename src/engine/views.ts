import type { JsonObject, JsonValue, RunPlan, StepType } from "../definition/ir";
import type { RunStatus, StepStatus } from "../statuses";
import type { StepError } from "./step-error";
import type { RunRow, StepRow } from "./store/run-store";
import { emptyStep } from "./transitions";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `GET /runs/{id}` as clients read it. */
export interface RunView {
  id: string;
  job: string;
  version: number;
  status: RunStatus;
  trigger: string;
  params: JsonObject;
  output: JsonValue | null;
  error: StepError | null;
  failed_step: string | null;
  idempotency_key: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One entry of `GET /runs/{id}/steps`. */
export interface StepView {
  id: string;
  type: StepType;
  status: StepStatus;
  attempts: number;
  executions: number;
  input: JsonValue | null;
  output: JsonValue | null;
  error: StepError | null;
  started_at: string | null;
  finished_at: string | null;
}

/** What a start request gets back. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  job: string;
  version: number;
}

export function toRunView(run: RunRow): RunView {
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
  };
}

export function toRunSummary(run: RunRow): RunSummary {
  return { id: run.run_id, status: run.status, job: run.job, version: run.version };
}

/** Every step of the definition in its order; steps the run has not reached are `pending`. */
export function toStepViews(plan: RunPlan, rows: readonly StepRow[]): StepView[] {
  const byId = new Map(rows.map((row) => [row.step_id, row]));
  return plan.job.order.flatMap((id) => {
    const step = plan.job.steps[id];
    if (!step) return [];
    const row = byId.get(id) ?? emptyStep(id);
    return {
      id,
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
