import { z } from "zod";
import { RunSummarySchema, RunViewSchema, StepViewSchema } from "../clients/run-views";
import { HistoryRecordSchema } from "../core/history";
import { ActionSourceSchema, JobSourceSchema, StepSourceSchema } from "../definition";
import { type JsonSchema, SchemaRegistry } from "./openapi-schemas";
import type { RouteAccess } from "./route-access";

/** One answer of a route: 4xx/5xx bodies are always the shared Problem, so they need no schema. */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** The media type of a 2xx body (default `application/json`). */
  contentType?: string;
  /** Response headers the answer carries, each always sent. */
  headers?: z.ZodObject;
}

/** One documented operation, as a defineRoute declaration describes it. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI style: `/jobs/{name}`. */
  path: string;
  summary: string;
  tag: Tag;
  /** `.optional()` when the route accepts an absent body. */
  body?: z.ZodType;
  /** Media types the body is read in (default: JSON and YAML, as readDocument reads them). */
  bodyMediaTypes?: readonly string[];
  query?: z.ZodObject;
  /** Request headers the route reads. */
  headers?: z.ZodObject;
  /** Who may call it: its scope (or none, open), the job a limited key must be for, the rate limit. */
  access: RouteAccess;
  responses: Record<number, ResponseDoc>;
}

/** The tags operations are grouped by, each with what it covers. */
const TAGS = {
  meta: "Health, this document and the definition schemas (no token needed)",
  actions: "The action catalog: reusable HTTP calls, service-binding calls and named handlers",
  jobs: "Job definitions, kept in every version they were saved in",
  runs: "Starting, reading and steering runs, and delivering events to them",
  schedules: "Cron schedules of jobs, their next fire times, pausing and resuming",
  webhooks: "Signed inbound webhooks that start runs",
  subscriptions: "Outbound, signed deliveries of run lifecycle events",
  operations: "Bulk cancel, retry or delete of the runs a filter matches, with progress",
  keys: "API keys with scopes, for least-privilege access (admin only)",
  dashboard:
    "The dashboard's pages and its sign-in session (its cookie works like the bearer token)",
} as const;
export type Tag = keyof typeof TAGS;

type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The shared shape of every 4xx/5xx body (RFC 9457). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .describe("Each problem with the dotted path of the field it concerns"),
});

/** Schemas clients meet on many routes, as named components: generated types bear these names. */
const COMPONENT_NAMES = new Map<z.ZodType, string>([
  [ProblemSchema, "Problem"],
  [JobSourceSchema, "JobSource"],
  [StepSourceSchema, "StepSource"],
  [ActionSourceSchema, "ActionSource"],
  [RunSummarySchema, "RunSummary"],
  [RunViewSchema, "RunView"],
  [StepViewSchema, "StepView"],
  [HistoryRecordSchema, "HistoryRecord"],
]);

/** Media types a request body is read from (see readDocument): both parse to the same value. */
const BODY_MEDIA_TYPES = ["application/json", "application/yaml"] as const;

const RetryAfterSchema = z.object({
  "Retry-After": z.string().regex(/^\d+$/).describe("Seconds to wait before trying again"),
});

/**
 * Answers every operation can give because of what it takes, added to the ones its doc
 * lists (a doc's own description wins): the credential and scope check and the rate limit
 * of its declared access, validation of query and body, and the body limit and media
 * types of readDocument.
 */
function implicitResponses(doc: RouteDoc, rule: RouteAccess): Record<number, ResponseDoc> {
  const responses: Record<number, ResponseDoc> = {};
  if (rule.scope !== null) {
    responses[401] = { description: "Missing or invalid bearer token or API key" };
    const jobs = rule.job ? ", or the key is limited to other jobs" : "";
    responses[403] = { description: `The API key lacks the "${rule.scope}" scope${jobs}` };
  }
  if (rule.limited)
    responses[429] = {
      description: "Rate limit reached (Retry-After says when to retry)",
      headers: RetryAfterSchema,
    };
  if (doc.query) responses[400] = { description: "Invalid query parameters, each one named" };
  if (doc.body) {
    responses[400] = { description: "Invalid body, every problem named by its path" };
    responses[413] = { description: "Body over 1 MiB" };
    if (!doc.bodyMediaTypes) responses[415] = { description: "Body neither JSON nor YAML" };
  }
  return responses;
}

