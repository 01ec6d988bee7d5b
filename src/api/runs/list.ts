import { RunViewSchema } from "../../clients/run-views";
import { invalid } from "../../core/errors";
import { getDb } from "../../db/client";
import { listRuns } from "../../db/queries/runs";
import { defineRoute } from "../define-route";
import { toIso } from "../iso-time";
import { pageSchema } from "../pagination";
import { RunListQuerySchema, readListQuery, toRunFilter } from "../run-filter";

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

/** `GET /runs`: the run index (D1), never the run objects. */
export const listRunsRoute = defineRoute({
  method: "get",
  path: "/runs",
  summary:
    "The run index, newest first, filtered by job, status (a comma-separated list), tags (tag=key:value, repeatable) and creation time; unknown parameters are refused",
  tag: "runs",
  access: { scope: "read" },
  query: RunListQuerySchema,
  readQuery: readListQuery,
  responses: {
    200: { description: "A page of runs", schema: pageSchema(RunListItemSchema) },
    400: { description: "An unknown, repeated or malformed parameter, named" },
  },
  handler: async (c, { query: { cursor, limit, ...filter } }) => {
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
  },
});
