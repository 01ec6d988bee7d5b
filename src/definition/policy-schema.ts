/**
 * The job fields that decide when runs may start besides the schedule: `concurrency` (how
 * many runs at once, and what a start beyond that does) and `after` (runs of other jobs
 * that trigger or gate this one). Pure: checked from src/definition/job-schema.ts and read
 * back from stored sources by the coordinator.
 */
import { z } from "zod";
import { FINISHED_RUN_STATUSES } from "../core/statuses";
import { FixedDurationSchema } from "./fields";
import type { CompiledJob } from "./ir";

export const OVERLAP_POLICIES = ["skip", "queue", "allow", "cancel_previous"] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export const AFTER_STATUSES = ["succeeded", "failed", "any"] as const;
export type AfterStatus = (typeof AFTER_STATUSES)[number];

/** Upstream jobs one job may name; more is a sign of a graph that belongs in one job. */
export const MAX_AFTER = 20;

/**
 * `concurrency: { limit, overlap }`. Defaults: one run at a time, and `queue`, so a start
 * beyond the limit waits rather than being lost.
 */
export const ConcurrencySchema = z.strictObject({
  limit: z.int().min(1).max(1000).default(1),
  overlap: z.enum(OVERLAP_POLICIES).default("queue"),
});
export type Concurrency = z.output<typeof ConcurrencySchema>;

/**
 * One `after` entry. Without `within` it is a trigger: each run of `job` that ends with
 * `status` (default `succeeded`) starts a run of this job. With `within` it is a gate on
 * this job's scheduled fires instead (Petit's window): a fire starts only if such a run
 * ended at most `within` before the fire time.
 */
export const AfterEntrySchema = z.strictObject({
  job: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be a job name (lowercase letters, digits, - and _)"),
  status: z.enum(AFTER_STATUSES).default("succeeded"),
  within: FixedDurationSchema.optional(),
});
export type AfterEntry = z.output<typeof AfterEntrySchema>;

export const AfterFieldSchema = z.array(AfterEntrySchema).min(1).max(MAX_AFTER);

/**
 * Whether the compiled job sets `concurrency`: every start of a saved version of it is then
 * admitted by its coordinator's gate, and each of its runs reports its end there to free its
 * slot. The gate itself reads the policy from the stored source (`readConcurrency`), which
 * compiles to this field.
 */
export function hasConcurrency(job: Pick<CompiledJob, "concurrency">): boolean {
  return job.concurrency !== undefined;
}

/**
 * Whether a run of this job version goes through its coordinator's gate: a saved version of a
 * job with `concurrency`. An inline definition (version 0) has no coordinator, whatever it
 * declares, so its runs start at once and report their end to no one.
 */
export function goesThroughGate(version: number, job: Pick<CompiledJob, "concurrency">): boolean {
  return version !== 0 && hasConcurrency(job);
}

/** The concurrency of a stored (already validated) job source; null when it sets none. */
export function readConcurrency(source: unknown): Concurrency | null {
  const parsed = ConcurrencySchema.safeParse(fieldOf(source, "concurrency"));
  return parsed.success ? parsed.data : null;
}

/** The `after` entries of a stored (already validated) job source; empty when it has none. */
export function readAfter(source: unknown): AfterEntry[] {
  const parsed = AfterFieldSchema.safeParse(fieldOf(source, "after"));
  return parsed.success ? parsed.data : [];
}

/**
 * True when a run that ended with `status` satisfies an entry asking for `wanted`: `failed`
 * includes `timed_out` (both are runs that did not finish their work), `any` every end.
 */
export function matchesAfterStatus(wanted: AfterStatus, status: string): boolean {
  if (wanted === "any") return true;
  if (wanted === "failed") return status === "failed" || status === "timed_out";
  return status === wanted;
}

/** The run statuses an entry asking for `wanted` accepts (for `any`: every finished status). */
export function afterStatuses(wanted: AfterStatus): string[] {
  if (wanted === "any") return [...FINISHED_RUN_STATUSES];
  return wanted === "failed" ? ["failed", "timed_out"] : ["succeeded"];
}

function fieldOf(source: unknown, key: string): unknown {
  if (typeof source !== "object" || source === null) return undefined;
  return (source as Record<string, unknown>)[key];
}
