import { z } from "zod";
import { describeQueuedRun } from "../../clients/queued-runs";
import type { RunDefinition } from "../../clients/run";
import { RunViewSchema, StepViewSchema } from "../../clients/run-views";
import { NotFoundError } from "../../core/errors";
import { HistoryRecordSchema } from "../../core/history";
import type { JsonValue } from "../../core/json";
import { getDb } from "../../db/client";
import { getJob } from "../../db/queries/jobs";
import { getRunIndex } from "../../db/queries/runs";
import type { Env } from "../../env";
import { defineRoute } from "../define-route";
import { RUN_NOT_FOUND, runStub } from "./run-stub";

const HistoryQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const StreamQuerySchema = z.object({ after: z.coerce.number().int().min(0).default(0) });

/** Reading a run: its view, definition, steps and history, read from its run object. */
export const readRunRoutes = [
  defineRoute({
    method: "get",
    path: "/runs/{id}",
    summary: "A run's status, params, output and error",
    tag: "runs",
    access: { scope: "read" },
    responses: { 200: { description: "The run", schema: RunViewSchema }, 404: RUN_NOT_FOUND },
    handler: async (c, { params: { id } }) => {
      const run = (await runStub(c.env, id).describe()) ?? (await describeQueuedRun(c.env, id));
      if (!run) throw new NotFoundError(`Run ${id}`);
      return c.json(run);
    },
  }),
  defineRoute({
    method: "get",
    path: "/runs/{id}/definition",
    summary:
      "The definition the run executes: its job version's source as saved, or the inline definition it was started with",
    tag: "runs",
    access: { scope: "read" },
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
    handler: async (c, { params: { id } }) => {
      const found =
        (await runStub(c.env, id).definition()) ?? (await queuedRunDefinition(c.env, id));
      if (!found) throw new NotFoundError(`Run ${id}`);
      const source = found.source ?? (await savedSource(c.env, found.job, found.version));
      if (source === null)
        throw new NotFoundError(
          `Version ${found.version} of job ${found.job}, which run ${id} runs,`,
        );
      return c.json({ id, job: found.job, version: found.version, definition: source });
    },
  }),
  defineRoute({
    method: "get",
    path: "/runs/{id}/steps",
    summary: "Every step of the run with its status, attempts, input, output and error",
    tag: "runs",
    access: { scope: "read" },
    responses: {
      200: { description: "The steps", schema: z.object({ steps: z.array(StepViewSchema) }) },
      404: RUN_NOT_FOUND,
    },
    handler: async (c, { params: { id } }) => {
      const steps = await runStub(c.env, id).steps();
      if (!steps) throw new NotFoundError(`Run ${id}`);
      return c.json({ steps });
    },
  }),
  defineRoute({
    method: "get",
    path: "/runs/{id}/history",
    summary: "The run's append-only event history (page with ?after=<seq>)",
    tag: "runs",
    access: { scope: "read" },
    query: HistoryQuerySchema,
    responses: {
      200: {
        description: "Events in order",
        schema: z.object({
          events: z.array(HistoryRecordSchema),
          next_cursor: z.string().nullable(),
        }),
      },
      404: RUN_NOT_FOUND,
    },
    handler: async (c, { params: { id }, query: { after, limit } }) => {
      const events = await runStub(c.env, id).history(after, limit);
      if (!events) throw new NotFoundError(`Run ${id}`);
      const last = events.at(-1);
      return c.json({
        events,
        next_cursor: events.length === limit && last ? String(last.seq) : null,
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/runs/{id}/stream",
    summary:
      "The run's history as Server-Sent Events, then each new event until the run ends (resumes after ?after= or Last-Event-ID)",
    tag: "runs",
    access: { scope: "read" },
    query: StreamQuerySchema,
    // A reconnecting EventSource says where it stopped in a header, not the query.
    readQuery: (c) => ({ after: c.req.query("after") ?? c.req.header("Last-Event-ID") }),
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
      404: RUN_NOT_FOUND,
    },
    handler: async (c, { params: { id }, query: { after } }) => {
      const stream = await runStub(c.env, id).stream(after);
      if (!stream) throw new NotFoundError(`Run ${id}`);
      return new Response(stream, {
        headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
      });
    },
  }),
];

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
