import { Hono } from "hono";
import { z } from "zod";
import { handlerNames } from "../actions/handlers";
import { controlQueuedRun, describeQueuedRun } from "../clients/queued-runs";
import type { ControlResult, Refusal, RunDefinition } from "../clients/run";
import { type RunClient, runClient } from "../clients/run";
import {
  RunSummarySchema,
  type RunView,
  RunViewSchema,
  type StepView,
  StepViewSchema,
} from "../clients/run-views";
import { startRun } from "../clients/start-run";
import { ConflictError, GoneError, invalid, NotFoundError, ValidationError } from "../core/errors";
import { type HistoryRecord, HistoryRecordSchema } from "../core/history";
import type { JsonValue } from "../core/json";
import { RUN_STATUSES } from "../core/statuses";
import { getDb } from "../db/client";
import { loadActionCatalog } from "../db/queries/actions";
import { getJob } from "../db/queries/jobs";
import { deleteRunIndex, getRunIndex, listRuns } from "../db/queries/runs";
import { JobSourceSchema } from "../definition";
import { compileJob } from "../definition/compile";
import { StepIdSchema } from "../definition/fields";
import { readInlineRun } from "../definition/inline-run";
import { EventNameSchema } from "../definition/step-schema";
import { TagsSchema } from "../definition/tags";
import type { Env } from "../env";
import type { AppEnv } from "./app-env";
import { toIso } from "./iso-time";
import type { RouteDoc } from "./openapi";
import { pageSchema } from "./pagination";
import { RunListQuerySchema, readListQuery, toRunFilter } from "./run-filter";
import { readDocument, readDocumentOr, validate } from "./validate";

const JsonObjectSchema = z.record(z.string(), z.json());

/** `POST /jobs/{name}/runs`: `parameters` is accepted as Karya's name for `params`. */
const StartRunSchema = z.strictObject({
  params: JsonObjectSchema.optional(),
  parameters: JsonObjectSchema.optional(),
  idempotency_key: z.string().min(1).max(256).optional(),
  tags: TagsSchema.optional(),
});

const HistoryQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const StreamQuerySchema = z.object({ after: z.coerce.number().int().min(0).default(0) });

/** `POST /runs/{id}/retry`'s optional body. */
const RetryBodySchema = z.strictObject({
  from: StepIdSchema.optional().describe(
    "A top-level step: it and what follows it run again (any finished run); default: the failed step",
  ),
  params: JsonObjectSchema.optional().describe(
    "Replaces the run's params for the steps that run again (checked against the job's params schema)",
  ),
});

const CONTROLS = ["pause", "resume", "cancel", "retry"] as const;
type Control = (typeof CONTROLS)[number];

/** Run ids are 32 hex digits; anything else cannot name a run, so it never reaches an object. */
function runStub(env: Env, id: string): RunClient {
  if (!/^[0-9a-f]{32}$/.test(id)) throw new NotFoundError(`Run ${id}`);
  return runClient(env, id);
}

function refuse(refusal: Refusal, id: string): never {
  if (refusal.status === 400) throw new ValidationError(refusal.errors ?? []);
  if (refusal.status === 404) throw new NotFoundError(`Run ${id}`);
  if (refusal.status === 410) throw new GoneError(refusal.message);
  throw new ConflictError(refusal.message);
}

