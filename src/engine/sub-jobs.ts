import type { ParentRef } from "../clients/run";
import { type ChildEnded, runClient } from "../clients/run";
import { startRun } from "../clients/start-run";
import { ValidationError } from "../core/errors";
import type { JsonObject, JsonValue } from "../core/json";
import { type StepError, StepFailure, stepError } from "../core/step-error";
import { getDb } from "../db/client";
import { getJobToStart } from "../db/queries/jobs";
import type { RetryPolicy, RunPlan } from "../definition/ir";
import { type Tags, TagsSchema } from "../definition/tags";
import type { Env } from "../env";
import { renderValue } from "../templates/render";
import type { TemplateScope } from "../templates/scope";
import type { RunStore, StepRow } from "./store/run-store";
import { failStep, markRunning, succeedStep } from "./transitions";

/** How deep `run_job` steps may nest (a child of a top-level run has depth 1). */
export const MAX_RUN_DEPTH = 5;

/**
 * How a failed child start is tried again: soon (a platform error passes in seconds), then
 * backing off to a minute, about four minutes in all before the step fails.
 */
export const CHILD_START_RETRY: RetryPolicy = {
  max_attempts: 10,
  backoff: "exponential",
  delay_ms: 1_000,
  max_delay_ms: 60_000,
  jitter: true,
};

export type ChildStart = { ok: true; run_id: string } | { ok: false; error: StepError };

/**
 * Starts the child run of a `run_job` step (the job's current version). The idempotency key
 * is the step's own, so a start repeated (after a crash, or as a retry) reaches the same
 * child and never starts a second one. Never throws: a failure is the outcome, final for a
 * job that does not exist (it was deleted since the parent was saved) or params it refuses,
 * retryable for anything else (a platform error, a `skip` concurrency refusal, a missing
 * action: each may pass).
 */
export async function startChildRun(
  env: Env,
  job: string,
  params: JsonObject,
  parent: ParentRef,
  idempotencyKey: string,
  tags?: Tags,
): Promise<ChildStart> {
  try {
    // The job and the stored actions it names in one round trip.
    const found = await getJobToStart(getDb(env.DB), job);
    if (!found) return { ok: false, error: stepError("failed", `job "${job}" does not exist`) };
    const started = await startRun(
      env,
      {
        job: found.job.compiled,
        version: found.job.version,
        params,
        trigger: `run_job:${parent.run_id}`,
        idempotency_key: idempotencyKey,
        parent,
        tags,
      },
      found.actions,
    );
    return { ok: true, run_id: started.run.id };
  } catch (error) {
    return {
      ok: false,
      error: stepError("failed", `could not start job "${job}": ${String(error)}`, {
        retryable: !(error instanceof ValidationError),
      }),
    };
  }
}

/**
 * A `run_job` step's `tags` rendered for its child (templates see what the step's params
 * see); a value that renders to a non-string becomes its JSON text. Throws a StepFailure of
 * type `template` for tags that break the limits.
 */
export async function renderChildTags(
  templates: Record<string, string> | undefined,
  scope: TemplateScope,
): Promise<Tags | undefined> {
  if (templates === undefined) return undefined;
  const rendered = (await renderValue(templates, scope)) as Record<string, JsonValue>;
  const tags = Object.fromEntries(
    Object.entries(rendered).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
  const checked = TagsSchema.safeParse(tags);
  if (!checked.success)
    throw new StepFailure(
      "template",
      `tags: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return checked.data;
}

/** The step waits for its child; the child's id is its provisional output (for cancel). */
export function recordChildStarted(store: RunStore, row: StepRow, childId: string): void {
  store.writeStep({ ...row, status: "waiting", output: { run_id: childId } });
  store.append({ type: "child_started", step_id: row.step_id, data: { run_id: childId } });
}

/** A child ended: its output becomes the step's, or its failure the step's failure. Idempotent. */
export function settleChild(store: RunStore, plan: RunPlan, ended: ChildEnded, now: number): void {
  const row = store.readStep(ended.instance);
  if (row?.status !== "waiting" || row.executions !== ended.execution) return;
  store.timers.deleteStepTimers(ended.instance);
  markRunning(store, now);
  const running = { ...row, status: "running" as const };
  if (ended.status === "succeeded") {
    succeedStep(store, plan, running, ended.output, now);
    return;
  }
  const type = ended.status === "timed_out" ? "timeout" : (ended.error?.type ?? "failed");
  const why = ended.error?.message ? `: ${ended.error.message}` : "";
  failStep(
    store,
    plan,
    running,
    stepError(type, `child run ${ended.run_id} ${ended.status}${why}`),
    now,
  );
}

/** Child runs of the given step rows, for cancelling them along with their parent. */
export function childRunsOf(rows: readonly StepRow[]): string[] {
  return rows.flatMap((row) => {
    const output = row.output as { run_id?: unknown } | null;
    return typeof output?.run_id === "string" ? [output.run_id] : [];
  });
}

/** Cancels child runs; best effort, since a child that already ended has nothing to cancel. */
export async function cancelChildRuns(env: Env, runIds: readonly string[]): Promise<void> {
  await Promise.allSettled(runIds.map((id) => runClient(env, id).cancel()));
}
