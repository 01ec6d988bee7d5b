import { ConflictError, ValidationError } from "../core/errors";
import type { JsonObject } from "../core/json";
import { getDb } from "../db/client";
import { loadActions } from "../db/queries/actions";
import type { StoredActions } from "../db/queries/stored-actions";
import type { ActionSpec, CompiledJob, RunPlan } from "../definition/ir";
import { validateParams } from "../definition/params";
import { goesThroughGate } from "../definition/policy-schema";
import { namedActions } from "../definition/walk";
import type { Env } from "../env";
import { readSecrets, redact } from "../templates/secrets";
import { coordinatorClient } from "./coordinator";
import { refusalError } from "./refusal";
import { runClient, type StartRunInput, type StartRunResult } from "./run";

/**
 * Starts a run of a compiled job. A saved job with `concurrency` is admitted by its
 * coordinator (which may start it, queue it, refuse it or cancel an older run first); any
 * other run starts at once, with `actions` when the caller read them with the job (see
 * launchRun). Throws ValidationError for params the job refuses, and for a refused start the
 * error its refusal's code names (refusalError): a `skip` gate's conflict, an action or
 * version gone from the catalog.
 */
export async function startRun(
  env: Env,
  input: StartRunInput,
  actions?: StoredActions,
): Promise<StartRunResult> {
  checkParams(input);
  // The compiled job carries its policy, so most starts need no extra read. The coordinator
  // reads the job again, and its actions with it, when it admits: it may launch later than
  // this request.
  if (!goesThroughGate(input.version, input.job)) return launchRun(env, input, actions);
  const admitted = await coordinatorClient(env, input.job.name).admit({
    ...input,
    params: storedParams(env, input.params),
    params_checked: true,
  });
  if (!admitted.ok) throw refusalError(admitted, `Job ${input.job.name}`);
  return { created: admitted.created, run: admitted.run };
}

/**
 * Starts a run now, whatever the job's concurrency (the coordinator's own call, once it has
 * admitted the run): checks params (unless startRun did, before redacting them), freezes the
 * plan (with a snapshot of every action it names) and hands it to a new run object. With an
 * idempotency key the run id is derived from job and key, so a repeated request reaches the
 * same object and starts nothing. `actions` are the stored actions read in this same request
 * (with the job: getJobToStart; or the catalog an inline job was compiled against); without
 * them the ones the job names are read here.
 */
export async function launchRun(
  env: Env,
  input: StartRunInput,
  actions?: StoredActions,
): Promise<StartRunResult> {
  if (!input.params_checked) checkParams(input);
  const plan: RunPlan = {
    job: input.job,
    version: input.version,
    actions: await snapshotActions(env, input.job, actions),
    ...(input.source === undefined ? {} : { source: input.source }),
    ...(input.tags === undefined || Object.keys(input.tags).length === 0
      ? {}
      : { tags: input.tags }),
  };
  const key = input.idempotency_key ?? null;
  const runId = input.run_id ?? (key === null ? randomRunId() : await deriveRunId(input, key));
  const result = await runClient(env, runId).start({
    run_id: runId,
    plan,
    params: storedParams(env, input.params),
    trigger: input.trigger,
    idempotency_key: key,
    parent: input.parent ?? null,
  });
  if (!result.ok) {
    // A keyed start is refused for its key (used for other params, or another definition).
    const errors = key === null ? [] : [{ path: "idempotency_key", message: result.message }];
    throw refusalError({ ...result, errors }, `Run ${runId}`);
  }
  return { created: result.created, run: result.run };
}

/**
 * Params as a run (or a queued start) stores them: template secrets redacted, since a
 * `run_job` step may have rendered `secrets.X` into them. A child reads its own `secrets`.
 */
function storedParams(env: Env, params: JsonObject): JsonObject {
  return redact(params, Object.values(readSecrets(env)));
}

function checkParams(input: StartRunInput): void {
  const problems = validateParams(input.job.params_schema, input.params);
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The plan's snapshot: exactly the stored actions the job names; 409 naming one that is gone. */
async function snapshotActions(
  env: Env,
  job: CompiledJob,
  read: StoredActions | undefined,
): Promise<Record<string, ActionSpec>> {
  // Every depth: a stored action in a branch or a map body is as much the run's as a top one.
  const names = namedActions(job);
  if (names.size === 0) return {};
  const stored = read ?? (await loadActions(getDb(env.DB), names));
  const missing = missingAction(job, stored);
  if (missing) throw missing;
  return Object.fromEntries([...names].map((name) => [name, stored.get(name) as ActionSpec]));
}

/**
 * The conflict of a start whose job names a stored action `stored` lacks (deleted, or no
 * longer valid), or null. The coordinator asks it before it queues a start or gives up older
 * runs for it, so such a start is refused with nothing written, as a launch refuses it.
 */
export function missingAction(job: CompiledJob, stored: StoredActions): ConflictError | null {
  for (const name of namedActions(job)) {
    if (!stored.has(name))
      return new ConflictError(`action ${name}, used by job ${job.name}, no longer exists`);
  }
  return null;
}

function randomRunId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The run id a start with idempotency key `key` gets: the same for the same job and key, so
 * repeats reach the same run object.
 */
export async function deriveRunId(
  input: Pick<StartRunInput, "job" | "version">,
  key: string,
): Promise<string> {
  // Inline definitions and saved jobs of the same name are different things to dedupe.
  const scope = `${input.version === 0 ? "inline" : "job"}:${input.job.name}`;
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${scope}\u0000${key}`),
  );
  return toHex(new Uint8Array(digest).slice(0, 16));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
