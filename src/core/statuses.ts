/** Run and step statuses, declared once and reused by zod, TypeScript and SQL CHECKs. */
export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting",
  "paused",
  "succeeded",
  "failed",
  "cancelled",
  "timed_out",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINISHED_RUN_STATUSES = ["succeeded", "failed", "cancelled", "timed_out"] as const;
export type FinishedRunStatus = (typeof FINISHED_RUN_STATUSES)[number];

export function isFinishedRunStatus(status: RunStatus): status is FinishedRunStatus {
  return (FINISHED_RUN_STATUSES as readonly string[]).includes(status);
}

export const STEP_STATUSES = [
  "pending",
  "running",
  "waiting",
  "succeeded",
  "failed",
  "skipped",
  "cancelled",
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
