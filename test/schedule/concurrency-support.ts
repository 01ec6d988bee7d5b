/**
 * Helpers for concurrency and `after` tests: jobs whose runs hold until an event releases
 * them, and polls of the coordinator's gate and of the run index (bounded, no fixed sleeps
 * beyond the poll interval).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { coordinatorClient, type GateState } from "../../src/clients/coordinator";
import type { Env } from "../../src/env";
import { call, db } from "../api/api-client";
import { uniqueName } from "./support";

/** Saves a job whose runs wait for the event `go`, with the given extra fields. */
export async function saveHoldingJob(prefix: string, fields: Record<string, unknown> = {}) {
  const name = uniqueName(prefix);
  const response = await call("/jobs", {
    body: { name, ...fields, steps: [{ id: "hold", type: "wait_for_event", event: "go" }] },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return name;
}

/** Starts a run through the API; returns the status code and the body. */
export async function requestRun(job: string, body: Record<string, unknown> = {}) {
  const response = await call(`/jobs/${job}/runs`, { body });
  return { status: response.status, body: await response.json<{ id: string; status: string }>() };
}

/** Ends a holding run by delivering its event. */
export async function release(runId: string): Promise<void> {
  const response = await call(`/runs/${runId}/events/go`, { body: {} });
  expect(response.status, await response.clone().text()).toBe(202);
}

export function readGate(job: string): Promise<GateState> {
  return coordinatorClient(env as unknown as Env, job).readGate();
}

/** Polls `read` until `predicate` holds (10 s at most), and returns the last value. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  predicate: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await scheduler.wait(20);
  }
}

export interface IndexRow {
  id: string;
  status: string;
  trigger: string;
  started_at: number | null;
}

/** The job's rows in the D1 run index, oldest first. */
export async function indexedRuns(job: string): Promise<IndexRow[]> {
  const { results } = await db
    .prepare(
      "SELECT id, status, trigger, started_at FROM runs WHERE job = ? ORDER BY created_at, id",
    )
    .bind(job)
    .all<IndexRow>();
  return results;
}

/** Jobs whose runs `after:<runId>` started (the ended run's triggers), by name. */
export async function triggeredBy(runId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT job FROM runs WHERE trigger = ? ORDER BY job")
    .bind(`after:${runId}`)
    .all<{ job: string }>();
  return results.map((row) => row.job);
}
