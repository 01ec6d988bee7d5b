import { getDb } from "../db/client";
import { deleteRunIndex } from "../db/queries/runs";
import type { RunPlan } from "../definition/ir";
import { retentionEnd } from "../definition/retention";
import type { Env } from "../env";
import type { RunRow, RunStore } from "./store/run-store";

/**
 * When a finished run leaves storage: its end plus its job's `retention` (else RUN_RETENTION).
 * Derived, not stored, so a run that is retried (and so unfinished again) has none. Null for
 * a run still in progress.
 */
export function expiresAt(
  run: Pick<RunRow, "finished_at">,
  plan: RunPlan,
  env: Pick<Env, "RUN_RETENTION">,
): number | null {
  return run.finished_at === null ? null : retentionEnd(run.finished_at, plan.job, env);
}

/** True when the run has finished and its retention has passed. */
export function isExpired(store: RunStore, env: Env, now = Date.now()): boolean {
  if (!store.exists()) return false;
  const expiry = expiresAt(store.readRun(), store.readPlan(), env);
  return expiry !== null && now >= expiry;
}

/**
 * Deletes an expired run: first its index row and tags (so no list shows it), then all of
 * its storage and its alarm in one `deleteAll` (which, since the 2026-02-24 compatibility
 * date, takes the alarm with it). Each step is idempotent and `arm` (which, for an expired
 * run, sets the retry EXPIRY_RETRY_MS out: see alarm.ts) runs before the first, so a crash
 * at any point is finished by the next alarm; the storage goes last, so the run's id (needed
 * for the index) is never lost before its row. The caller holds other calls off meanwhile
 * (a retry must not re-open a run that is half deleted).
 */
export async function expireRun(store: RunStore, env: Env, arm: () => void): Promise<void> {
  const { run_id } = store.readRun();
  arm();
  await removeFromIndex(env, run_id);
  await store.destroy();
}

/** The first half of an expiry: the run leaves the index (its row and its tags). */
export async function removeFromIndex(env: Env, runId: string): Promise<void> {
  await deleteRunIndex(getDb(env.DB), runId);
}
