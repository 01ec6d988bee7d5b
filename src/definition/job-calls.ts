import type { StepGraph } from "./ir";

/** A `run_job` step's target, with the path of its `job` field in the definition. */
export interface JobCall {
  job: string;
  path: string;
}

/** Every job a graph's `run_job` steps start, in parallel branches and map bodies too. */
export function listJobCalls(graph: StepGraph, base = "steps."): JobCall[] {
  return graph.order.flatMap((id, index) => {
    const step = graph.steps[id];
    if (!step) return [];
    if (step.type === "run_job") return [{ job: step.job, path: `${base}${index}.job` }];
    if (step.type === "parallel") {
      return step.branches.flatMap((branch, b) =>
        listJobCalls(branch, `${base}${index}.branches.${b}.`),
      );
    }
    if (step.type === "map") return listJobCalls(step.body, `${base}${index}.steps.`);
    return [];
  });
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
