import { coordinatorClient } from "../clients/coordinator";
import { type ChildEnded, runClient } from "../clients/run";
import { isFinishedRunStatus } from "../core/statuses";
import type { Env } from "../env";
import type { RunRow } from "./store/run-store";

/**
 * Tells whoever waits on a finished run that it ended: its job's coordinator (concurrency
 * slots, `after` triggers) and, for a sub-job, the `run_job` step that started it. Both
 * receivers are idempotent, so the announcement is simply repeated until it got through.
 */
export async function announceEnd(env: Env, run: RunRow): Promise<void> {
  if (!isFinishedRunStatus(run.status)) return;
  await coordinatorClient(env, run.job).runEnded({
    run_id: run.run_id,
    job: run.job,
    version: run.version,
    status: run.status,
    trigger: run.trigger,
    finished_at: run.finished_at,
  });
  const ended = childEndedOf(run);
  if (run.parent && ended) await runClient(env, run.parent.run_id).childEnded(ended);
}

/** What a finished child run reports to the `run_job` step that started it; null for others. */
export function childEndedOf(run: RunRow): ChildEnded | null {
  if (!run.parent || !isFinishedRunStatus(run.status)) return null;
  return {
    instance: run.parent.instance,
    execution: run.parent.execution,
    run_id: run.run_id,
    status: run.status,
    output: run.output,
    error: run.error,
  };
}
