/**
 * `after` at run time: the triggers an ended run sets off in its downstream jobs, and the
 * windows that gate a job's scheduled fires.
 */

import type { RunEnded } from "../clients/coordinator";
import { startRun } from "../clients/start-run";
import { formatDuration } from "../core/duration";
import { CairnError } from "../core/errors";
import { getDb } from "../db/client";
import { type AfterEntry, afterStatuses, matchesAfterStatus } from "../definition/policy-schema";
import type { Env } from "../env";
import { findDownstream } from "./job-graph";
import { lastRunEnd } from "./run-index";

/**
 * Starts a run of every job whose `after` has a trigger entry (no `within`) matching the
 * ended run, with trigger and idempotency key `after:<run id>`: a repeated notice, or a
 * retried run that ends again, starts nothing new. Starts go through `startRun`, so each
 * downstream job's own concurrency applies. A start the downstream job refuses (params it
 * requires, a full `skip` gate) is logged and the others go on; other errors are thrown so
 * the run object repeats the notice.
 */
export async function triggerDownstream(env: Env, ended: RunEnded): Promise<number> {
  if (ended.version === 0) return 0;
  let started = 0;
  for (const downstream of await findDownstream(getDb(env.DB), ended.job)) {
    const fires = downstream.after.some(
      (entry) =>
        entry.job === ended.job &&
        entry.within === undefined &&
        matchesAfterStatus(entry.status, ended.status),
    );
    if (!fires) continue;
    const key = `after:${ended.run_id}`;
    try {
      const result = await startRun(env, {
        job: downstream.compiled,
        version: downstream.version,
        params: {},
        trigger: key,
        idempotency_key: key,
      });
      if (result.created) started += 1;
    } catch (error) {
      if (!(error instanceof CairnError)) throw error;
      console.warn(`cairn: ${key} could not start job ${downstream.name}: ${error.message}`);
    }
  }
  return started;
}

/**
 * Why a fire at `fireAt` must be skipped under the job's `after` windows, or null when every
 * entry with `within` saw a matching upstream run end at most `within` before the fire.
 */
export async function findClosedWindow(
  d1: D1Database,
  after: readonly AfterEntry[],
  fireAt: number,
): Promise<string | null> {
  for (const entry of after) {
    if (entry.within === undefined) continue;
    const last = await lastRunEnd(d1, entry.job, afterStatuses(entry.status), fireAt);
    const what = entry.status === "any" ? "" : `${entry.status} `;
    if (last === null || fireAt - last > entry.within)
      return `skipped: no ${what}run of ${entry.job} ended within ${formatDuration(entry.within)} before the fire`;
  }
  return null;
}
