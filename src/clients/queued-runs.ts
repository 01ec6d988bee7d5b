import { stepError } from "../core/step-error";
import { getDb } from "../db/client";
import { getJob } from "../db/queries/jobs";
import { getRunIndex } from "../db/queries/runs";
import { DEFAULT_MAX_STEP_EXECUTIONS } from "../definition/job-schema";
import type { Env } from "../env";
import { coordinatorClient } from "./coordinator";
import type { ControlResult, Refusal } from "./run";
import type { RunView } from "./run-views";

/**
 * Runs a job's concurrency policy holds back have no run object yet: only their index row
 * (status `queued`) and their start request in the job's coordinator. These let the runs
 * routes show and cancel them like any other run.
 */

/**
 * The view of a run that has no run object: held in its job's queue, or ended there
 * (cancelled while held, or its job version gone when its turn came). Null when the index
 * has no such run, the run object has taken over its row (`seq` > 0), or the ended run's
 * retention has passed (the minute sweep deletes such a row; until then it is already gone
 * for readers). An ended start's params were dropped with it, so its view shows none.
 */
export async function describeQueuedRun(
  env: Env,
  runId: string,
  now = Date.now(),
): Promise<RunView | null> {
  const db = getDb(env.DB);
  const row = await getRunIndex(db, runId);
  if (!row || row.seq > 0) return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  const job = await getJob(db, row.job, row.version);
  const view: RunView = {
    id: runId,
    job: row.job,
    version: row.version,
    status: row.status,
    trigger: row.trigger,
    params: {},
    tags: {},
    expires_at: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
    output: null,
    error: null,
    failed_step: null,
    idempotency_key: null,
    created_at: new Date(row.created_at).toISOString(),
    started_at: null,
    finished_at: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    progress: {
      executions: 0,
      max_step_executions: job?.compiled.max_step_executions ?? DEFAULT_MAX_STEP_EXECUTIONS,
    },
  };
  if (row.status === "failed")
    return { ...view, error: stepError("failed", "the queued start could not begin") };
  if (row.status !== "queued") return view;
  const { queue } = await coordinatorClient(env, row.job).readGate();
  const start = queue.find((entry) => entry.run_id === runId);
  // Not queued any more: it started meanwhile, and its run object answers from now on.
  if (!start) return null;
  return {
    ...view,
    params: start.params,
    tags: start.tags ?? {},
    idempotency_key: start.idempotency_key,
  };
}

const conflict = (message: string): Refusal => ({ ok: false, code: "conflict", message });

/**
 * A control call for a run without a run object: a held start can only be cancelled (the
 * view after); anything else, or a start that already ended, is a `conflict` refusal, as the
 * run object would answer. Null when there is no such run.
 */
export async function controlQueuedRun(
  env: Env,
  runId: string,
  control: string,
): Promise<ControlResult | null> {
  const unstarted = await describeQueuedRun(env, runId);
  if (!unstarted) return null;
  if (unstarted.status !== "queued") return conflict(`run is ${unstarted.status}`);
  if (control !== "cancel")
    return conflict("run is queued by its job's concurrency policy; it can only be cancelled");
  // False when it started meanwhile: its run object answers the next call.
  if (!(await coordinatorClient(env, unstarted.job).cancelQueued(runId)))
    return conflict("run left the queue meanwhile; try again");
  return {
    ok: true,
    run: { ...unstarted, status: "cancelled", finished_at: new Date().toISOString() },
  };
}
