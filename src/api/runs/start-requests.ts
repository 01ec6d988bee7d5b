/**
 * What the two start routes do with a request that passed their schema: find or compile
 * the job, then start it through startRun (src/clients/start-run.ts). Kept out of the route
 * files so the start path reads in one place.
 */

import { z } from "zod";
import { handlerNames } from "../../actions/handlers";
import type { StartRunResult } from "../../clients/run";
import { startRun } from "../../clients/start-run";
import { invalid, NotFoundError, ValidationError } from "../../core/errors";
import type { JsonValue } from "../../core/json";
import { getDb } from "../../db/client";
import { loadActionCatalog } from "../../db/queries/actions";
import { getJobToStart } from "../../db/queries/jobs";
import { compileJob } from "../../definition/compile";
import { readInlineRun } from "../../definition/inline-run";
import { TagsSchema } from "../../definition/tags";
import type { Env } from "../../env";
import { validate } from "../validate";
import { JsonObjectSchema } from "./run-stub";

/** `POST /jobs/{name}/runs`'s body: `parameters` is accepted as Karya's name for `params`. */
export const StartRunSchema = z.strictObject({
  params: JsonObjectSchema.optional(),
  parameters: JsonObjectSchema.optional(),
  idempotency_key: z.string().min(1).max(256).optional(),
  tags: TagsSchema.optional(),
});

/** `POST /jobs/{name}/runs`: a run of the job's current version. */
export async function startSavedJobRun(
  env: Env,
  name: string,
  body: z.infer<typeof StartRunSchema>,
): Promise<StartRunResult> {
  if (body.params && body.parameters)
    throw invalid("parameters", "give params or parameters, not both");
  // The job and the stored actions it names in one round trip: a start's only D1 read here.
  const found = await getJobToStart(getDb(env.DB), name);
  if (!found) throw new NotFoundError(`Job ${name}`);
  const { job, actions } = found;
  return startRun(
    env,
    {
      job: job.compiled,
      version: job.version,
      params: body.params ?? body.parameters ?? {},
      trigger: "api",
      idempotency_key: body.idempotency_key,
      tags: body.tags,
    },
    actions,
  );
}

/**
 * `POST /runs`: a run of the definition in the request (Cairn's envelope or Karya's body),
 * compiled against the action catalog; every problem is named by its path in the request.
 */
export async function startInlineRun(env: Env, document: unknown): Promise<StartRunResult> {
  const inline = readInlineRun(document);
  if (!inline.ok) throw new ValidationError(inline.errors);
  const tags = validate(TagsSchema.optional(), inline.tags, "tags");
  const catalog = await loadActionCatalog(getDb(env.DB));
  const compiled = compileJob(inline.source, { actions: catalog, handlers: handlerNames() });
  if (!compiled.ok)
    throw new ValidationError(
      compiled.errors.map((e) => ({ ...e, path: joinPath(inline.prefix, e.path) })),
    );
  // The run's snapshot comes from the catalog the job was just compiled against: one read.
  return startRun(
    env,
    {
      job: compiled.job,
      version: 0,
      params: inline.params,
      trigger: "api",
      idempotency_key: inline.idempotency_key,
      source: inline.source as JsonValue,
      tags,
    },
    catalog,
  );
}

function joinPath(prefix: string, path: string): string {
  return [prefix, path].filter((part) => part !== "").join(".");
}
