import type { StepStatus } from "../core/statuses";
import type { DagCondition, StepGraph } from "../definition/ir";

/** What a DAG step whose dependencies moved should do now. */
export type Readiness = "wait" | "run" | "skip";

const SETTLED: ReadonlySet<StepStatus> = new Set(["succeeded", "failed", "skipped", "cancelled"]);

export function isSettled(status: StepStatus): boolean {
  return SETTLED.has(status);
}

/**
 * Decides a step from its dependencies' statuses. A condition that can no longer hold
 * skips the step (and so, through `all_success`, its own dependents: skips propagate).
 * `one_success` runs as soon as one dependency succeeded; every other condition waits for
 * all of them to settle.
 */
export function readiness(condition: DagCondition, dependencies: readonly StepStatus[]): Readiness {
  const succeeded = dependencies.filter((status) => status === "succeeded").length;
  const failed = dependencies.filter(
    (status) => status === "failed" || status === "cancelled",
  ).length;
  if (condition === "one_success" && succeeded > 0) return "run";
  if (!dependencies.every(isSettled)) return "wait";
  switch (condition) {
    case "all_success":
      return succeeded === dependencies.length ? "run" : "skip";
    case "on_failure":
      return failed > 0 ? "run" : "skip";
    case "all_done":
      return "run";
    case "one_success":
      return "skip";
    case "none_failed":
      return failed === 0 ? "run" : "skip";
  }
}

const dependentsCache = new WeakMap<StepGraph, ReadonlyMap<string, readonly string[]>>();

/** Steps that depend on each step, in definition order; computed once per plan. */
export function dependentsOf(job: StepGraph, stepId: string): readonly string[] {
  let map = dependentsCache.get(job);
  if (!map) {
    const built = new Map<string, string[]>();
    for (const id of job.order) {
      for (const dependency of job.steps[id]?.depends_on ?? []) {
        built.set(dependency, [...(built.get(dependency) ?? []), id]);
      }
    }
    map = built;
    dependentsCache.set(job, map);
  }
  return map.get(stepId) ?? [];
}

/** Steps nothing depends on: their outputs make up a DAG run's output. */
export function sinksOf(job: StepGraph): string[] {
  return job.order.filter((id) => dependentsOf(job, id).length === 0);
}
