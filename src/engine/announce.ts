import { coordinatorClient } from "../clients/coordinator";
import { type ChildEnded, runClient } from "../clients/run";
import { isFinishedRunStatus } from "../core/statuses";
import type { CompiledJob } from "../definition/ir";
import { hasConcurrency } from "../definition/policy-schema";
import type { Env } from "../env";
import type { RunRow } from "./store/run-store";

/**
 * Tells whoever waits on a finished run that it ended: its job's coordinator (concurrency
 * slots, `after` triggers) when `toCoordinator`, and, for a sub-job, the `run_job` step
 * that started it. Both receivers are idempotent, so the announcement is simply repeated
 * until it got through.
 */
export async function announceEnd(env: Env, run: RunRow, toCoordinator: boolean): Promise<void> {
  if (!isFinishedRunStatus(run.status)) return;
  if (toCoordinator)
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

/**
 * What a run's end asks of its job's coordinator, whose `runEnded` frees the run's slot in
 * the job's concurrency gate and starts the jobs `after` it, one call at a time per job:
 * - `none`: nothing (the run has not ended, or it is an inline run, version 0, which no gate
 *   admits and no `after` names);
 * - `slot`: the run holds a slot (its job has `concurrency`: every start of such a job, by
 *   the API, a schedule fire, a trigger or a parent, goes through the gate; a run of a job
 *   without it never does, src/schedule/gate.ts), so the coordinator is always told;
 * - `listeners`: told only if a current job names the run's job in `after`, which the end's
 *   index write finds out in its batch (mirror.ts).
 */
export type CoordinatorNeed = "none" | "slot" | "listeners";

export function coordinatorNeed(
  run: Pick<RunRow, "status" | "version">,
  plan: { job: Pick<CompiledJob, "concurrency"> },
): CoordinatorNeed {
  if (!isFinishedRunStatus(run.status) || run.version === 0) return "none";
  return hasConcurrency(plan.job) ? "slot" : "listeners";
}

/** Whether the end is announced to the coordinator; `listened` null (not known) tells it. */
export function tellsCoordinator(need: CoordinatorNeed, listened: boolean | null): boolean {
  return need === "slot" || (need === "listeners" && listened !== false);
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
