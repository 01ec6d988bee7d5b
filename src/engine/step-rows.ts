/**
 * Moves on step rows that decide nothing about what runs next: the row a step starts from,
 * and cancelling what is open under a prefix. Both the transitions and the fan-out settle
 * use them, so they sit below both.
 */
import type { RunStore, StepRow } from "./store/run-store";

/** The row of a step that has not run yet. */
export function emptyStep(stepId: string): StepRow {
  return {
    step_id: stepId,
    status: "pending",
    executions: 0,
    attempts: 0,
    total_attempts: 0,
    interruptions: 0,
    input: null,
    output: null,
    error: null,
    started_at: null,
    finished_at: null,
  };
}

/** Marks every step under `prefix` that is mid-flight or waiting as cancelled (cancel, timeout, fail-fast). */
export function cancelOpenSteps(
  store: RunStore,
  reason: string,
  now: number,
  prefix = "",
): string | null {
  let open: string | null = null;
  for (const row of store.openStepsUnder(prefix)) {
    open ??= row.step_id;
    store.writeStep({ ...row, status: "cancelled", finished_at: now });
    store.append({ type: "step_cancelled", step_id: row.step_id, data: { reason } });
  }
  return open;
}
