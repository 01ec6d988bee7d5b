import { parseDuration } from "../core/duration";
import type { Env } from "../env";
import type { CompiledJob } from "./ir";

/** How long a finished run is kept when neither its job nor RUN_RETENTION says: 30 days. */
export const DEFAULT_RUN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** RUN_RETENTION as milliseconds; a value that is not a duration falls back to the default. */
export function defaultRetentionMs(env: Pick<Env, "RUN_RETENTION">): number {
  if (env.RUN_RETENTION === undefined || env.RUN_RETENTION.trim() === "")
    return DEFAULT_RUN_RETENTION_MS;
  return parseDuration(env.RUN_RETENTION) ?? DEFAULT_RUN_RETENTION_MS;
}

/**
 * When a run that finished at `finishedAt` leaves storage: its job's `retention`, else
 * RUN_RETENTION, else 30 days after. The one rule for run objects and for runs that ended in
 * their job's queue; `job` is null when the run's job version no longer exists.
 */
export function retentionEnd(
  finishedAt: number,
  job: Pick<CompiledJob, "retention_ms"> | null,
  env: Pick<Env, "RUN_RETENTION">,
): number {
  return finishedAt + (job?.retention_ms ?? defaultRetentionMs(env));
}
