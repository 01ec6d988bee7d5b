/**
 * Helpers for engine and runs tests: create jobs and runs through the public API, then wait
 * for the run object to get somewhere. Waits poll the real run (no fake timers) and are
 * bounded, so a stuck run fails the test with its last state rather than hanging.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { RunView, StepView } from "../../src/clients/run-views";
import type { RunStatus } from "../../src/core/statuses";
import type { Env } from "../../src/env";
import { call } from "../api/api-client";

export const runs = (env as unknown as Env).RUNS;

/** Saves a job (JSON) and returns its name; fails the test on any error. */
export async function createJob(job: Record<string, unknown>): Promise<string> {
  const response = await call("/jobs", { body: job });
  expect(response.status, await response.clone().text()).toBe(201);
  return String(job.name);
}

export async function createAction(action: Record<string, unknown>): Promise<void> {
  const response = await call("/actions", { body: action });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Starts a run of a saved job and returns its id. */
export async function startRun(job: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await call(`/jobs/${job}/runs`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json<{ id: string }>()).id;
}

export async function getRun(id: string): Promise<RunView> {
  const response = await call(`/runs/${id}`);
  expect(response.status).toBe(200);
  return response.json<RunView>();
}

export async function getSteps(id: string): Promise<StepView[]> {
  const response = await call(`/runs/${id}/steps`);
  expect(response.status).toBe(200);
  return (await response.json<{ steps: StepView[] }>()).steps;
}

export async function getHistory(
  id: string,
): Promise<{ type: string; step_id: string | null; data: unknown }[]> {
  const response = await call(`/runs/${id}/history?limit=1000`);
  expect(response.status).toBe(200);
  return (
    await response.json<{ events: { type: string; step_id: string | null; data: unknown }[] }>()
  ).events;
}

/** Whether `GET /runs?status=` (the D1 index) lists the run under `status` (its first 200). */
export async function listedAs(status: string, id: string): Promise<boolean> {
  const response = await call(`/runs?status=${status}&limit=200`);
  const { items } = await response.json<{ items: { id: string }[] }>();
  return items.some((item) => item.id === id);
}

/** Polls until the run reaches one of `statuses` (default: any finished status). */
export async function waitForRun(
  id: string,
  statuses: readonly RunStatus[] = ["succeeded", "failed", "cancelled", "timed_out"],
  timeoutMs = 20_000,
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(id);
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) {
      throw new Error(
        `run ${id} is ${run.status}, expected ${statuses.join("|")}: ${JSON.stringify(run)}`,
      );
    }
    await scheduler.wait(20);
  }
}

/** Polls until `predicate` holds for the run's steps. */
export async function waitForSteps(
  id: string,
  predicate: (steps: StepView[]) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const steps = await getSteps(id);
    if (predicate(steps)) return steps;
    if (Date.now() > deadline)
      throw new Error(`run ${id}: steps never matched: ${JSON.stringify(steps)}`);
    await scheduler.wait(20);
  }
}

export function stepOf(steps: StepView[], id: string): StepView {
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

let jobCounter = 0;
/** A job name no other test uses. */
export function uniqueJobName(prefix = "job"): string {
  jobCounter += 1;
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}-${jobCounter}`;
}
