/**
 * What the run protocol answers and the API shows of a run (zod): its view, its steps, and a
 * start's summary. The engine maps its rows to them (engine/views.ts).
 */
import { z } from "zod";
import { RUN_STATUSES, STEP_STATUSES } from "../core/statuses";

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