/** Starting, reading and steering runs; each run is its own Durable Object. */
export const runRoutes = new Hono<AppEnv>()
  .post("/jobs/:name/runs", async (c) => {
    const body = validate(StartRunSchema, await readDocumentOr(c, {}));
    if (body.params && body.parameters)
      throw invalid("parameters", "give params or parameters, not both");
    const job = await getJob(getDb(c.env.DB), c.req.param("name"));
    if (!job) throw new NotFoundError(`Job ${c.req.param("name")}`);
    const started = await startRun(c.env, {
      job: job.compiled,
      version: job.version,
      params: body.params ?? body.parameters ?? {},
      trigger: "api",
      idempotency_key: body.idempotency_key,
      tags: body.tags,
    });
    return c.json(started.run, started.created ? 201 : 200, {
      Location: `/runs/${started.run.id}`,
    });
  })
  .post("/runs", async (c) => {
    const inline = readInlineRun(await readDocument(c));
    if (!inline.ok) throw new ValidationError(inline.errors);
    const tags = validate(TagsSchema.optional(), inline.tags, "tags");
    const db = getDb(c.env.DB);
    const compiled = compileJob(inline.source, {
      actions: await loadActionCatalog(db),
      handlers: handlerNames(),
    });
    if (!compiled.ok)
      throw new ValidationError(
        compiled.errors.map((e) => ({ ...e, path: joinPath(inline.prefix, e.path) })),
      );
    const started = await startRun(c.env, {
      job: compiled.job,
      version: 0,
      params: inline.params,
      trigger: "api",
      idempotency_key: inline.idempotency_key,
      source: inline.source as JsonValue,
      tags,
    });
    return c.json(started.run, started.created ? 201 : 200, {
      Location: `/runs/${started.run.id}`,
    });
  })
  .get("/runs", async (c) => {
    const { cursor, limit, ...filter } = validate(RunListQuerySchema, readListQuery(c));
    const page = await listRuns(getDb(c.env.DB), { cursor, limit, ...toRunFilter(filter) });
    if (!page) throw invalid("cursor", "is not a cursor this API returned");
    return c.json({
      items: page.items.map((row) => ({
        id: row.id,
        job: row.job,
        version: row.version,
        status: row.status,
        trigger: row.trigger,
        created_at: toIso(row.created_at),
        started_at: toIso(row.started_at),
        finished_at: toIso(row.finished_at),
        tags: row.tags,
      })),
      next_cursor: page.next_cursor,
    });
  })
  .get("/runs/:id", async (c) => {
    const id = c.req.param("id");
    const run: RunView | null =
      (await runStub(c.env, id).describe()) ?? (await describeQueuedRun(c.env, id));
    if (!run) throw new NotFoundError(`Run ${id}`);
    return c.json(run);
  })
  .get("/runs/:id/definition", async (c) => {
    const id = c.req.param("id");
    const found = (await runStub(c.env, id).definition()) ?? (await queuedRunDefinition(c.env, id));
    if (!found) throw new NotFoundError(`Run ${id}`);
    const source = found.source ?? (await savedSource(c.env, found.job, found.version));
    if (source === null)
      throw new NotFoundError(
        `Version ${found.version} of job ${found.job}, which run ${id} runs,`,
      );
    return c.json({ id, job: found.job, version: found.version, definition: source });
  })
  .get("/runs/:id/steps", async (c) => {
    const steps: StepView[] | null = await runStub(c.env, c.req.param("id")).steps();
    if (!steps) throw new NotFoundError(`Run ${c.req.param("id")}`);
    return c.json({ steps });
  })
  .get("/runs/:id/history", async (c) => {
    const { after, limit } = validate(HistoryQuerySchema, c.req.query());
    const events: HistoryRecord[] | null = await runStub(c.env, c.req.param("id")).history(
      after,
      limit,
    );
    if (!events) throw new NotFoundError(`Run ${c.req.param("id")}`);
    const last = events.at(-1);
    return c.json({
      events,
      next_cursor: events.length === limit && last ? String(last.seq) : null,
    });
  })
  .get("/runs/:id/stream", async (c) => {
    const { after } = validate(StreamQuerySchema, {
      after: c.req.query("after") ?? c.req.header("Last-Event-ID"),
    });
    const stream = await runStub(c.env, c.req.param("id")).stream(after);
    if (!stream) throw new NotFoundError(`Run ${c.req.param("id")}`);
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
    });
  })
  .post("/runs/:id/events/:name", async (c) => {
    const id = c.req.param("id");
    const name = validate(EventNameSchema, c.req.param("name"), "name");
    const body = validate(z.json(), (await readDocument(c)) ?? null, "body");
    const result = await runStub(c.env, id).deliverEvent(name, body);
    if (!result.ok) refuse(result, id);
    return c.json(
      { run_id: id, event: name, taken_by: result.taken_by, status: result.run.status },
      202,
    );
  })
  .post("/callbacks/:token", async (c) => {
    const token = c.req.param("token");
    const runId = /^([0-9a-f]{32})\.[0-9a-f]{32}$/.exec(token)?.[1];
    if (!runId) throw new NotFoundError("Callback");
    const body = validate(z.json(), (await readDocument(c)) ?? null, "body");
    const result = await runClient(c.env, runId).deliverCallback(token, body);
    if (!result.ok) {
      if (result.status === 404) throw new NotFoundError("Callback");
      refuse(result, runId);
    }
    return c.json({ run_id: runId, status: result.run.status }, 202);
  })
  .post("/runs/:id/:control{pause|resume|cancel|retry}", async (c) => {
    const id = c.req.param("id");
    const stub = runStub(c.env, id);
    const control = c.req.param("control") as Control;
    const result: ControlResult =
      control === "retry"
        ? await stub.retry(validate(RetryBodySchema, await readDocumentOr(c, {})))
        : await stub[control]();
    if (!result.ok && result.status === 404) {
      const unstarted = await controlQueuedRun(c.env, id, control);
      if (unstarted) return c.json(unstarted);
    }
    if (!result.ok) refuse(result, id);
    return c.json(result.run);
  })
  .delete("/runs/:id", async (c) => {
    const id = c.req.param("id");
    const db = getDb(c.env.DB);
    const result = await runStub(c.env, id).destroy();
    if (!result.ok) {
      if (result.status === 409 || !(await getRunIndex(db, id))) refuse(result, id);
    }
    await deleteRunIndex(db, id);
    return c.body(null, 204);
  });

