import type { Issue } from "../errors";
import type { CompiledJob } from "./ir";
import { walkSteps } from "./walk";

/**
 * Save-time limits that span the job: a `map`'s explicit `max_concurrency` above the job's
 * `max_parallel` could never be honoured (the run keeps at most `max_parallel` steps in
 * flight), so it is refused, naming both fields, rather than silently capped.
 */
export function checkJobLimits(job: CompiledJob): Issue[] {
  const issues: Issue[] = [];
  walkSteps(job, ({ step, path }) => {
    if (step.type !== "map" || step.max_concurrency === undefined) return;
    if (step.max_concurrency <= job.max_parallel) return;
    issues.push({
      path: `${path}.max_concurrency`,
      message: `max_concurrency (${step.max_concurrency}) is above the job's max_parallel (${job.max_parallel}); raise max_parallel or lower max_concurrency`,
    });
  });
  return issues;
}
