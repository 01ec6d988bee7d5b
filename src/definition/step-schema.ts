/**
 * Steps as users write them, one strict schema per `type`. References between steps
 * (`next`, choice targets, `depends_on`) are only shaped here; `compile.ts` resolves them.
 */
import { z } from "zod";
import { CATCH_ALL, ERROR_NAME_PATTERN, STEP_ERROR_TYPES } from "../core/step-error";
import { isTemplate } from "../templates/liquid";
import { InlineHttpSchema } from "./action-schema";
import {
  ActionNameSchema,
  ConditionSchema,
  DescriptionSchema,
  DurationSpecSchema,
  FixedDurationSchema,
  HandlerNameSchema,
  IoSchemaSchema,
  SaveAsSchema,
  StepIdSchema,
  TemplatedJsonSchema,
  TemplateStringSchema,
} from "./fields";
import { DAG_CONDITIONS } from "./ir";
import { RetrySourceSchema } from "./retry";
import { TagsSchema } from "./tags";

/** Most entries in one list inside a step (catch routes, choice conditions, dependencies). */
export const MAX_STEP_LIST = 500;

const commonShape = {
  id: StepIdSchema,
  description: DescriptionSchema.optional(),
  when: ConditionSchema.optional(),
  depends_on: z.array(StepIdSchema).max(MAX_STEP_LIST).optional(),
  condition: z.enum(DAG_CONDITIONS).optional(),
  max_retries: z.int().min(0).max(10_000).optional(),
};

/** `null` ends the run; absent means "the following step" in a sequence job. */
const NextSchema = StepIdSchema.nullable().optional();

const CatchRouteSchema = z.strictObject({
  // A built-in type, `*`/`all`, or the `error` name of a `fail` step (here or in a child job).
  errors: z
    .array(
      z.union([
        z.enum([...STEP_ERROR_TYPES, ...CATCH_ALL]),
        z.string().regex(ERROR_NAME_PATTERN, "must be an error type or a fail step's error name"),
      ]),
    )
    .min(1)
    .max(MAX_STEP_LIST),
  next: StepIdSchema,
});

export const TaskStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal("task"),
    next: NextSchema,
    action: ActionNameSchema.optional(),
    http: InlineHttpSchema.optional(),
    handler: HandlerNameSchema.optional(),
    with: TemplatedJsonSchema.optional(),
    save_as: SaveAsSchema.optional(),
    timeout: FixedDurationSchema.optional(),
    retry: RetrySourceSchema.optional(),
    catch: z.array(CatchRouteSchema).max(MAX_STEP_LIST).default([]),
    input_schema: IoSchemaSchema.optional(),
    output_schema: IoSchemaSchema.optional(),
  })
  .superRefine((step, ctx) => {
    const given = (["action", "http", "handler"] as const).filter((key) => step[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: given.length === 0 ? [] : [given[1] ?? "action"],
        message: `a task needs exactly one of action, http or handler${given.length > 1 ? ` (got ${given.join(", ")})` : ""}`,
      });
    }
  });

/** One entry of `conditions`: `{ if, next }`, or Karya's `{ default }` inside the list. */
const ChoiceConditionSchema = z
  .strictObject({
    if: ConditionSchema.optional(),
    next: StepIdSchema.optional(),
    default: StepIdSchema.optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.default !== undefined) {
      if (entry.if !== undefined || entry.next !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: "a default entry has only `default`, no `if` or `next`",
        });
      }
      return;
    }
    if (entry.if === undefined)
      ctx.addIssue({ code: "custom", path: ["if"], message: "is required" });
    if (entry.next === undefined)
      ctx.addIssue({ code: "custom", path: ["next"], message: "is required" });
  });

export const ChoiceStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal("choice"),
    conditions: z.array(ChoiceConditionSchema).max(MAX_STEP_LIST).default([]),
    default: StepIdSchema.optional(),
  })
  .superRefine((step, ctx) => {
    const defaults = step.conditions.filter((entry) => entry.default !== undefined).length;
    if (defaults + (step.default === undefined ? 0 : 1) > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["default"],
        message: "a choice has at most one default",
      });
    }
    if (step.conditions.length === 0 && step.default === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["conditions"],
        message: "a choice needs conditions or a default",
      });
    }
  });

/** An ISO 8601 timestamp, or a template that renders to one when the step runs. */
const UntilSchema = TemplateStringSchema.refine(
  (value) =>
    isTemplate(value) || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))),
  "must be an ISO 8601 timestamp (2026-01-31T09:00:00Z) or a template",
);

export const WaitStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal("wait"),
    next: NextSchema,
    duration: DurationSpecSchema.optional(),
    until: UntilSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if ((step.duration === undefined) === (step.until === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: step.duration === undefined ? [] : ["until"],
        message: "a wait needs exactly one of duration or until",
      });
    }
  });

