import { z } from "zod";
import { type JsonSchema, SchemaRegistry } from "./openapi-schemas";

/** One documented operation; route modules export an array of these next to their routes. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI style: `/jobs/{name}`. */
  path: string;
  summary: string;
  tag: string;
  /** `.optional()` when the route accepts an absent body. */
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Whether the bearer token is required (default true). */
  auth?: boolean;
}

type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The shared shape of every 4xx/5xx body (RFC 9457). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

/**
 * Builds the OpenAPI 3.1 document from the route docs: JSON Schemas come from zod (see
 * SchemaRegistry), every 4xx/5xx is the shared Problem schema, and routes are protected by
 * the bearer scheme unless their doc says `auth: false`.
 */
export function buildOpenApi(docs: readonly RouteDoc[]): OpenApiDocument {
  const registry = new SchemaRegistry();
  const problem = registry.addNamed("Problem", ProblemSchema);
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
    },
    paths,
    components: {
      schemas: registry.components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
    security: [{ bearer: [] }],
  };
}

function buildOperation(
  doc: RouteDoc,
  registry: SchemaRegistry,
  problem: JsonSchema,
): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    operationId: toOperationId(doc),
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [...pathParameters(doc.path), ...queryParameters(doc.query, registry)],
    responses: buildResponses(doc, registry, problem),
  };
  if (doc.auth === false) operation.security = [];
  if (doc.body) {
    // A route that reads an absent body as a default documents its body as `.optional()`.
    const optional = doc.body instanceof z.ZodOptional ? doc.body : null;
    const schema = registry.toJsonSchema(optional ? (optional.unwrap() as z.ZodType) : doc.body);
    operation.requestBody = {
      required: optional === null,
      content: { "application/json": { schema }, "application/yaml": { schema } },
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

function queryParameters(query: z.ZodObject | undefined, registry: SchemaRegistry) {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: registry.toJsonSchema(field as z.ZodType),
  }));
}

function buildResponses(doc: RouteDoc, registry: SchemaRegistry, problem: JsonSchema) {
  const responses: Record<string, unknown> = {};
  for (const [status, { description, schema }] of Object.entries(doc.responses)) {
    const isProblem = Number(status) >= 400;
    const content = isProblem
      ? { "application/problem+json": { schema: problem } }
      : schema && { "application/json": { schema: registry.toJsonSchema(schema) } };
    responses[status] = content ? { description, content } : { description };
  }
  return responses;
}