/** A run still held by its job's queue has no run object; its index row names the version. */
async function queuedRunDefinition(env: Env, id: string): Promise<RunDefinition | null> {
  const row = await getRunIndex(getDb(env.DB), id);
  return row ? { job: row.job, version: row.version, source: null } : null;
}

/** A saved job version's source; null when the job (and with it its versions) was deleted. */
async function savedSource(env: Env, job: string, version: number): Promise<JsonValue | null> {
  if (version === 0) return null;
  const saved = await getJob(getDb(env.DB), job, version);
  return saved ? (saved.source as JsonValue) : null;
}

function joinPath(prefix: string, path: string): string {
  return [prefix, path].filter((part) => part !== "").join(".");
}

const RunListItemSchema = RunViewSchema.pick({
  id: true,
  job: true,
  version: true,
  status: true,
  trigger: true,
  created_at: true,
  started_at: true,
  finished_at: true,
  tags: true,
});
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

const CONTROL_SUMMARIES: Record<Control, string> = {
  pause: "Pause a run: steps in flight finish, nothing new starts",
  resume: "Resume a paused run",
  cancel:
    "Cancel a run: calls in flight are aborted and runs its run_job steps started are cancelled; a start still held by its job's concurrency queue leaves the queue",
  retry:
    "Re-run a failed or timed-out run from the step that failed; with `from`, any finished run from that top-level step (a DAG: it and everything downstream), with `params`, with new params; the history records what changed",
};

const NOT_FOUND = { description: "No such run" };
const WRONG_STATE = { description: "The run is not in a state that allows this" };
const RETRY_REFUSED: RouteDoc["responses"] = {
  400: { description: "A bad from, or params the job's schema refuses, named" },
};

