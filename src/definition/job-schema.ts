/**
 * A job as users write it (DESIGN.md "Definition language"). `schedule` and `concurrency`
 * are not accepted yet, so they are reported as unknown fields rather than ignored.
 */
import { z } from "zod";
import { DescriptionSchema, FixedDurationSchema } from "./fields";
import { RetrySourceSchema } from "./retry";
import { StepSourceSchema } from "./step-schema";

export const JOB_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_STEPS = 500;

/** Defaults of the run-wide limits. */
export const DEFAULT_MAX_PARALLEL = 10;
export const DEFAULT_MAX_STEP_EXECUTIONS = 1000;

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
  max_parallel: z.int().min(1).max(100).default(DEFAULT_MAX_PARALLEL),
  max_step_executions: z.int().min(1).max(100_000).default(DEFAULT_MAX_STEP_EXECUTIONS),
};

/** The whole job, steps included: the schema the API documents. */
export const JobSourceSchema = z.strictObject({
  ...jobShape,
  steps: z.array(StepSourceSchema).min(1).max(MAX_STEPS),
});

/**
 * The job with its steps left unparsed, so the compiler can check each step on its own and
 * still report reference errors between the steps that are valid.
 */
export const JobEnvelopeSchema = z.strictObject({
  ...jobShape,
  steps: z.array(z.unknown()).min(1).max(MAX_STEPS),
});

export type JobSource = z.input<typeof JobSourceSchema>;
