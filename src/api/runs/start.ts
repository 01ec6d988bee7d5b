import type { Context } from "hono";
import { z } from "zod";
import type { StartRunResult } from "../../clients/run";
import { RunSummarySchema } from "../../clients/run-views";
import { JobSourceSchema } from "../../definition";
import type { AppEnv } from "../app-env";
import { MAX_BODY_BYTES } from "../body-sizes";
import { defineRoute } from "../define-route";
import { readDocument } from "../validate";
import { JsonObjectSchema } from "./run-stub";
import { StartRunSchema, startInlineRun, startSavedJobRun } from "./start-requests";

/**
 * `POST /runs` as readInlineRun reads it (documentation only: the envelope is checked by
 * hand there, the job by compileJob). Karya's shape is the job itself with `workflow_name`
 * in place of `name`.
 */
const InlineRunSchema = z.xor([
  z.strictObject({
    job: JobSourceSchema,
    params: JsonObjectSchema.optional(),
    parameters: JsonObjectSchema.optional().describe("Karya's name for params"),
    idempotency_key: StartRunSchema.shape.idempotency_key,
  }),
  z.strictObject({
    ...omitName(JobSourceSchema.shape),
    workflow_name: z
      .string()
      .describe("Karya's job name: lower-cased, other characters than a-z0-9_- become -"),
    params: JsonObjectSchema.optional(),
    parameters: JsonObjectSchema.optional().describe("Karya's name for params"),
    idempotency_key: StartRunSchema.shape.idempotency_key,
  }),
]);

function omitName<T extends { name: unknown }>(shape: T): Omit<T, "name"> {
  const { name: _, ...rest } = shape;
  return rest;
}

const STARTED = {
  201: { description: "Run started", schema: RunSummarySchema },
  200: { description: "A run with this idempotency_key exists", schema: RunSummarySchema },
};

/** 201 for a new run, 200 for the run a repeated idempotency key names. */
function answerStart(c: Context<AppEnv>, started: StartRunResult): Response {
  return c.json(started.run, started.created ? 201 : 200, {
    Location: `/runs/${started.run.id}`,
  });
}

/** Starting a run of a saved job (mounted under /jobs). */
export const startJobRunRoute = defineRoute({
  method: "post",
  path: "/jobs/{name}/runs",
  summary: "Start a run of the job's current version (idempotent by idempotency_key)",
  tag: "runs",
  access: { scope: "run", job: "path", limited: true },
  maxBodyBytes: MAX_BODY_BYTES,
  body: StartRunSchema.optional(),
  bodyDefault: {},
  responses: {
    ...STARTED,
    400: { description: "Invalid body or params" },
    404: { description: "No such job" },
    409: { description: "The idempotency_key was used with other params" },
  },
  handler: async (c, { params: { name }, body }) =>
    answerStart(c, await startSavedJobRun(c.env, name, body ?? {})),
});

/**
 * Starting a run of an inline definition. An inline run is a definition, free to call any
 * URL with any template secret, so it needs `write`, not `run`.
 */
export const startInlineRunRoute = defineRoute({
  method: "post",
  path: "/runs",
  summary: "Start a run of an inline job definition (Karya's request body is accepted as written)",
  tag: "runs",
  access: { scope: "write", limited: true },
  maxBodyBytes: MAX_BODY_BYTES,
  ownBody: InlineRunSchema,
  responses: {
    ...STARTED,
    400: { description: "Invalid definition or params, every problem named by its path" },
  },
  handler: async (c) => answerStart(c, await startInlineRun(c.env, await readDocument(c))),
});
