/**
 * Field schemas shared by actions and jobs: names, durations, templates and conditions.
 * Template strings are checked (parsed, never rendered) at save time, so a typo is reported
 * with its path when the definition is saved rather than when a run reaches it.
 */
import { z } from "zod";
import { formatDuration, MAX_DURATION_MS, parseDuration } from "../core/duration";
import type { JsonObject, JsonValue } from "../core/json";
import { checkCondition, checkTemplate } from "../templates/check";
import { isTemplate } from "../templates/liquid";
import type { DurationSpec } from "./ir";
import { rewriteJinjaExpression, rewriteJinjaFilters } from "./jinja-compat";
import { findSchemaProblems } from "./json-schema";

/** Longest single template or condition string. */
export const MAX_TEMPLATE_LENGTH = 16 * 1024;

export const STEP_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
export const ACTION_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const HANDLER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

export const StepIdSchema = z
  .string()
  .regex(
    STEP_ID_PATTERN,
    "must start with a letter or _ and hold letters, digits, _ or - (at most 64)",
  );
export const ActionNameSchema = z
  .string()
  .regex(
    ACTION_NAME_PATTERN,
    "must start with a letter and hold letters, digits, _, . or - (at most 64)",
  );
export const HandlerNameSchema = z
  .string()
  .regex(
    HANDLER_NAME_PATTERN,
    "must start with a letter and hold letters, digits, _, ., : or - (at most 64)",
  );
/** `save_as` names an output in templates (`output.<name>`, `context.<name>`). */
export const SaveAsSchema = StepIdSchema;
export const DescriptionSchema = z.string().max(1024);

const DURATION_HINT = `use 500ms, 30s, 5m, 1h30m, 2d, PT5M or a number of milliseconds, at most ${formatDuration(MAX_DURATION_MS)}`;

/** A duration fixed at save time, in milliseconds. */
export const FixedDurationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms !== null) return ms;
  ctx.addIssue({
    code: "custom",
    message: `invalid duration ${JSON.stringify(value)}: ${DURATION_HINT}`,
  });
  return z.NEVER;
});

/** A fixed duration, or a template rendered when the step runs. */
export const DurationSpecSchema = z
  .union([z.string().max(MAX_TEMPLATE_LENGTH), z.number()])
  .transform((value, ctx): DurationSpec => {
    if (typeof value === "string" && isTemplate(value)) {
      return { kind: "template", template: toCheckedTemplate(value, ctx) };
    }
    const ms = parseDuration(value);
    if (ms !== null) return { kind: "fixed", ms };
    ctx.addIssue({
      code: "custom",
      message: `invalid duration ${JSON.stringify(value)}: ${DURATION_HINT}`,
    });
    return z.NEVER;
  });

/** A string that may hold Liquid markup (Jinja filter calls are rewritten first). */
export const TemplateStringSchema = z
  .string()
  .max(MAX_TEMPLATE_LENGTH)
  .transform((value, ctx) => toCheckedTemplate(value, ctx));

/** Any JSON value; every string inside it may be a template and is checked at its path. */
export const TemplatedJsonSchema = z.json().transform((value, ctx) => rewriteJson(value, [], ctx));

/** A bare Liquid expression (`output.x.count > 3 and params.force`), as in `if:` and `when:`. */
export const ConditionSchema = z
  .string()
  .max(MAX_TEMPLATE_LENGTH)
  .transform((value, ctx) => {
    const expression = rewriteJinjaExpression(value);
    const problem = checkCondition(expression);
    if (problem) ctx.addIssue({ code: "custom", message: `invalid condition: ${problem}` });
    return expression;
  });

/**
 * A step's or action's `input_schema` / `output_schema`: a JSON Schema (draft 2020-12) of any
 * type, checked usable at save time with the same machinery as a job's params schema.
 */
export const IoSchemaSchema = z
  .record(z.string(), z.json())
  .transform((schema, ctx): JsonObject => {
    for (const problem of findSchemaProblems(schema)) {
      ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
    return schema as JsonObject;
  });

type Ctx = z.core.$RefinementCtx<unknown>;

function toCheckedTemplate(value: string, ctx: Ctx, path: PropertyKey[] = []): string {
  if (!isTemplate(value)) return value;
  const template = rewriteJinjaFilters(value);
  const problem = checkTemplate(template);
  if (problem) ctx.addIssue({ code: "custom", message: `invalid template: ${problem}`, path });
  return template;
}

function rewriteJson(value: JsonValue, path: PropertyKey[], ctx: Ctx): JsonValue {
  if (typeof value === "string") return toCheckedTemplate(value, ctx, path);
  if (Array.isArray(value))
    return value.map((item, index) => rewriteJson(item, [...path, index], ctx));
  if (value !== null && typeof value === "object") {
    // fromEntries defines own properties, so a "__proto__" key stays data, never a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, rewriteJson(item, [...path, key], ctx)]),
    );
  }
  return value;
}
