/**
 * TaskOrchestrator's `job_config.json` (seeds/taskorchestrator.md) read as a Cairn job
 * source. Its tasks are Python classes loaded by module name; on Workers they become
 * handlers registered under the same dotted name (`registerHandler("jobs.job2.task4", ...)`),
 * and its `dependencies` become `depends_on`. See docs/seeds.md for the rules.
 */
import type { Issue } from "../core/errors";
import { ValidationError } from "../core/errors";
import { toJobName } from "./inline-run";
import { isPlainObject } from "./json-schema";

/**
 * Converts one job of a TaskOrchestrator config (`{ jobs: { <name>: { handler, tasks } } }`)
 * to a Cairn job source. `jobName` picks the job; it may be omitted when the config holds
 * exactly one. The result is always a DAG, as TaskOrchestrator runs every task whose
 * dependencies are done in parallel: each task becomes
 * `{ id, type: task, handler: <task name>, depends_on: [...] }`, where the id is the task name
 * without its `jobs.` prefix and with dots as `_` (`jobs.job2.task4` → `job2_task4`). The job
 * handler (a Python class customizing setup and cleanup) has no equivalent and is kept in
 * the description. Other task fields pass through, so `compileJob` reports them at their
 * paths. Throws a ValidationError naming the field when the config has no such job.
 */
export function importTaskOrchestrator(config: unknown, jobName?: string): Record<string, unknown> {
  const jobs = isPlainObject(config) ? config.jobs : undefined;
  if (!isPlainObject(jobs)) fail("jobs", "must be an object of jobs by name");
  const names = Object.keys(jobs);
  const name = jobName ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) {
    fail("jobs", `holds ${names.length} jobs (${names.join(", ")}); say which one to import`);
  }
  const job = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
  if (!isPlainObject(job)) fail(`jobs.${name}`, "must be a job object with tasks");
  if (!Array.isArray(job.tasks)) fail(`jobs.${name}.tasks`, "must be a list of tasks");
  const { handler, tasks: _tasks, ...rest } = job;
  const description =
    typeof handler === "string"
      ? `TaskOrchestrator job "${name}" (job handler ${handler})`
      : `TaskOrchestrator job "${name}"`;
  return { name: toJobName(name), description, ...rest, steps: job.tasks.map(importTask) };
}

function importTask(task: unknown): unknown {
  if (!isPlainObject(task) || typeof task.name !== "string") return task;
  const { name, dependencies, ...rest } = task;
  return {
    id: toStepId(name),
    type: "task",
    handler: name,
    ...rest,
    depends_on: Array.isArray(dependencies)
      ? dependencies.map((dependency) =>
          typeof dependency === "string" ? toStepId(dependency) : dependency,
        )
      : (dependencies ?? []),
  };
}

/** `jobs.job2.task4` → `job2_task4`: step ids hold no dots. */
export function toStepId(taskName: string): string {
  return taskName.replace(/^jobs\./, "").replace(/[^A-Za-z0-9_-]/g, "_");
}

function fail(path: string, message: string): never {
  const issue: Issue = { path, message };
  throw new ValidationError([issue]);
}
