/**
 * Petit's YAML job configuration (seeds/petit.md) read as a Cairn job source. Fields with a
 * Cairn equivalent are renamed; everything else passes through untouched so `compileJob`
 * reports it at its path. Petit's `type: command` runs a process, which Workers cannot:
 * it passes through too, and the compiler's unknown-type message names the three edge
 * equivalents (http, worker, handler). See docs/seeds.md for the rules.
 */
import { ValidationError } from "../core/errors";
import { isPlainObject } from "./json-schema";

type Source = Record<string, unknown>;

/**
 * Maps a parsed Petit job to a Cairn job source:
 * `id` → `name`, `name` → `description` (unless one is given), `tasks` → `steps` (each
 * task's `name` → `description`), `schedule: "<cron>"` → `schedule: { cron }`, and in
 * every `retry` `delay_secs: 60` → `delay: 60s` with `backoff: constant` (Petit's retries
 * wait a fixed delay); `timeout_secs` → `timeout`. Throws a ValidationError (path "") when
 * the document is not an object.
 */
export function importPetit(config: unknown): Source {
  if (!isPlainObject(config)) {
    throw new ValidationError([{ path: "", message: "a Petit job must be a YAML mapping" }]);
  }
  const { id, name, tasks, schedule, ...rest } = config;
  const job: Source = { ...convertTimings(rest) };
  if (id !== undefined) job.name = id;
  if (name !== undefined && job.description === undefined) job.description = name;
  if (typeof schedule === "string") job.schedule = { cron: schedule };
  else if (schedule !== undefined) job.schedule = schedule;
  job.steps = Array.isArray(tasks) ? tasks.map(importTask) : tasks;
  return job;
}

function importTask(task: unknown): unknown {
  if (!isPlainObject(task)) return task;
  const { name, ...rest } = task;
  const step = convertTimings(rest);
  if (name !== undefined && step.description === undefined) step.description = name;
  return step;
}

// Petit counts seconds in plain numbers; Cairn durations carry their unit.
function convertTimings(source: Source): Source {
  const out: Source = { ...source };
  if (typeof out.timeout_secs === "number") {
    out.timeout = `${out.timeout_secs}s`;
    delete out.timeout_secs;
  }
  if (isPlainObject(out.retry)) {
    const { delay_secs: delay, ...retry } = out.retry;
    out.retry =
      typeof delay === "number" ? { backoff: "constant", ...retry, delay: `${delay}s` } : out.retry;
  }
  return out;
}
