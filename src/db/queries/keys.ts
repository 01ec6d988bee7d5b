import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys } from "../schema";

/** An API key's row (times in ms); `hash` never leaves src/access and src/db. */
export type ApiKeyRecord = typeof apiKeys.$inferSelect;

/** How stale `last_used_at` may get: one write per key per minute at most, not one per request. */
export const LAST_USED_GRANULARITY_MS = 60_000;

/** Most keys `GET /keys` lists; an installation has a handful, not thousands. */
export const MAX_LISTED_KEYS = 1000;

export async function insertKey(db: Db, record: ApiKeyRecord): Promise<void> {
  await db.insert(apiKeys).values(record);
}

/** The key with this id, or null (unknown or revoked). Read on every request: no cache. */
export async function getKey(db: Db, id: string): Promise<ApiKeyRecord | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row ?? null;
}

/** Every key, oldest first. */
export function listKeys(db: Db): Promise<ApiKeyRecord[]> {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.created_at)).limit(MAX_LISTED_KEYS);
}

/** Revokes a key by deleting its row; false when there was none. */
export async function deleteKey(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(apiKeys).where(eq(apiKeys.id, id)).returning({ id: apiKeys.id });
  return deleted.length > 0;
}

/** Sets `last_used_at` unless it is already within a minute of `now` (the guard keeps it one write a minute). */
export async function touchKey(db: Db, id: string, now: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ last_used_at: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.last_used_at), lt(apiKeys.last_used_at, now - LAST_USED_GRANULARITY_MS)),
      ),
    );
}
