import { z } from "zod";

/** One documented operation; route modules export an array of these next to their routes. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI style: `/jobs/{name}`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Whether the bearer token is required (default true). */
  auth?: boolean;
}

type JsonSchema = Record<string, unknown>;
type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The shared shape of every 4xx/5xx body (RFC 9457). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

/**
 * Builds the OpenAPI 3.1 document from the route docs: JSON Schemas come from zod, nested `$defs` are
 * hoisted into `components.schemas` so every `$ref` resolves from the document root.
 */
export function buildOpenApi(docs: readonly RouteDoc[]): OpenApiDocument {
  const components: Record<string, JsonSchema> = { Problem: toSchema(ProblemSchema, {}) };
  const paths: OpenApiDocument["paths"] = {};
  for (const doc of docs) {
    const operations = paths[doc.path] ?? {};
    operations[doc.method] = buildOperation(doc, components);
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
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
    security: [{ bearer: [] }],
  };
}

function buildOperation(
  doc: RouteDoc,
  components: Record<string, JsonSchema>,
): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    operationId: toOperationId(doc),
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [...pathParameters(doc.path), ...queryParameters(doc.query, components)],
    responses: buildResponses(doc, components),
  };
  if (doc.auth === false) operation.security = [];
  if (doc.body) {
    const schema = toSchema(doc.body, components);
    operation.requestBody = {
      required: true,
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

function queryParameters(query: z.ZodObject | undefined, components: Record<string, JsonSchema>) {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: toSchema(field as z.ZodType, components),
  }));
}

function buildResponses(doc: RouteDoc, components: Record<string, JsonSchema>) {
  const responses: Record<string, unknown> = {};
  for (const [status, { description, schema }] of Object.entries(doc.responses)) {
    const isProblem = Number(status) >= 400;
    const content = isProblem
      ? { "application/problem+json": { schema: PROBLEM_REF } }
      : schema && { "application/json": { schema: toSchema(schema, components) } };
    responses[status] = content ? { description, content } : { description };
  }
  return responses;
}

/**
 * zod → JSON Schema, with `$defs` moved into `components` under unique names. Always the
 * input side: request schemas transform what users write into the IR, and responses echo
 * what was written, so the written form is the one worth describing.
 */
function toSchema(schema: z.ZodType, components: Record<string, JsonSchema>): JsonSchema {
  const {
    $schema: _,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const renames = new Map<string, string>();
  for (const name of Object.keys(($defs as Record<string, JsonSchema> | undefined) ?? {})) {
    renames.set(name, uniqueName(name, components));
    components[renames.get(name) as string] = {};
  }
  const rewrite = (value: unknown): unknown => rewriteRefs(value, renames);
  for (const [name, def] of Object.entries(
    ($defs as Record<string, JsonSchema> | undefined) ?? {},
  )) {
    components[renames.get(name) as string] = rewrite(def) as JsonSchema;
  }
  const root = rewrite(rest) as JsonSchema;
  if (!JSON.stringify(root).includes('"$ref":"#"')) return root;
  // A schema that recurses through its root refers to itself as "#": give it a name.
  const name = uniqueName("Recursive", components);
  components[name] = rewriteRefs(root, new Map([["", name]])) as JsonSchema;
  return { $ref: `#/components/schemas/${name}` };
}

function uniqueName(name: string, taken: Record<string, unknown>): string {
  let candidate = name.replace(/\W/g, "_");
  for (let n = 2; candidate in taken; n++) candidate = `${name.replace(/\W/g, "_")}_${n}`;
  return candidate;
}

function rewriteRefs(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$ref" && typeof inner === "string") out[key] = rewriteRef(inner, renames);
    else out[key] = rewriteRefs(inner, renames);
  }
  return out;
}

function rewriteRef(ref: string, renames: ReadonlyMap<string, string>): string {
  const key = ref === "#" ? "" : ref.match(/^#\/\$defs\/(.+)$/)?.[1];
  const target = key === undefined ? undefined : renames.get(key);
  return target ? `#/components/schemas/${target}` : ref;
}
