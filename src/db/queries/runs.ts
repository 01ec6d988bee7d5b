import { and, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { RunStatus } from "../../statuses";
import type { Db } from "../client";
import { runs } from "../schema";
import { type Page, toPage } from "./page";

export type RunIndexRecord = typeof runs.$inferSelect;

export interface RunFilter {
  job?: string;
  status?: RunStatus;
  cursor?: string;
  limit: number;
}

/** Cursors are `<created_at>.<id>`: newest first, ties broken by id. */
function parseCursor(cursor: string): { at: number; id: string } | null {
  const dot = cursor.indexOf(".");
  const at = Number(cursor.slice(0, dot));
  return dot > 0 && Number.isInteger(at) ? { at, id: cursor.slice(dot + 1) } : null;
}

/** The run index, newest first; null for a cursor this API never handed out. */
export async function listRuns(db: Db, filter: RunFilter): Promise<Page<RunIndexRecord> | null> {
  const conditions: SQL[] = [];
  if (filter.job !== undefined) conditions.push(eq(runs.job, filter.job));
  if (filter.status !== undefined) conditions.push(eq(runs.status, filter.status));
  if (filter.cursor !== undefined) {
    const after = parseCursor(filter.cursor);
    if (!after) return null;
    const older = or(
      lt(runs.created_at, after.at),
      and(eq(runs.created_at, after.at), lt(runs.id, after.id)),
    );
    if (older) conditions.push(older);
  }
  const rows = await db
    .select()
    .from(runs)
    .where(and(...conditions))
    .orderBy(desc(runs.created_at), desc(runs.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, (row) => `${row.created_at}.${row.id}`);
}

export async function getRunIndex(db: Db, id: string): Promise<RunIndexRecord | null> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

export async function deleteRunIndex(db: Db, id: string): Promise<void> {
  await db.delete(runs).where(eq(runs.id, id));
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
