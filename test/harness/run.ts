/**
 * Runs a job definition on the offline harness: compiles it (and the child jobs and stored
 * actions it uses) with the server's compiler, then runOffline with the mocks given.
 */

import { handlerNames } from "../../src/actions/handlers";
import { toSpec } from "../../src/cli/check";
import type { StepView } from "../../src/clients/run-views";
import type { JsonObject } from "../../src/core/json";
import { compileJob, parseAction } from "../../src/definition";
import type { ActionSpec, CompiledJob } from "../../src/definition/ir";
import { type OfflineEvent, type OfflineResult, parseMock, runOffline } from "../../src/harness";

export interface JobRun {
  params?: JsonObject;
  /** Mock documents by action name (see src/harness/mocks.ts). */
  mocks?: Record<string, unknown>;
  /** Stored actions as written (with their `name`). */
  actions?: unknown[];
  /** Jobs run_job steps may start, as written. */
  jobs?: unknown[];
  events?: OfflineEvent[];
}

/** The virtual clock's start in every harness test, so times are exact. */
export const T0 = Date.parse("2026-01-01T00:00:00Z");

export async function runJob(definition: unknown, options: JobRun = {}): Promise<OfflineResult> {
  const actions = new Map<string, ActionSpec>();
  for (const written of options.actions ?? []) {
    const parsed = parseAction(written);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    actions.set(parsed.action.name, toSpec(parsed.action));
  }
  const catalog = { actions, handlers: handlerNames() };
  const compile = (source: unknown): CompiledJob => {
    const compiled = compileJob(source, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    return compiled.job;
  };
  const jobs = new Map(
    (options.jobs ?? []).map((source) => [compile(source).name, compile(source)]),
  );
  const mocks = new Map(
    Object.entries(options.mocks ?? {}).map(([name, mock]) => [name, parseMock(mock)]),
  );
  return runOffline(compile(definition), {
    params: options.params ?? {},
    actions,
    jobs,
    mocks,
    events: options.events ?? [],
    startAt: T0,
  });
}

/** Each step's status, by id. */
export function statuses(steps: readonly StepView[]): Record<string, string> {
  return Object.fromEntries(steps.map((step) => [step.id, step.status]));
}

/** The step ids in the order they started (a step started twice appears twice). */
export function path(result: OfflineResult): string[] {
  return result.history
    .filter((record) => record.type === "step_started")
    .map((record) => record.step_id ?? "");
}
