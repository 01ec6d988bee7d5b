import type { StepGraph } from "./ir";
import { allSteps } from "./walk";

/** A `run_job` step's target, with the path of its `job` field in the definition. */
export interface JobCall {
  job: string;
  path: string;
}

/** Every job a graph's `run_job` steps start, in parallel branches and map bodies too. */
export function listJobCalls(graph: StepGraph): JobCall[] {
  return allSteps(graph).flatMap(({ step, path }) =>
    step.type === "run_job" ? [{ job: step.job, path: `${path}.job` }] : [],
  );
}

/**
 * A path of calls from `from` back to `to` (`["b", "a"]` for b -> a), or null. Calls of a
 * job are looked up with `callsOf`; each job is visited once.
 */
export function findCallPath(
  from: string,
  to: string,
  callsOf: (job: string) => readonly string[],
): string[] | null {
  const seen = new Set<string>();
  const walk = (job: string): string[] | null => {
    if (job === to) return [job];
    if (seen.has(job)) return null;
    seen.add(job);
    for (const next of callsOf(job)) {
      const rest = walk(next);
      if (rest) return [job, ...rest];
    }
    return null;
  };
  return walk(from);
}
