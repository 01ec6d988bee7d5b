import { runClient } from "../clients/run";
import { getDb } from "../db/client";
import { listUnfinishedRunIds } from "../db/queries/runs";
import type { Env } from "../env";

/** Runs checked per Cron Trigger tick; the oldest unfinished ones first. */
export const WATCHDOG_BATCH = 200;

/**
 * The minute Cron Trigger's job: make sure every unfinished run still has an alarm. Runs
 * re-arm themselves on every move, so this only matters when an alarm was lost.
 */
export async function rearmLostAlarms(env: Env): Promise<number> {
  const ids = await listUnfinishedRunIds(getDb(env.DB), WATCHDOG_BATCH);
  const woken = await Promise.all(
    ids.map((id) =>
      runClient(env, id)
        .wake()
        .catch(() => false),
    ),
  );
  const count = woken.filter(Boolean).length;
  if (count > 0) console.warn(`cairn: watchdog re-armed ${count} run alarm(s)`);
  return count;
}
