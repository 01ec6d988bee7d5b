/**
 * The coordinator's own writes and reads of the D1 run index: rows for runs it holds in its
 * queue (the run object, which mirrors every later status, does not exist yet), and the last
 * end of an upstream job's runs for `after` windows.
 */

import type { QueuedRun } from "../clients/coordinator";
import type { RunSummary } from "../clients/run-views";
import { getDb } from "../db/client";
import { getJob } from "../db/queries/jobs";
import { retentionEnd } from "../definition/retention";
import type { Env } from "../env";

/**
 * Lists a queued run in the index with `seq` 0, so the run object's first mirror (seq 1 and
 * up) replaces it; a row already there (the run started meanwhile) is left alone.
 */
export async function indexQueuedRun(d1: D1Database, run: QueuedRun): Promise<void> {
  const row = d1
    .prepare(
      `INSERT INTO runs (id, job, version, status, trigger, seq, created_at)
       VALUES (?, ?, ?, 'queued', ?, 0, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(run.run_id, run.job, run.version, run.trigger, run.created_at);
  const tags = Object.entries(run.tags ?? {}).map(([key, value]) =>
    d1
      .prepare(
        `INSERT INTO run_tags (run_id, key, value, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .bind(run.run_id, key, value, run.created_at),
  );
  await d1.batch([row, ...tags]);
}

/**
 * Ends the index row of a queued run that will never start: cancelled while held, or its job
 * version broke meanwhile. Only the coordinator's own row (seq 0) is touched. Having no run
 * object to expire it, the row carries its own expiry (by its job version's retention, the
 * run object's rule), which the minute sweep (expiry.ts) acts on.
 */
export async function endQueuedRun(
  env: Env,
  run: Pick<QueuedRun, "run_id" | "job" | "version">,
  status: "cancelled" | "failed",
  at: number,
): Promise<void> {
  const version = await getJob(getDb(env.DB), run.job, run.version);
  const expiresAt = retentionEnd(at, version?.compiled ?? null, env);
  await env.DB.prepare(
    `UPDATE runs SET status = ?, finished_at = ?, expires_at = ? WHERE id = ? AND seq = 0`,
  )
    .bind(status, at, expiresAt, run.run_id)
    .run();
}

export function toQueuedSummary(run: QueuedRun): RunSummary {
  return { id: run.run_id, status: "queued", job: run.job, version: run.version };
}

/** When the last run of `job` with one of `statuses` ended at or before `before`; null if none. */
export async function lastRunEnd(
  d1: D1Database,
  job: string,
  statuses: readonly string[],
  before: number,
): Promise<number | null> {
  const row = await d1
    .prepare(
      `SELECT max(finished_at) AS at FROM runs
       WHERE job = ? AND finished_at <= ? AND status IN (${statuses.map(() => "?").join(", ")})`,
    )
    .bind(job, before, ...statuses)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}
