import { z } from "zod";
import { handlerNames } from "../actions/handlers";
import { syncSchedule } from "../clients/coordinator";
import { NotFoundError, ValidationError } from "../core/errors";
import { type Db, getDb } from "../db/client";
import { loadActionCatalog } from "../db/queries/actions";
import { checkJobCalls } from "../db/queries/job-calls";
import {
  createJob,
  deleteJob,
  getJob,
  type JobInput,
  type JobRecord,
  type JobVersionRecord,
  listJobs,
  listJobVersions,
  putJob,
} from "../db/queries/jobs";
import { compileJob, JobSourceSchema } from "../definition";
import type { CompiledJob } from "../definition/ir";
import { checkJobGraph } from "../schedule/job-graph";
import { MAX_BODY_BYTES } from "./body-sizes";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";
import { PageQuerySchema, pageSchema } from "./pagination";
import { readDocument, withPathName } from "./validate";

const VersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

/**
 * Compiles a job source against the stored actions and the registered handlers; a 400
 * listing every problem (with its path) when it does not compile.
 */
async function compileSource(db: Db, source: unknown): Promise<JobInput> {
  const result = compileJob(source, {
    actions: await loadActionCatalog(db),
    handlers: handlerNames(),
  });
  if (!result.ok) throw new ValidationError(result.errors);
  // `after` names other jobs: unknown ones and cycles need the catalog, so they are checked here.
  const graphIssues = [
    ...(await checkJobGraph(db, result.job.name, source)),
    ...(await checkJobCalls(db, result.job)),
  ];
  if (graphIssues.length > 0) throw new ValidationError(graphIssues);
  const compiled: CompiledJob = result.job;
  return { name: compiled.name, description: compiled.description ?? null, source, compiled };
}

function toJobSummary(job: JobRecord) {
  return {
    name: job.name,
    version: job.version,
    description: job.description,
    created_at: toIso(job.created_at),
    updated_at: toIso(job.updated_at),
  };
}

function toJobDetail(job: JobVersionRecord) {
  return {
    ...toJobSummary(job),
    definition: job.source,
    compiled: job.compiled,
    version_created_at: toIso(job.version_created_at),
  };
}

const JobSummarySchema = z.object({
  name: z.string(),
  version: z.number().int(),
  description: z.string().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
const CompiledSchema = z.record(z.string(), z.unknown()).describe("The compiled graph (IR)");
const JobDetailSchema = JobSummarySchema.extend({
  definition: JobSourceSchema,
  compiled: CompiledSchema,
  version_created_at: IsoTimeSchema,
});
const INVALID = { description: "Invalid job: every problem is named by its path" };

/** Job definitions: each save compiles the source against the action catalog and keeps every version. */
export const jobRoutes = [
  defineRoute({
    method: "post",
    path: "/jobs",
    summary: "Create a job from JSON or YAML (409 if the name exists)",
    tag: "jobs",
    access: { scope: "write" },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: JobSourceSchema,
    responses: {
      201: { description: "Created at version 1", schema: JobSummarySchema },
      400: INVALID,
      409: { description: "A job with this name exists" },
      413: { description: "Body too large" },
      415: { description: "Not JSON or YAML" },
    },
    handler: async (c) => {
      const db = getDb(c.env.DB);
      const input = await compileSource(db, await readDocument(c));
      const job = await createJob(db, input, Date.now());
      await syncSchedule(c.env, job.name, input.source);
      return c.json(toJobSummary(job), 201, {
        Location: `/jobs/${encodeURIComponent(job.name)}`,
      });
    },
  }),
  defineRoute({
    method: "post",
    path: "/jobs/validate",
    summary: "Dry-run: compile a job without saving it",
    tag: "jobs",
    access: { scope: "write" },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: JobSourceSchema,
    responses: {
      200: {
        description: "Valid",
        schema: z.object({ valid: z.literal(true), compiled: CompiledSchema }),
      },
      400: INVALID,
    },
    handler: async (c) => {
      const { compiled } = await compileSource(getDb(c.env.DB), await readDocument(c));
      return c.json({ valid: true, compiled });
    },
  }),
  defineRoute({
    method: "get",
    path: "/jobs",
    summary: "List jobs by name",
    tag: "jobs",
    access: { scope: "read" },
    query: PageQuerySchema,
    responses: { 200: { description: "One page of jobs", schema: pageSchema(JobSummarySchema) } },
    handler: async (c, { query: { cursor, limit } }) => {
      const page = await listJobs(getDb(c.env.DB), cursor, limit);
      return c.json({ items: page.items.map(toJobSummary), next_cursor: page.next_cursor });
    },
  }),
  defineRoute({
    method: "get",
    path: "/jobs/{name}",
    summary:
      "Get a job: its source as written and its compiled graph (?version=N for an older one)",
    tag: "jobs",
    access: { scope: "read" },
    query: VersionQuerySchema,
    responses: {
      200: { description: "The job", schema: JobDetailSchema },
      404: { description: "No such job or version" },
    },
    handler: async (c, { params: { name }, query: { version } }) => {
      const job = await getJob(getDb(c.env.DB), name, version);
      if (!job)
        throw new NotFoundError(
          version === undefined ? `Job ${name}` : `Version ${version} of job ${name}`,
        );
      return c.json(toJobDetail(job));
    },
  }),
  defineRoute({
    method: "put",
    path: "/jobs/{name}",
    summary:
      "Save a new version of a job (created if absent); runs keep the version they started with",
    tag: "jobs",
    access: { scope: "write" },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: JobSourceSchema,
    responses: {
      200: { description: "New version saved", schema: JobSummarySchema },
      201: { description: "Created at version 1", schema: JobSummarySchema },
      400: INVALID,
      409: { description: "Lost a race with concurrent saves on every attempt; retry" },
    },
    handler: async (c, { params: { name } }) => {
      const db = getDb(c.env.DB);
      const input = await compileSource(db, withPathName(await readDocument(c), name));
      const { job, created } = await putJob(db, input);
      await syncSchedule(c.env, job.name, input.source);
      return c.json(toJobSummary(job), created ? 201 : 200);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/jobs/{name}",
    summary: "Delete a job and its versions (runs keep their snapshot)",
    tag: "jobs",
    access: { scope: "write" },
    responses: { 204: { description: "Deleted" }, 404: { description: "No such job" } },
    handler: async (c, { params: { name } }) => {
      if (!(await deleteJob(getDb(c.env.DB), name))) throw new NotFoundError(`Job ${name}`);
      await syncSchedule(c.env, name);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: "get",
    path: "/jobs/{name}/versions",
    summary: "Every saved version of a job, newest first",
    tag: "jobs",
    access: { scope: "read" },
    responses: {
      200: {
        description: "The versions",
        schema: z.object({
          items: z.array(z.object({ version: z.number().int(), created_at: IsoTimeSchema })),
        }),
      },
      404: { description: "No such job" },
    },
    handler: async (c, { params: { name } }) => {
      const versions = await listJobVersions(getDb(c.env.DB), name);
      if (versions.length === 0) throw new NotFoundError(`Job ${name}`);
      return c.json({
        items: versions.map((v) => ({ version: v.version, created_at: toIso(v.created_at) })),
      });
    },
  }),
];
