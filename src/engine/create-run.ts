import type { StartRequest } from "../clients/run";
import { initialSteps } from "./frames";
import type { RunStore } from "./store/run-store";

/**
 * Writes a new run in one transaction: its row and plan, `run_created`, the activations of
 * its first steps and its deadline. The run object's start and the offline harness both
 * create runs with it; the caller then sets the alarm to `now` (and RunObject.start makes
 * the first move itself, see driver.ts `firstMove`).
 */
export function createRun(store: RunStore, request: StartRequest, now: number): void {
  const { job } = request.plan;
  store.transaction(() => {
    store.create(
      {
        run_id: request.run_id,
        job: job.name,
        version: request.plan.version,
        trigger: request.trigger,
        idempotency_key: request.idempotency_key,
        params: request.params,
        status: "queued",
        created_at: now,
        deadline_at: job.timeout_ms === undefined ? null : now + job.timeout_ms,
        parent: request.parent ?? null,
      },
      request.plan,
    );
    store.append({
      type: "run_created",
      data: { params: request.params, trigger: request.trigger },
    });
    for (const stepId of initialSteps(request.plan.job))
      store.timers.addTimer("activate", stepId, now);
    if (job.timeout_ms !== undefined) store.timers.addTimer("deadline", null, now + job.timeout_ms);
  });
}
