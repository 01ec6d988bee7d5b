import { getDb } from "../db/client";
import { getRunIndex } from "../db/queries/runs";
import type { RunView } from "../engine/views";
import type { Env } from "../env";
import { coordinatorClient } from "../schedule/client";

/**
 * Runs a job's concurrency policy holds back have no run object yet: only their index row
 * (status `queued`) and their start request in the job's coordinator. These let the runs
 * routes show and cancel them like any other run.
 */

/** The view of a run held in its job's queue, or null when `runId` is not queued. */
export async function describeQueuedRun(env: Env, runId: string): Promise<RunView | null> {
  const row = await getRunIndex(getDb(env.DB), runId);
  if (row?.status !== "queued") return null;
  const { queue } = await coordinatorClient(env, row.job).readGate();
  const start = queue.find((entry) => entry.run_id === runId);
  if (!start) return null;
  return {
    id: runId,
    job: row.job,
    version: row.version,
    status: "queued",
    trigger: row.trigger,
    params: start.params,
    output: null,
    error: null,
    failed_step: null,
    idempotency_key: start.idempotency_key,
    created_at: new Date(row.created_at).toISOString(),
    started_at: null,
    finished_at: null,
  };
}

/** Cancels a run still held in its job's queue; the view after, or null when it is not queued. */
export async function cancelQueuedRun(env: Env, runId: string): Promise<RunView | null> {
  const queued = await describeQueuedRun(env, runId);
  if (!queued || !(await coordinatorClient(env, queued.job).cancelQueued(runId))) return null;
  return { ...queued, status: "cancelled", finished_at: new Date().toISOString() };
}
