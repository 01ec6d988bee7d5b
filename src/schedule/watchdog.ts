import { coordinatorClient } from "../clients/coordinator";
import { getDb } from "../db/client";
import { listSchedulesBehind } from "../db/queries/schedules";
import type { Env } from "../env";

/** Coordinators visited per Cron Trigger tick. */
export const SCHEDULE_WATCHDOG_BATCH = 200;
/** A next fire time this far in the past means the coordinator's alarm is missing or late. */
export const SCHEDULE_LATE_MS = 15_000;

/**
 * The minute Cron Trigger's schedule duty: visit every coordinator that is behind (never
 * loaded its job, loaded an older version, or has a next fire time that passed without an
 * alarm) so it starts what is due, applying catch-up, and re-arms. Visiting a coordinator
 * that is fine is harmless: fire times dedupe. Returns how many were visited.
 */
export async function rearmSchedules(env: Env, now = Date.now()): Promise<number> {
  const jobs = await listSchedulesBehind(
    getDb(env.DB),
    now - SCHEDULE_LATE_MS,
    SCHEDULE_WATCHDOG_BATCH,
  );
  const visited = await Promise.all(
    jobs.map((job) =>
      coordinatorClient(env, job)
        .sync(job)
        .then(() => true)
        .catch((error: unknown) => {
          console.error(`cairn: watchdog could not visit the schedule of job ${job}`, error);
          return false;
        }),
    ),
  );
  const count = visited.filter(Boolean).length;
  if (count > 0) console.warn(`cairn: watchdog visited ${count} schedule coordinator(s)`);
  return count;
}