/** The implicit answers with the doc's own: its fields win, implicit headers stay. */
function mergeResponses(
  implicit: Record<number, ResponseDoc>,
  own: Record<number, ResponseDoc>,
): Record<number, ResponseDoc> {
  const merged = { ...implicit };
  for (const [status, response] of Object.entries(own))
    merged[Number(status)] = { ...implicit[Number(status)], ...response };
  return merged;
}

/**
 * Builds the OpenAPI 3.1 document from the route docs: JSON Schemas come from zod (see
 * SchemaRegistry), every 4xx/5xx is the shared Problem schema, and routes are protected by
 * the bearer scheme unless their access is open. `origin` is the server the
 * document was asked from, so clients generated from it call that deployment.
 */
export function buildOpenApi(docs: readonly RouteDoc[], origin: string): OpenApiDocument {
  const registry = new SchemaRegistry(COMPONENT_NAMES);
  const problem = registry.toJsonSchema(ProblemSchema);
  const paths: OpenApiDocument["paths"] = {};
  for (const doc of docs) {
    const operations = paths[doc.path] ?? {};
    operations[doc.method] = buildOperation(doc, registry, problem);
    paths[doc.path] = operations;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Cairn",
      version: "0.1.0",
      description: "A durable job orchestrator on Cloudflare Workers.",
      // No license is granted yet (the package is private); change with package.json.
      license: { name: "Proprietary: all rights reserved", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: origin, description: "The deployment that served this document" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: registry.components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "The API_TOKEN secret" },
      },
    },
    security: [{ bearer: [] }],
  };
}

function buildOperation(
  doc: RouteDoc,
  registry: SchemaRegistry,
  problem: JsonSchema,
): Record<string, unknown> {
  const rule = doc.access;
  const operation: Record<string, unknown> = {
    operationId: toOperationId(doc),
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [
      ...pathParameters(doc.path),
      ...fieldParameters("query", doc.query, registry),
      ...fieldParameters("header", doc.headers, registry),
    ],
    responses: buildResponses(
      mergeResponses(implicitResponses(doc, rule), doc.responses),
      registry,
      problem,
    ),
  };
  if (rule.scope === null) operation.security = [];
  if (doc.body) {
    // A route that reads an absent body as a default documents its body as `.optional()`.
    const optional = doc.body instanceof z.ZodOptional ? doc.body : null;
    const schema = registry.toJsonSchema(optional ? (optional.unwrap() as z.ZodType) : doc.body);
    operation.requestBody = {
      required: optional === null,
      content: Object.fromEntries(
        (doc.bodyMediaTypes ?? BODY_MEDIA_TYPES).map((type) => [type, { schema }]),
      ),
    };
  }
  return operation;
}

/** `post /jobs/{name}/versions` → `postJobsNameVersions`. */
function toOperationId(doc: RouteDoc): string {
  const words = doc.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return doc.method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

function pathParameters(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function fieldParameters(
  location: "query" | "header",
  fields: z.ZodObject | undefined,
  registry: SchemaRegistry,
) {
  if (!fields) return [];
  return Object.entries(fields.shape).map(([name, field]) => ({
    name,
    in: location,
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: registry.toJsonSchema(field as z.ZodType),
  }));
}

function buildResponses(
  responses: Record<number, ResponseDoc>,
  registry: SchemaRegistry,
  problem: JsonSchema,
) {
  const built: Record<string, unknown> = {};
  for (const [status, { description, schema, contentType, headers }] of Object.entries(responses)) {
    const isProblem = Number(status) >= 400;
    const content = isProblem
      ? { "application/problem+json": { schema: problem } }
      : schema && {
          [contentType ?? "application/json"]: { schema: registry.toJsonSchema(schema) },
        };
    built[status] = {
      description,
      ...(headers && { headers: responseHeaders(headers, registry) }),
      ...(content && { content }),
    };
  }
  return built;
}

function responseHeaders(headers: z.ZodObject, registry: SchemaRegistry) {
  return Object.fromEntries(
    Object.entries(headers.shape).map(([name, field]) => {
      const { description, ...schema } = registry.toJsonSchema(field as z.ZodType);
      return [name, { description, required: true, schema }];
    }),
  );
}
