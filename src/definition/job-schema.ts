/**
 * A job as users write it (DESIGN.md "Definition language"). `schedule`, `concurrency` and
 * `after` are defined in src/schedule, which enforces them; checks that need the other
 * saved jobs (unknown upstream jobs, cycles) run at save time in src/schedule/job-graph.ts.
 */
import { z } from "zod";
import type { JsonObject } from "../core/json";
import { DescriptionSchema, FixedDurationSchema } from "./fields";
import { checkParamsSchema, validateParams } from "./params";
import { AfterFieldSchema, ConcurrencySchema } from "./policy-schema";
import { RetrySourceSchema } from "./retry";
import { checkScheduleField, checkScheduleParams, ScheduleFieldSchema } from "./schedule-schema";
import { StepSourceSchema } from "./step-schema";

export const JOB_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_STEPS = 500;

/** Defaults of the run-wide limits. */
export const DEFAULT_MAX_PARALLEL = 10;
export const DEFAULT_MAX_STEP_EXECUTIONS = 10_000;

export const JobNameSchema = z
  .string()
  .regex(
    JOB_NAME_PATTERN,
    "must be lowercase letters, digits, - and _, starting with a letter or digit (at most 64)",
  );

const jobShape = {
  name: JobNameSchema,
  description: DescriptionSchema.optional(),
  /** A JSON Schema for the run's params; checked by `checkParamsSchema` at compile time. */
  params: z.record(z.string(), z.json()).optional(),
  retry: RetrySourceSchema.optional(),
  timeout: FixedDurationSchema.optional(),
  /** How long a finished run is kept (default: the var RUN_RETENTION, else 30 days). */
  retention: FixedDurationSchema.pipe(
    z.number().min(60_000, "must be at least a minute, so a finished run can be read"),
  ).optional(),
  max_parallel: z.int().min(1).max(100).default(DEFAULT_MAX_PARALLEL),
  max_step_executions: z.int().min(1).max(100_000).default(DEFAULT_MAX_STEP_EXECUTIONS),
  /** When runs start on their own; see src/schedule. */
  schedule: ScheduleFieldSchema.optional(),
  /** How many runs at once, and what a start beyond the limit does. */
  concurrency: ConcurrencySchema.optional(),
  /** Runs of other jobs that start this one, or gate its scheduled fires (`within`). */
  after: AfterFieldSchema.optional(),
};

// `within` gates scheduled fires, so without a schedule it would never be consulted; a job
// after itself would start itself forever; runs started by a trigger get empty params, so a
// params schema that refuses them would make every trigger fail.
function refineAfter(
  job: {
    name: string;
    params?: Record<string, unknown> | undefined;
    schedule?: unknown;
    after?: { job: string; within?: number }[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const schema = job.params as JsonObject | undefined;
  const usable = schema === undefined || checkParamsSchema(schema).length === 0;
  const [refused] = usable ? validateParams(schema, {}) : [];
  for (const [index, entry] of (job.after ?? []).entries()) {
    if (refused && entry.within === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["after", index],
        message: `starts runs with empty params, which the params schema refuses (${refused.path}: ${refused.message})`,
      });
    if (entry.job === job.name)
      ctx.addIssue({
        code: "custom",
        path: ["after", index, "job"],
        message: `cycle: ${job.name} -> ${job.name}`,
      });
    if (entry.within !== undefined && job.schedule === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["after", index, "within"],
        message: "gates scheduled fires, but the job has no schedule",
      });
  }
}

function refineJob(
  job: Parameters<typeof refineSchedule>[0] & Parameters<typeof refineAfter>[0],
  ctx: z.RefinementCtx,
): void {
  refineSchedule(job, ctx);
  refineAfter(job, ctx);
}

// The schedule's own checks, then its params against the job's params schema: a schedule
// whose params the schema refuses could never start a run.
function refineSchedule(
  job: { params?: Record<string, unknown> | undefined; schedule?: unknown },
  ctx: z.RefinementCtx,
): void {
  const fieldIssues = checkScheduleField(job.schedule);
  for (const issue of fieldIssues) ctx.addIssue({ ...issue });
  if (fieldIssues.length > 0) return;
  const schema = job.params as JsonObject | undefined;
  // An unusable params schema is reported once, by the compiler, not again per schedule.
  if (schema !== undefined && checkParamsSchema(schema).length > 0) return;
  for (const issue of checkScheduleParams(job.schedule, (params) =>
    validateParams(schema, params),
  )) {
    ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
  }
}

/** The whole job, steps included: the schema the API documents. */
export const JobSourceSchema = z
  .strictObject({
    ...jobShape,
    steps: z.array(StepSourceSchema).min(1).max(MAX_STEPS),
  })
  .superRefine(refineJob);

/**
 * The job with its steps left unparsed, so the compiler can check each step on its own and
 * still report reference errors between the steps that are valid.
 */
export const JobEnvelopeSchema = z
  .strictObject({
    ...jobShape,
    steps: z.array(z.unknown()).min(1).max(MAX_STEPS),
  })
  .superRefine(refineJob);

export type JobSource = z.input<typeof JobSourceSchema>;
