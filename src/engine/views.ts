import { z } from "zod";
import { RUN_STATUSES, STEP_STATUSES } from "../core/statuses";
import type { RunPlan } from "../definition/ir";
import { compareInstances, locate } from "./frames";
import { emptyStep } from "./step-rows";
import type { RunRow, StepRow } from "./store/run-store";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const JsonSchema = z.json();
const IsoTime = z.iso.datetime();

export const StepErrorSchema = z.object({
  // A built-in type (STEP_ERROR_TYPES) or a fail step's own error name.
  type: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  status: z.number().int().optional(),
  retry_after_ms: z.number().int().optional(),
});

/** `GET /runs/{id}` as clients read it. */
export const RunViewSchema = z.object({
  id: z.string(),
  job: z.string(),
  version: z.number().int(),
  status: z.enum(RUN_STATUSES),
  trigger: z.string(),
  params: z.record(z.string(), JsonSchema),
  output: JsonSchema.nullable(),
  error: StepErrorSchema.nullable(),
  failed_step: z.string().nullable(),
  idempotency_key: z.string().nullable(),
  created_at: IsoTime,
  started_at: IsoTime.nullable(),
  finished_at: IsoTime.nullable(),
  tags: z.record(z.string(), z.string()),
  /** When a finished run leaves storage (its job's `retention` after it ended); null until it ends. */
  expires_at: IsoTime.nullable(),
  /** Step executions so far against the run's budget (the job's `max_step_executions`). */
  progress: z.object({
    executions: z.number().int(),
    max_step_executions: z.number().int(),
  }),
});
export type RunView = z.infer<typeof RunViewSchema>;

/** One entry of `GET /runs/{id}/steps`; steps the run has not reached are `pending`. */
export const StepViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(STEP_STATUSES),
  attempts: z.number().int(),
  executions: z.number().int(),
  input: JsonSchema.nullable(),
  output: JsonSchema.nullable(),
  error: StepErrorSchema.nullable(),
  started_at: IsoTime.nullable(),
  finished_at: IsoTime.nullable(),
});
export type StepView = z.infer<typeof StepViewSchema>;

/** What a start request gets back. */
export const RunSummarySchema = RunViewSchema.pick({
  id: true,
  status: true,
  job: true,
  version: true,
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

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
