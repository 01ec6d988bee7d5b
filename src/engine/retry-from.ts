/**
 * `POST /runs/{id}/retry` with `from` and `params` (DESIGN.md "Operating runs"): re-runs a
 * finished run from one of its top-level steps, optionally with new params. The checks are
 * pure and run before anything is written; the re-opening is one move inside the retry's
 * transaction.
 */

import type { RetryRequest } from "../clients/run";
import type { Issue } from "../core/errors";
import type { JsonObject } from "../core/json";
import type { RunStatus } from "../core/statuses";
import type { CompiledStep, RunPlan, StepGraph } from "../definition/ir";
import { validateParams } from "../definition/params";
import { dependentsOf } from "./dag";
import type { RunRow, RunStore } from "./store/run-store";

/** A plain retry re-runs what failed; with `from`, any finished run can run again. */
export function retryableStatuses(request: RetryRequest): readonly RunStatus[] {
  return request.from === undefined
    ? ["failed", "timed_out"]
    : ["failed", "timed_out", "cancelled", "succeeded"];
}

/** The params the retried run gets (null: unchanged), or the issues that refuse the request. */
export function checkRetry(
  plan: RunPlan,
  run: Pick<RunRow, "params">,
  request: RetryRequest,
): { ok: true; params: JsonObject | null } | { ok: false; errors: Issue[] } {
  const errors: Issue[] = [];
  if (request.from !== undefined && !plan.job.order.includes(request.from))
    errors.push({
      path: "from",
      message: `is not a top-level step of job ${plan.job.name} (its steps: ${plan.job.order.join(", ")})`,
    });
  if (request.params !== undefined && request.set_params !== undefined)
    errors.push({ path: "set_params", message: "give params or set_params, not both" });
  const params =
    request.params ??
    (request.set_params === undefined ? null : { ...run.params, ...request.set_params });
  if (params !== null) errors.push(...validateParams(plan.job.params_schema, params));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params };
}

/**
 * Re-opens the run at `from`: in a sequence, `from` and every step reachable from it; in a
 * DAG, `from` and everything downstream of it. Those steps go back to pending (keeping
 * their execution counts, so each re-run has a new idempotency key) with what ran under
 * them, and `from` is activated. Returns the steps re-opened.
 */
export function reopenFrom(store: RunStore, plan: RunPlan, from: string, now: number): string[] {
  const reopened = downstreamOf(plan.job, from);
  for (const id of reopened) {
    const row = store.readStep(id);
    if (!row) continue;
    store.writeStep({
      ...row,
      status: "pending",
      attempts: 0,
      output: null,
      error: null,
      finished_at: null,
    });
    store.resetUnder(id);
    store.timers.deleteStepTimers(id);
  }
  store.timers.addTimer("activate", from, now);
  return reopened;
}

/** `from` and the steps after it: reachable by moves (sequence) or by dependencies (DAG). */
export function downstreamOf(graph: StepGraph, from: string): string[] {
  const found = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    const step = graph.steps[id];
    if (found.has(id) || !step) continue;
    found.add(id);
    pending.push(...(graph.mode === "dag" ? dependentsOf(graph, id) : successorsOf(step)));
  }
  return graph.order.filter((id) => found.has(id));
}

function successorsOf(step: CompiledStep): string[] {
  const targets = step.next === null ? [] : [step.next];
  if (step.type === "choice") {
    targets.push(...step.conditions.map((condition) => condition.next));
    if (step.default !== null) targets.push(step.default);
  }
  if ("catch" in step) targets.push(...step.catch.map((route) => route.next));
  return targets;
}
