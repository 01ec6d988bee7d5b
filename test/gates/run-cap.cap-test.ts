/**
 * The global cap on running runs, with MAX_RUNNING_RUNS = 2 (see vitest.run-cap.config.ts).
 * Every call is held open by the target server until the test releases it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateClient } from "../../src/clients/gate";
import { RUN_GATE } from "../../src/engine/run-cap";
import type { Env } from "../../src/env";
import { call } from "../api/api-client";
import { createJob, getRun, startRun, uniqueJobName, waitForRun } from "../engine/runs";
import { target, uniquePath } from "../support/target";

async function heldJob(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  await target.program(path, [{ hold: true }]);
  return createJob({
    name: uniqueJobName("cap"),
    ...extra,
    steps: [{ id: "call", type: "task", http: { method: "POST", url: target.url(path) } }],
  });
}

async function keysOf(path: string): Promise<string[]> {
  return (await target.requests(path)).map((r) => String(r.headers["idempotency-key"]));
}

/** Releases held calls until every run has ended, never seeing more than two in flight. */
async function drain(path: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const held = await target.held(path);
    expect(held).toBeLessThanOrEqual(2);
    if (held > 0) await target.release(path);
    const views = await Promise.all(ids.map(getRun));
    if (views.every((run) => run.status === "succeeded" || run.status === "cancelled")) return;
    if (Date.now() > deadline) throw new Error(`runs not done: ${JSON.stringify(views)}`);
    await scheduler.wait(20);
  }
}

describe("MAX_RUNNING_RUNS", () => {
  it("keeps runs beyond the cap queued, listed as queued, and starts them in order", async () => {
    const path = uniquePath("cap");
    const job = await heldJob(path);
    const first = await startRun(job);
    const second = await startRun(job);
    await target.waitForHeld(path, 2);
    const third = await startRun(job);
    const fourth = await startRun(job);
    // Queued runs are listed as such, from the index.
    const listed = await call(`/runs?job=${job}&status=queued`);
    const queued = (await listed.json<{ items: { id: string }[] }>()).items.map((run) => run.id);
    expect(queued.sort()).toEqual([third, fourth].sort());
    expect((await getRun(third)).status).toBe("queued");

    await drain(path, [first, second, third, fourth]);
    const keys = await keysOf(path);
    expect(new Set(keys.slice(0, 2))).toEqual(new Set([`${first}:call:1`, `${second}:call:1`]));
    expect(keys.slice(2)).toEqual([`${third}:call:1`, `${fourth}:call:1`]);
  });

  it("lets a queued run be cancelled without taking a slot", async () => {
    const path = uniquePath("cancel");
    const job = await heldJob(path);
    const ids = [await startRun(job), await startRun(job)];
    await target.waitForHeld(path, 2);
    const queued = await startRun(job);
    const cancelled = await call(`/runs/${queued}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect((await waitForRun(queued)).status).toBe("cancelled");
    const last = await startRun(job);
    await drain(path, [...ids, last]);
    expect(await keysOf(path)).not.toContain(`${queued}:call:1`);
    expect((await getRun(last)).status).toBe("succeeded");
  });

  it("times a queued run out at its deadline and gives up its place", async () => {
    const path = uniquePath("deadline");
    const job = await heldJob(path);
    const ids = [await startRun(job), await startRun(job)];
    await target.waitForHeld(path, 2);
    const late = await startRun(await heldJob(path, { timeout: "300ms" }));
    expect((await waitForRun(late)).status).toBe("timed_out");
    // The run returns its place right after its index write: poll for it.
    const gate = gateClient(env as unknown as Env, RUN_GATE);
    const waiting = async () => (await gate.describe()).slots.map((slot) => slot.run_id);
    for (let round = 0; (await waiting()).includes(late); round += 1) {
      expect(round).toBeLessThan(500);
      await scheduler.wait(20);
    }
    await drain(path, ids);
    expect(await keysOf(path)).not.toContain(`${late}:call:1`);
  });

  it("does not count run_job children, whose parents already hold slots", async () => {
    const path = uniquePath("child");
    const child = await heldJob(path);
    const parent = await createJob({
      name: uniqueJobName("parent"),
      steps: [{ id: "sub", type: "run_job", job: child }],
    });
    // Two parents fill the cap; their children still run, one call each.
    const ids = [await startRun(parent), await startRun(parent)];
    await target.waitForHeld(path, 2);
    await drain(path, ids);
  });
});