export const PassStepSchema = z.strictObject({
  ...commonShape,
  type: z.literal("pass"),
  next: NextSchema,
  output: TemplatedJsonSchema.optional(),
  save_as: SaveAsSchema.optional(),
});

export const SucceedStepSchema = z.strictObject({
  ...commonShape,
  type: z.literal("succeed"),
  output: TemplatedJsonSchema.optional(),
});

export const FailStepSchema = z.strictObject({
  ...commonShape,
  type: z.literal("fail"),
  error: z
    .string()
    .regex(ERROR_NAME_PATTERN, "must be a name (letters, digits, _ . : -), at most 64")
    .default("failed"),
  message: TemplateStringSchema.pipe(z.string().max(4096)).optional(),
});

/** Event names: what `POST /runs/{id}/events/{name}` delivers. */
export const EventNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
    "must be letters, digits and _ . : - (at most 128)",
  );

/**
 * Waits, durably and without holding memory, for a named event posted to the run (or a
 * POST to the step's callback URL); the event's body becomes the output. On `timeout` the
 * step fails with error type `timeout`, which `catch` can route.
 */
export const WaitForEventStepSchema = z.strictObject({
  ...commonShape,
  type: z.literal("wait_for_event"),
  next: NextSchema,
  event: EventNameSchema,
  timeout: FixedDurationSchema.optional(),
  catch: z.array(CatchRouteSchema).max(MAX_STEP_LIST).default([]),
  save_as: SaveAsSchema.optional(),
});

/**
 * Starts a run of another saved job (its current version) with `params`, waits for it to
 * end, and takes its output; the child's failure is the step's failure.
 */
export const RunJobStepSchema = z.strictObject({
  ...commonShape,
  type: z.literal("run_job"),
  next: NextSchema,
  job: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be a job name"),
  params: TemplatedJsonSchema.optional(),
  /** The child run's tags (templates); without them it has none: nothing is inherited. */
  tags: TagsSchema.optional(),
  timeout: FixedDurationSchema.optional(),
  catch: z.array(CatchRouteSchema).max(MAX_STEP_LIST).default([]),
  save_as: SaveAsSchema.optional(),
});

/** Most branches of one `parallel` step. */
export const MAX_BRANCHES = 50;
/** Most items in flight at once in one `map` step. */
export const MAX_MAP_CONCURRENCY = 100;
/** Items in progress at once when a `map` says nothing (never above the job's `max_parallel`). */
export const DEFAULT_MAP_CONCURRENCY = 10;

// Child steps stay unparsed here: the compiler compiles each branch or body as a graph of
// its own, so its problems are located (`steps.2.branches.0.1.next`) like a job's.
const ChildStepsSchema = z.array(z.unknown()).min(1).max(MAX_STEP_LIST);

const fanOutShape = {
  ...commonShape,
  next: NextSchema,
  fail_fast: z.boolean().default(true),
  catch: z.array(CatchRouteSchema).max(MAX_STEP_LIST).default([]),
  save_as: SaveAsSchema.optional(),
};

export const ParallelStepSchema = z.strictObject({
  ...fanOutShape,
  type: z.literal("parallel"),
  branches: z.array(ChildStepsSchema).min(1).max(MAX_BRANCHES),
});

export const MapStepSchema = z.strictObject({
  ...fanOutShape,
  type: z.literal("map"),
  items: TemplateStringSchema.refine(
    isTemplate,
    "must be a template giving an array, e.g. {{ params.ids }}",
  ),
  steps: ChildStepsSchema,
  max_concurrency: z.int().min(1).max(MAX_MAP_CONCURRENCY).optional(),
});

/** Every step type, in the order messages list them. */
export const STEP_TYPES = [
  "task",
  "choice",
  "wait",
  "wait_for_event",
  "pass",
  "succeed",
  "fail",
  "parallel",
  "map",
  "run_job",
] as const;

/**
 * The message for a `type` that is no step type. Other orchestrators' task types
 * (Petit's `command`, scripts, containers) have no equivalent on Workers, which run no
 * processes, so the message names the three ways a task reaches code instead.
 */
export function describeUnknownType(type: string): string {
  return `unknown step type "${type}": step types are ${STEP_TYPES.join(", ")}. Workers have no shell or processes; run the work as type: task with http: (an HTTP endpoint), action: of type worker (a service binding) or handler: (a registered TypeScript function)`;
}

/** Any step, chosen by its required `type`. */
export const StepSourceSchema = z.discriminatedUnion("type", [
  TaskStepSchema,
  ChoiceStepSchema,
  WaitStepSchema,
  PassStepSchema,
  SucceedStepSchema,
  FailStepSchema,
  ParallelStepSchema,
  MapStepSchema,
  WaitForEventStepSchema,
  RunJobStepSchema,
]);

export type StepSource = z.output<typeof StepSourceSchema>;
