import { z } from "zod";
import { ActionSourceSchema, JobSourceSchema } from "../definition";
import { defineRoute } from "./define-route";

type JsonSchemaDocument = Record<string, unknown>;

/**
 * A standalone JSON Schema (draft 2020-12) of what users write, for editors and CI to
 * validate definitions before they reach the API. Generated from the same zod schemas the
 * API validates with (input side: durations as written, not milliseconds), so it cannot
 * drift; parts zod cannot express (transforms) are left open rather than guessed.
 */
export function buildDefinitionSchema(
  schema: z.ZodType,
  id: string,
  title: string,
): JsonSchemaDocument {
  const generated = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchemaDocument;
  const { $schema, ...rest } = generated;
  return { $schema, $id: id, title, ...rest };
}

// Built once per isolate: the schemas depend only on the code.
let cached: { job: JsonSchemaDocument; action: JsonSchemaDocument } | undefined;

function readSchemas(origin: string) {
  cached ??= {
    job: buildDefinitionSchema(JobSourceSchema, "/schemas/job.json", "Cairn job definition"),
    action: buildDefinitionSchema(
      ActionSourceSchema,
      "/schemas/action.json",
      "Cairn action definition",
    ),
  };
  // `$id` is absolute so editors can resolve it; the host is whatever served the request.
  return {
    job: { ...cached.job, $id: `${origin}/schemas/job.json` },
    action: { ...cached.action, $id: `${origin}/schemas/action.json` },
  };
}

const DefinitionSchemaSchema = z
  .looseObject({ $schema: z.string(), $id: z.string(), title: z.string() })
  .describe("A JSON Schema (draft 2020-12) document");

/** The definition schemas, served without auth (they describe the language, not data). */
export const schemaRoutes = (["job", "action"] as const).map((kind) =>
  defineRoute({
    method: "get",
    path: `/schemas/${kind}.json`,
    summary: `JSON Schema (draft 2020-12) of ${kind === "job" ? "a job" : "an action"} definition, for editors and CI`,
    tag: "meta",
    access: { scope: null },
    responses: {
      200: { description: `The ${kind} definition schema`, schema: DefinitionSchemaSchema },
    },
    handler: (c) => c.json(readSchemas(new URL(c.req.url).origin)[kind]),
  }),
);
