/**
 * The filters that select runs, shared by `GET /runs` (query parameters) and bulk
 * operations (`POST /operations`'s `filter`), so both read them the same way.
 */
import type { Context } from "hono";
import { z } from "zod";
import { ValidationError } from "../core/errors";
import { RUN_STATUSES, type RunStatus } from "../core/statuses";
import type { RunFilter } from "../db/queries/runs";
import { MAX_TAGS, TagFilterSchema, TagsSchema } from "../definition/tags";
import { PageQuerySchema } from "./pagination";

/** Run ids a filter may list at once (a bulk operation over more goes by other fields). */
export const MAX_FILTER_IDS = 1000;

const StatusSchema = z.enum(RUN_STATUSES);

/** `failed` or `failed,timed_out`. */
const StatusListSchema = z
  .string()
  .transform((text) => text.split(",").map((part) => part.trim()))
  .pipe(z.array(StatusSchema).min(1));

/** An ISO 8601 time (with `Z` or an offset), as milliseconds. */
const TimeSchema = z.iso
  .datetime({ offset: true })
  .transform((text) => Date.parse(text))
  .describe("ISO 8601 time");

const RunIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "must be a run id (32 hex digits)");

/** `GET /runs?job=&status=a,b&tag=k:v&tag=k2:v2&created_after=&created_before=&cursor=&limit=`. */
export const RunListQuerySchema = z.strictObject({
  ...PageQuerySchema.shape,
  job: z.string().min(1).optional(),
  status: StatusListSchema.optional().describe("one status or a comma-separated list"),
  tag: z
    .array(TagFilterSchema)
    .max(MAX_TAGS)
    .optional()
    .describe("key:value, repeatable; every one must match"),
  created_after: TimeSchema.optional().describe("created at or after this ISO 8601 time"),
  created_before: TimeSchema.optional().describe("created before this ISO 8601 time"),
});
export type RunListQuery = z.infer<typeof RunListQuerySchema>;

/** A bulk operation's `filter`: the same fields as `GET /runs`, as JSON, plus `ids`. */
export const RunFilterSchema = z
  .strictObject({
    job: z.string().min(1).optional(),
    status: z.union([StatusSchema, z.array(StatusSchema).min(1)]).optional(),
    tags: TagsSchema.optional(),
    created_after: TimeSchema.optional(),
    created_before: TimeSchema.optional(),
    ids: z.array(RunIdSchema).min(1).max(MAX_FILTER_IDS).optional(),
  })
  .refine((filter) => Object.values(filter).some((field) => field !== undefined), {
    message: "must name at least one of job, status, tags, created_after, created_before, ids",
  });

/** The query parameters as `RunListQuerySchema` reads them: `tag` a list, every other one a value. */
export function readListQuery(c: Context): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const repeated: string[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name === "tag") query.tag = values;
    else if (values.length > 1) repeated.push(name);
    else query[name] = values[0] ?? "";
  }
  if (repeated.length > 0)
    throw new ValidationError(repeated.map((name) => ({ path: name, message: "give it once" })));
  return query;
}

/** The filter a parsed `GET /runs` query or bulk `filter` stands for. */
export function toRunFilter(fields: {
  job?: string | undefined;
  status?: RunStatus | RunStatus[] | undefined;
  tag?: { key: string; value: string }[] | undefined;
  tags?: Record<string, string> | undefined;
  created_after?: number | undefined;
  created_before?: number | undefined;
  ids?: string[] | undefined;
}): RunFilter {
  const status = fields.status;
  return {
    job: fields.job,
    statuses: status === undefined ? undefined : ([] as RunStatus[]).concat(status),
    tags:
      fields.tag ??
      (fields.tags && Object.entries(fields.tags).map(([key, value]) => ({ key, value }))),
    created_after: fields.created_after,
    created_before: fields.created_before,
    ids: fields.ids,
  };
}
