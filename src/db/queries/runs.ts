import {
  and,
  type Column,
  count,
  desc,
  eq,
  gte,
  inArray,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { RunStatus } from "../../core/statuses";
import type { TagFilter } from "../../definition/tags";
import type { Db } from "../client";
import { runs, runTags } from "../schema";
import { type Page, toPage } from "./page";
import { deleteRunTags } from "./run-tags";

export type RunIndexRecord = typeof runs.$inferSelect;
/** A row of the run index with the run's tags, as `GET /runs` lists it. */
export type RunListRecord = RunIndexRecord & { tags: Record<string, string> };

/** What `GET /runs` and bulk operations select by; every field given must match. */
export interface RunFilter {
  job?: string | undefined;
  /** Any of these statuses. */
  statuses?: RunStatus[] | undefined;
  /** All of these tags. */
  tags?: TagFilter[] | undefined;
  /** Created at or after (ms). */
  created_after?: number | undefined;
  /** Created before (ms). */
  created_before?: number | undefined;
  ids?: string[] | undefined;
}

export interface RunPageRequest extends RunFilter {
  cursor?: string | undefined;
  limit: number;
  /** Rows whose `expires_at` is at or before this (ms) are not listed; default now. */
  now?: number | undefined;
}

/** Cursors are `<created_at>.<id>`: newest first, ties broken by id. */
function parseCursor(cursor: string): { at: number; id: string } | null {
  const dot = cursor.indexOf(".");
  const at = Number(cursor.slice(0, dot));
  return dot > 0 && Number.isInteger(at) ? { at, id: cursor.slice(dot + 1) } : null;
}

/**
 * The run index, newest first; null for a cursor this API never handed out. With tags, the
 * first tag's rows in `run_tags_by_tag` drive the query (newest first, so a page stops after
 * `limit` matches), each further tag is a primary-key probe and every other filter a check
 * on the run's row; each run's tags come from a correlated subquery over its `run_tags`
 * primary key: one indexed query per page. A run that ended in its job's queue and expired is
 * left out (a check on the row the query reads anyway) before the sweep deletes it.
 */
export async function listRuns(
  db: Db,
  request: RunPageRequest,
): Promise<Page<RunListRecord> | null> {
  const after = request.cursor === undefined ? null : parseCursor(request.cursor);
  if (request.cursor !== undefined && !after) return null;
  const [lead, ...others] = request.tags ?? [];
  const leadTags = lead ? alias(runTags, "lead_tag") : null;
  const key = leadTags
    ? { at: leadTags.created_at, id: leadTags.run_id }
    : { at: runs.created_at, id: runs.id };
  const conditions = filterConditions(request, key.at, others);
  conditions.push(notExpired(request.now ?? Date.now()));
  if (after) {
    const older = or(lt(key.at, after.at), and(eq(key.at, after.at), lt(key.id, after.id)));
    if (older) conditions.push(older);
  }
  let query = db.select({ run: runs, tags: tagsOfRun }).from(runs).$dynamic();
  if (lead && leadTags)
    query = query.innerJoin(
      leadTags,
      and(eq(leadTags.key, lead.key), eq(leadTags.value, lead.value), eq(leadTags.run_id, runs.id)),
    );
  const rows = await query
    .where(and(...conditions))
    .orderBy(desc(key.at), desc(key.id))
    .limit(request.limit + 1);
  return toPage(
    rows.map((row) => ({ ...row.run, tags: JSON.parse(row.tags) as Record<string, string> })),
    request.limit,
    (row) => `${row.created_at}.${row.id}`,
  );
}

function notExpired(now: number): SQL {
  return sql`(${runs.expires_at} IS NULL OR ${runs.expires_at} > ${now})`;
}

/** The run's tags as one JSON object (`{}` without any), computed in the listing's SELECT. */
const tagsOfRun = sql<string>`(SELECT json_group_object(${runTags.key}, ${runTags.value}) FROM ${runTags} WHERE ${runTags.run_id} = ${runs.id})`;

/**
 * How many indexed runs match (a bulk operation's `matched` before it starts): the runs its
 * pages will list, so an expired row left for the sweep is not counted either.
 */
export async function countRuns(db: Db, filter: RunFilter, now = Date.now()): Promise<number> {
  const conditions = filterConditions(filter, runs.created_at, filter.tags ?? []);
  conditions.push(notExpired(now));
  const [row] = await db
    .select({ n: count() })
    .from(runs)
    .where(and(...conditions));
  return row?.n ?? 0;
}

function filterConditions(filter: RunFilter, createdAt: Column, probedTags: TagFilter[]): SQL[] {
  const conditions: SQL[] = [];
  if (filter.job !== undefined) conditions.push(eq(runs.job, filter.job));
  if (filter.statuses !== undefined) conditions.push(inArray(runs.status, filter.statuses));
  if (filter.ids !== undefined) conditions.push(inArray(runs.id, filter.ids));
  if (filter.created_after !== undefined) conditions.push(gte(createdAt, filter.created_after));
  if (filter.created_before !== undefined) conditions.push(lt(createdAt, filter.created_before));
  for (const tag of probedTags) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${runTags} WHERE ${runTags.run_id} = ${runs.id} AND ${runTags.key} = ${tag.key} AND ${runTags.value} = ${tag.value})`,
    );
  }
  return conditions;
}

export async function getRunIndex(db: Db, id: string): Promise<RunIndexRecord | null> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

/** Removes runs from the index, their tags with them (one batch: both or neither). */
export async function deleteRunIndex(db: Db, ids: string | string[]): Promise<void> {
  const list = typeof ids === "string" ? [ids] : ids;
  if (list.length === 0) return;
  await db.batch([deleteRunTags(db, list), db.delete(runs).where(inArray(runs.id, list))]);
}

/**
 * A random sample of the runs the index believes unfinished: the watchdog's round. Random,
 * so that runs parked on long waits do not hide the others from a bounded round.
 */
export async function listUnfinishedRunIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(inArray(runs.status, ["queued", "running", "waiting"]))
    .orderBy(sql`random()`)
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Deletes up to `limit` runs that ended in their job's queue and whose expiry is at or before
 * `now`, their tags with them, in one batch (both or neither). The runs are chosen by a
 * subquery over `runs_by_expiry` in each statement (the same rows, inside one transaction),
 * so no id list meets D1's cap on bound parameters. Returns how many runs went.
 */
export async function deleteExpiredQueuedRuns(db: Db, now: number, limit: number): Promise<number> {
  const expired = db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.seq, 0), lte(runs.expires_at, now)))
    .orderBy(runs.expires_at)
    .limit(limit);
  const [, deleted] = await db.batch([
    db.delete(runTags).where(inArray(runTags.run_id, expired)),
    db.delete(runs).where(inArray(runs.id, expired)).returning({ id: runs.id }),
  ]);
  return deleted.length;
}
