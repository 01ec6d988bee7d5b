/**
 * Helpers for schedule tests: save scheduled jobs through the API, reach a job's
 * coordinator object, move its cursors back in time (to make fires "missed" without
 * waiting for them), and count the runs its schedule started.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { Env } from "../../src/env";
import type { CoordinatorState } from "../../src/schedule/coordinator";
import { call, db } from "../api/api-client";

const coordinators = (env as unknown as Env).SCHEDULES;

/** Saves a one-step job with `schedule`; fails the test on any error. */
export async function saveScheduledJob(name: string, schedule: unknown): Promise<void> {
  const response = await call("/jobs", {
    body: { name, schedule, steps: [{ id: "done", type: "succeed" }] },
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

export function coordinatorOf(job: string) {
  return coordinators.get(coordinators.idFromName(job));
}

export function readState(job: string): Promise<CoordinatorState | undefined> {
  return runInDurableObject(coordinatorOf(job), (_instance, state) =>
    state.storage.get<CoordinatorState>("state"),
  );
}

export function readAlarm(job: string): Promise<number | null> {
  return runInDurableObject(coordinatorOf(job), (_instance, state) => state.storage.getAlarm());
}

/** Pretends every fire after `to` was never handled: moves every cursor of the job back. */
export async function rewindCursors(job: string, to: number): Promise<void> {
  await runInDurableObject(coordinatorOf(job), async (_instance, state) => {
    const stored = await state.storage.get<CoordinatorState>("state");
    if (!stored) throw new Error(`coordinator of ${job} holds no state`);
    const cursors = Object.fromEntries(Object.keys(stored.cursors).map((key) => [key, to]));
    await state.storage.put("state", { ...stored, cursors });
  });
}

/** Ids of the runs the job's schedule started, as the run index lists them. */
export async function scheduledRuns(job: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM runs WHERE job = ? AND trigger = 'schedule' ORDER BY created_at")
    .bind(job)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

export async function readScheduleRow(job: string) {
  return db.prepare("SELECT * FROM schedules WHERE job = ?").bind(job).first<{
    version: number;
    paused: number;
    next_fire_at: number | null;
  }>();
}

let counter = 0;
/** A job name no other test uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}-${counter}`;
}