/** OpenAPI description of the routes above. */
export const runDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/jobs/{name}/runs",
    summary: "Start a run of the job's current version (idempotent by idempotency_key)",
    tag: "runs",
    body: StartRunSchema.optional(),
    responses: {
      201: { description: "Run started", schema: RunSummarySchema },
      200: { description: "A run with this idempotency_key exists", schema: RunSummarySchema },
      400: { description: "Invalid body or params" },
      404: { description: "No such job" },
      409: { description: "The idempotency_key was used with other params" },
    },
  },
  {
    method: "post",
    path: "/runs",
    summary:
      "Start a run of an inline job definition (Karya's request body is accepted as written)",
    tag: "runs",
    body: InlineRunSchema,
    responses: {
      201: { description: "Run started", schema: RunSummarySchema },
      200: { description: "A run with this idempotency_key exists", schema: RunSummarySchema },
      400: { description: "Invalid definition or params, every problem named by its path" },
    },
  },
  {
    method: "get",
    path: "/runs",
    summary:
      "The run index, newest first, filtered by job, status (a comma-separated list), tags (tag=key:value, repeatable) and creation time; unknown parameters are refused",
    tag: "runs",
    query: RunListQuerySchema,
    responses: {
      200: { description: "A page of runs", schema: pageSchema(RunListItemSchema) },
      400: { description: "An unknown, repeated or malformed parameter, named" },
    },
  },
  {
    method: "get",
    path: "/runs/{id}",
    summary: "A run's status, params, output and error",
    tag: "runs",
    responses: { 200: { description: "The run", schema: RunViewSchema }, 404: NOT_FOUND },
  },
  {
    method: "get",
    path: "/runs/{id}/definition",
    summary:
      "The definition the run executes: its job version's source as saved, or the inline definition it was started with",
    tag: "runs",
    responses: {
      200: {
        description: "The run's job, version and definition",
        schema: z.object({
          id: z.string(),
          job: z.string(),
          version: z.number().int(),
          definition: z.json(),
        }),
      },
      404: { description: "No such run, or its job (and so its version) was deleted" },
    },
  },
  {
    method: "get",
    path: "/runs/{id}/steps",
    summary: "Every step of the run with its status, attempts, input, output and error",
    tag: "runs",
    responses: {
      200: { description: "The steps", schema: z.object({ steps: z.array(StepViewSchema) }) },
      404: NOT_FOUND,
    },
  },
  {
    method: "get",
    path: "/runs/{id}/history",
    summary: "The run's append-only event history (page with ?after=<seq>)",
    tag: "runs",
    query: HistoryQuerySchema,
    responses: {
      200: {
        description: "Events in order",
        schema: z.object({
          events: z.array(HistoryRecordSchema),
          next_cursor: z.string().nullable(),
        }),
      },
      404: NOT_FOUND,
    },
  },
  {
    method: "get",
    path: "/runs/{id}/stream",
    summary:
      "The run's history as Server-Sent Events, then each new event until the run ends (resumes after ?after= or Last-Event-ID)",
    tag: "runs",
    query: StreamQuerySchema,
    headers: z.object({
      "Last-Event-ID": z
        .string()
        .optional()
        .describe("Resume after this seq (when ?after= is absent)"),
    }),
    responses: {
      200: {
        description: "The events as they happen, then an `end` event with the run's status",
        contentType: "text/event-stream",
        schema: z
          .string()
          .describe(
            'Server-Sent Events: `id: <seq>`, `event: <type>`, `data: <history event as JSON>` per event; last `event: end` with `data: {"status": ...}`',
          ),
      },
      404: NOT_FOUND,
    },
  },
  {
    method: "post",
    path: "/runs/{id}/events/{name}",
    summary:
      "Deliver an event: the wait_for_event step waiting for it takes it (its body becomes the step's output), or the run keeps it for a step that waits later",
    tag: "runs",
    body: z.json().optional(),
    responses: {
      202: {
        description: "Delivered (taken_by: the step instance that took it, or null when kept)",
        schema: z.object({
          run_id: z.string(),
          event: z.string(),
          taken_by: z.string().nullable(),
          status: z.enum(RUN_STATUSES),
        }),
      },
      400: { description: "Bad event name or body" },
      404: NOT_FOUND,
      409: { description: "The run has finished" },
    },
  },
  {
    method: "post",
    path: "/callbacks/{token}",
    summary:
      "Deliver the event of the wait_for_event step the token belongs to (no API token: the URL, from `callbacks.<step_id>` in templates, is the credential; it works once)",
    tag: "runs",
    body: z.json().optional(),
    responses: {
      202: {
        description: "Delivered",
        schema: z.object({ run_id: z.string(), status: z.enum(RUN_STATUSES) }),
      },
      404: { description: "No such callback" },
      410: { description: "The callback was already used, or its run has finished" },
    },
  },
  ...CONTROLS.map(
    (control): RouteDoc => ({
      method: "post",
      path: `/runs/{id}/${control}`,
      summary: CONTROL_SUMMARIES[control],
      tag: "runs",
      ...(control === "retry" ? { body: RetryBodySchema.optional() } : {}),
      responses: {
        200: { description: "The run after the change", schema: RunViewSchema },
        ...(control === "retry" ? RETRY_REFUSED : {}),
        404: NOT_FOUND,
        409: WRONG_STATE,
      },
    }),
  ),
  {
    method: "delete",
    path: "/runs/{id}",
    summary: "Delete a finished run and its state",
    tag: "runs",
    responses: {
      204: { description: "Deleted" },
      404: NOT_FOUND,
      409: { description: "The run has not finished" },
    },
  },
];
