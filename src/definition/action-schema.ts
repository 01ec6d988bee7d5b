/**
 * Actions as users write them (DESIGN.md "Actions", Karya's action JSON as written), compiled
 * to ActionSpec. Strict: an unknown field is an error naming it.
 */
import { z } from "zod";
import type { Issue } from "../core/errors";
import { isTemplate } from "../templates/liquid";
import {
  ActionNameSchema,
  DescriptionSchema,
  FixedDurationSchema,
  HandlerNameSchema,
  IoSchemaSchema,
  SaveAsSchema,
  TemplatedJsonSchema,
  TemplateStringSchema,
} from "./fields";
import { type ActionSpec, HTTP_METHODS, type NamedAction } from "./ir";
import { toIssues } from "./issues";
import { RetrySourceSchema } from "./retry";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
const BINDING_NAME = /^[A-Z_][A-Z0-9_]*$/i;
const MAX_URL_LENGTH = 8 * 1024;

/** Methods are case-insensitive on the way in (`post` is POST); GET when absent. */
const MethodSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.toUpperCase() : value),
    z.enum(HTTP_METHODS),
  )
  .default("GET");

const HeadersSchema = z
  .record(z.string().regex(HEADER_NAME, "is not a valid header name"), TemplateStringSchema)
  .default({});
const QuerySchema = z.record(z.string().min(1).max(256), TemplateStringSchema).default({});
const OutputModeSchema = z.enum(["body", "response"]).default("body");

const UrlSchema = TemplateStringSchema.pipe(
  z
    .string()
    .min(1)
    .max(MAX_URL_LENGTH)
    .refine((url) => isTemplate(url) || isHttpUrl(url), "must be an absolute http(s) URL"),
);

const PathSchema = TemplateStringSchema.pipe(
  z
    .string()
    .max(MAX_URL_LENGTH)
    .refine((path) => isTemplate(path) || path.startsWith("/"), 'must start with "/"'),
).default("/");

/** Per-action cap on calls in flight across all runs (rate-limited APIs). */
const ConcurrencySchema = z.strictObject({ limit: z.int().min(1).max(1000) });

const commonShape = {
  timeout: FixedDurationSchema.optional(),
  retry: RetrySourceSchema.optional(),
  save_as: SaveAsSchema.optional(),
  input_schema: IoSchemaSchema.optional(),
  output_schema: IoSchemaSchema.optional(),
};

const httpShape = {
  method: MethodSchema,
  url: UrlSchema,
  headers: HeadersSchema,
  query: QuerySchema,
  body: TemplatedJsonSchema.optional(),
  output: OutputModeSchema,
  ...commonShape,
};

// Only stored actions take `concurrency`: the cap is kept per action name (src/gates).
const namedShape = {
  name: ActionNameSchema,
  description: DescriptionSchema.optional(),
  concurrency: ConcurrencySchema.optional(),
};

const workerShape = {
  binding: z.string().regex(BINDING_NAME, "must be a service binding name (letters, digits and _)"),
  method: MethodSchema,
  path: PathSchema,
  headers: HeadersSchema,
  query: QuerySchema,
  body: TemplatedJsonSchema.optional(),
  output: OutputModeSchema,
  ...commonShape,
};

const handlerShape = { handler: HandlerNameSchema, ...commonShape };

type HttpSource = z.output<z.ZodObject<typeof httpShape>> & { type?: "http" };
type WorkerSource = z.output<z.ZodObject<typeof workerShape>> & { type: "worker" };
type HandlerSource = z.output<z.ZodObject<typeof handlerShape>> & { type: "handler" };
type ActionSource = HttpSource | WorkerSource | HandlerSource;

/** An inline `http:` block of a task step: an http action without `name` (`type` optional). */
export const InlineHttpSchema = z
  .strictObject({ type: z.literal("http").optional(), ...httpShape })
  .superRefine(checkBodyMethod)
  .transform((source) => toActionSpec(source));

/** A stored action: `type` is `http`, `worker` or `handler`. */
export const ActionSourceSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("http"), ...namedShape, ...httpShape }),
    z.strictObject({ type: z.literal("worker"), ...namedShape, ...workerShape }),
    z.strictObject({ type: z.literal("handler"), ...namedShape, ...handlerShape }),
  ])
  .superRefine(checkBodyMethod)
  .transform((source): NamedAction => {
    const spec =
      source.concurrency === undefined
        ? toActionSpec(source)
        : { ...toActionSpec(source), concurrency: source.concurrency };
    return source.description === undefined
      ? { ...spec, name: source.name }
      : { ...spec, name: source.name, description: source.description };
  });

/** Validates and compiles a stored action, collecting every problem with its path. */
export function parseAction(
  source: unknown,
): { ok: true; action: NamedAction } | { ok: false; errors: Issue[] } {
  const result = ActionSourceSchema.safeParse(source);
  return result.success
    ? { ok: true, action: result.data }
    : { ok: false, errors: toIssues(result.error.issues) };
}

// fetch() refuses a body on GET and HEAD; say so at save time instead of on every run.
function checkBodyMethod(source: object, ctx: z.RefinementCtx): void {
  const method = "method" in source ? source.method : undefined;
  const hasBody = "body" in source && source.body !== undefined;
  if (hasBody && (method === "GET" || method === "HEAD")) {
    ctx.addIssue({
      code: "custom",
      path: ["body"],
      message: `a ${method} request cannot have a body; set method (e.g. POST)`,
    });
  }
}

function toActionSpec(source: ActionSource): ActionSpec {
  const common = {
    ...(source.timeout === undefined ? {} : { timeout_ms: source.timeout }),
    ...(source.retry === undefined ? {} : { retry: source.retry }),
    ...(source.save_as === undefined ? {} : { save_as: source.save_as }),
    ...(source.input_schema === undefined ? {} : { input_schema: source.input_schema }),
    ...(source.output_schema === undefined ? {} : { output_schema: source.output_schema }),
  };
  if (source.type === "handler") return { type: "handler", handler: source.handler, ...common };
  const request = {
    method: source.method,
    headers: source.headers,
    query: source.query,
    output: source.output,
    ...(source.body === undefined ? {} : { body: source.body }),
    ...common,
  };
  if (source.type === "worker") {
    return { type: "worker", binding: source.binding, path: source.path, ...request };
  }
  return { type: "http", url: source.url, ...request };
}

function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === "https:" || protocol === "http:";
}
