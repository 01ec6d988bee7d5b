import { getDb } from "../db/client";
import { deleteExpiredQueuedRuns } from "../db/queries/runs";
import type { Env } from "../env";

/** Expired index rows deleted per Cron Trigger tick, so a tick stays within a Worker's limits. */
export const QUEUED_RUN_EXPIRY_BATCH = 500;

/**
 * The minute Cron Trigger's retention duty for runs that ended in their job's queue: they have
 * no run object whose alarm would delete them, so their index rows (and tags) go here once
 * their `expires_at` has passed. A backlog beyond one batch drains over the next ticks.
 * Returns how many were deleted.
 */
export async function sweepExpiredQueuedRuns(env: Env, now = Date.now()): Promise<number> {
  const deleted = await deleteExpiredQueuedRuns(getDb(env.DB), now, QUEUED_RUN_EXPIRY_BATCH);
  if (deleted > 0) console.log(`cairn: deleted ${deleted} expired run(s) that ended queued`);
  return deleted;
}
