import { getDb } from "../db/client";
import { loadActionCatalog } from "../db/queries/actions";
import type { ActionSpec, CompiledJob, JsonObject, RunPlan } from "../definition/ir";
import { validateParams } from "../definition/params";
import type { Env } from "../env";
import { ConflictError, ValidationError } from "../errors";
import { runClient } from "./run-client";
import type { RunSummary } from "./views";

export interface StartRunInput {
  job: CompiledJob;
  /** The job version the run keeps; 0 for an inline definition from `POST /runs`. */
  version: number;
  params: JsonObject;
  trigger: string;
  idempotency_key?: string | undefined;
}

/**
 * Starts a run of a compiled job: checks params, freezes the plan (with a snapshot of every
 * action it names) and hands it to a new run object. With an idempotency key the run id is
 * derived from job and key, so a repeated request reaches the same object and starts nothing.
 */
export async function startRun(
  env: Env,
  input: StartRunInput,
): Promise<{ created: boolean; run: RunSummary }> {
  const problems = validateParams(input.job.params_schema, input.params);
  if (problems.length > 0) throw new ValidationError(problems);
  const plan: RunPlan = {
    job: input.job,
    version: input.version,
    actions: await snapshotActions(env, input.job),
  };
  const key = input.idempotency_key ?? null;
  // Inline definitions and saved jobs of the same name are different things to dedupe.
  const scope = `${input.version === 0 ? "inline" : "job"}:${input.job.name}`;
  const runId = key === null ? randomRunId() : await deriveRunId(scope, key);
  const result = await runClient(env, runId).start({
    run_id: runId,
    plan,
    params: input.params,
    trigger: input.trigger,
    idempotency_key: key,
  });
  if (!result.ok)
    throw new ConflictError(
      result.message,
      key === null ? [] : [{ path: "idempotency_key", message: result.message }],
    );
  return { created: result.created, run: result.run };
}

async function snapshotActions(env: Env, job: CompiledJob): Promise<Record<string, ActionSpec>> {
  const names = new Set<string>();
  for (const step of Object.values(job.steps)) {
    if (step.type === "task" && step.action.kind === "named") names.add(step.action.name);
  }
  if (names.size === 0) return {};
  const catalog = await loadActionCatalog(getDb(env.DB));
  const actions: Record<string, ActionSpec> = {};
  for (const name of names) {
    const spec = catalog.get(name);
    if (!spec) throw new ConflictError(`action ${name}, used by job ${job.name}, no longer exists`);
    actions[name] = spec;
  }
  return actions;
}

function randomRunId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

async function deriveRunId(scope: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${scope}\u0000${key}`),
  );
  return toHex(new Uint8Array(digest).slice(0, 16));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
