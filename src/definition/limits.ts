import type { Issue } from "../core/errors";
import { CATCH_ALL, STEP_ERROR_TYPES } from "../core/step-error";
import type { CompiledJob } from "./ir";
import { allSteps, type StepVisit } from "./walk";

const BUILT_IN_NAMES = new Set<string>([...STEP_ERROR_TYPES, ...CATCH_ALL]);

/**
 * Save-time checks that span the whole job (every depth, through the one walk):
 * - a `map`'s explicit `max_concurrency` above the job's `max_parallel` could never be
 *   honoured (a run keeps at most `max_parallel` steps in flight), so it is refused, naming
 *   both fields, rather than silently capped;
 * - a `catch` error that is not a built-in type must be the `error` of a `fail` step of the
 *   job, unless the catching step starts other jobs (`run_job`, itself or inside it), whose
 *   own fail steps can name anything: a typo (`http_5x`) would otherwise catch nothing.
 */
export function checkJobLimits(job: CompiledJob): Issue[] {
  const visits = allSteps(job);
  return [...checkMapConcurrency(job, visits), ...checkCatchNames(visits)];
}

function checkMapConcurrency(job: CompiledJob, visits: readonly StepVisit[]): Issue[] {
  return visits.flatMap(({ step, path }) =>
    step.type === "map" &&
    step.max_concurrency !== undefined &&
    step.max_concurrency > job.max_parallel
      ? [
          {
            path: `${path}.max_concurrency`,
            message: `max_concurrency (${step.max_concurrency}) is above the job's max_parallel (${job.max_parallel}); raise max_parallel or lower max_concurrency`,
          },
        ]
      : [],
  );
}

function checkCatchNames(visits: readonly StepVisit[]): Issue[] {
  const failNames = new Set(
    visits.flatMap(({ step }) => (step.type === "fail" ? [step.error] : [])),
  );
  const issues: Issue[] = [];
  for (const { step, path } of visits) {
    if (!("catch" in step)) continue;
    const startsJobs =
      step.type === "run_job" ||
      visits.some(
        (inner) =>
          inner.step.type === "run_job" && inner.enclosing.some((around) => around === step),
      );
    step.catch.forEach((route, r) => {
      route.errors.forEach((name, e) => {
        if (BUILT_IN_NAMES.has(name) || failNames.has(name) || startsJobs) return;
        issues.push({
          path: `${path}.catch.${r}.errors.${e}`,
          message: `"${name}" is neither an error type (${STEP_ERROR_TYPES.join(", ")}) nor the error of a fail step of this job`,
        });
      });
    });
  }
  return issues;
}
