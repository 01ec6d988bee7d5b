import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { coordinatorClient } from "../../src/clients/coordinator";
import { compileJob } from "../../src/definition/compile";
import {
  goesThroughGate,
  hasConcurrency,
  readConcurrency,
} from "../../src/definition/policy-schema";
import type { Env } from "../../src/env";
import { decideAdmission } from "../../src/schedule/gate";
import { call } from "../api/api-client";
import { waitForRun } from "../engine/runs";
import {
  indexedRuns,
  pollUntil,
  readGate,
  release,
  requestRun,
  saveHoldingJob,
} from "./concurrency-support";
import { coordinatorOf, readState, rewindCursors, scheduledRuns } from "./support";

describe("job concurrency", () => {
  it("skip: refuses a start while the limit is reached, and accepts one once a run ended", async () => {
    const job = await saveHoldingJob("skip", { concurrency: { limit: 1, overlap: "skip" } });
    const first = await requestRun(job);
    expect(first.status).toBe(201);
    const second = await requestRun(job);
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain("concurrency limit 1, overlap skip");

    await release(first.body.id);
    await pollUntil(
      () => readGate(job),
      (gate) => gate.active.length === 0,
      "slot freed",
    );
    const third = await requestRun(job);
    expect(third.status).toBe(201);
    expect((await readGate(job)).active).toEqual([third.body.id]);
  });

  it("allow: starts beyond the limit", async () => {
    const job = await saveHoldingJob("allow", { concurrency: { limit: 1, overlap: "allow" } });
    const first = await requestRun(job);
    const second = await requestRun(job);
    expect([first.status, second.status]).toEqual([201, 201]);
    await waitForRun(first.body.id, ["waiting"]);
    await waitForRun(second.body.id, ["waiting"]);
    expect((await readGate(job)).active).toEqual([first.body.id, second.body.id]);
  });

  it("cancel_previous: cancels the oldest run and starts the new one", async () => {
    const job = await saveHoldingJob("cancel", {
      concurrency: { limit: 1, overlap: "cancel_previous" },
    });
    const first = await requestRun(job);
    await waitForRun(first.body.id, ["waiting"]);
    const second = await requestRun(job);
    expect(second.status).toBe(201);
    expect((await waitForRun(first.body.id)).status).toBe("cancelled");
    await waitForRun(second.body.id, ["waiting"]);
    expect((await readGate(job)).active).toEqual([second.body.id]);
  });

  it("queue: holds starts as queued and starts them in order as slots free, losing none", async () => {
    const job = await saveHoldingJob("queue", { concurrency: { limit: 1, overlap: "queue" } });
    const first = await requestRun(job);
    const second = await requestRun(job);
    const third = await requestRun(job);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect([second.body.status, third.body.status]).toEqual(["queued", "queued"]);
    const gate = await readGate(job);
    expect(gate.active).toEqual([first.body.id]);
    expect(gate.queue.map((entry) => entry.run_id)).toEqual([second.body.id, third.body.id]);

    // Listed while held, with no run object yet.
    const listed = await call(`/runs?job=${job}&status=queued`);
    const items = (await listed.json<{ items: { id: string }[] }>()).items.map((run) => run.id);
    expect(items).toEqual(expect.arrayContaining([second.body.id, third.body.id]));
    const held = await call(`/runs/${third.body.id}`);
    expect(held.status).toBe(200);
    expect(await held.json()).toMatchObject({ status: "queued" });

    await waitForRun(first.body.id, ["waiting"]);
    await release(first.body.id);
    await waitForRun(second.body.id, ["waiting"]);
    expect((await readGate(job)).queue.map((entry) => entry.run_id)).toEqual([third.body.id]);

    await release(second.body.id);
    await waitForRun(third.body.id, ["waiting"]);
    await release(third.body.id);
    for (const run of [first, second, third]) await waitForRun(run.body.id, ["succeeded"]);

    const rows = await pollUntil(
      () => indexedRuns(job),
      (all) => all.every((row) => row.status === "succeeded"),
      "index",
    );
    expect(rows.map((row) => row.id)).toEqual([first.body.id, second.body.id, third.body.id]);
    const starts = rows.map((row) => row.started_at ?? 0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(await readGate(job)).toMatchObject({ active: [], queue: [] });
  });

  it("queue: a repeated idempotency key reaches the queued run", async () => {
    const job = await saveHoldingJob("queue-key", { concurrency: { limit: 1 } });
    const first = await requestRun(job);
    const queued = await requestRun(job, { idempotency_key: "k-1" });
    const again = await requestRun(job, { idempotency_key: "k-1" });
    expect([queued.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(queued.body);
    const other = await requestRun(job, { idempotency_key: "k-1", params: { other: true } });
    expect(other.status).toBe(409);
    expect((await readGate(job)).queue).toHaveLength(1);

    await waitForRun(first.body.id, ["waiting"]);
    await release(first.body.id);
    await waitForRun(queued.body.id, ["waiting"]);
    const started = await requestRun(job, { idempotency_key: "k-1" });
    expect(started.status).toBe(200);
    expect(started.body.id).toBe(queued.body.id);
    expect((await readGate(job)).queue).toHaveLength(0);
  });

  it("queue: held starts survive the coordinator's eviction, and a repeated end notice starts no extra run", async () => {
    const job = await saveHoldingJob("queue-crash", { concurrency: { limit: 1 } });
    const first = await requestRun(job);
    const second = await requestRun(job);
    const third = await requestRun(job);
    await evictDurableObject(coordinatorOf(job));
    expect((await readGate(job)).queue.map((entry) => entry.run_id)).toEqual([
      second.body.id,
      third.body.id,
    ]);

    await waitForRun(first.body.id, ["waiting"]);
    await release(first.body.id);
    await waitForRun(second.body.id, ["waiting"]);
    await coordinatorClient(env as unknown as Env, job).runEnded({
      run_id: first.body.id,
      job,
      version: 1,
      status: "succeeded",
      trigger: "api",
      finished_at: Date.now(),
    });
    expect(await readGate(job)).toMatchObject({
      active: [second.body.id],
      queue: [{ run_id: third.body.id }],
    });
  });

  it("queue: a held start can be cancelled; the next one takes the slot", async () => {
    const job = await saveHoldingJob("queue-cancel", { concurrency: { limit: 1 } });
    const first = await requestRun(job);
    const second = await requestRun(job);
    const third = await requestRun(job);
    const client = coordinatorClient(env as unknown as Env, job);
    expect(await client.cancelQueued(second.body.id)).toBe(true);
    expect(await client.cancelQueued(second.body.id)).toBe(false);
    expect((await indexedRuns(job)).find((row) => row.id === second.body.id)?.status).toBe(
      "cancelled",
    );

    await waitForRun(first.body.id, ["waiting"]);
    await release(first.body.id);
    await waitForRun(third.body.id, ["waiting"]);
    const cancelled = await call(`/runs/${second.body.id}`);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", started_at: null });
  });

  it("queue: a run_job child held in the queue still reports to its parent", async () => {
    const child = await saveHoldingJob("child-held", { concurrency: { limit: 1 } });
    const held = await requestRun(child);
    const parent = await call("/jobs", {
      body: { name: `parent-of-${child}`, steps: [{ id: "sub", type: "run_job", job: child }] },
    });
    expect(parent.status, await parent.clone().text()).toBe(201);
    const parentRun = await requestRun(`parent-of-${child}`);
    const [queued] = (
      await pollUntil(
        () => readGate(child),
        (gate) => gate.queue.length === 1,
        "child queued",
      )
    ).queue;
    expect(queued?.parent).toMatchObject({ run_id: parentRun.body.id, instance: "sub" });

    await waitForRun(held.body.id, ["waiting"]);
    await release(held.body.id);
    await waitForRun(queued?.run_id ?? "", ["waiting"]);
    await release(queued?.run_id ?? "");
    expect((await waitForRun(parentRun.body.id)).status).toBe("succeeded");
  });

  it("skip: a scheduled fire while the limit is reached is recorded as skipped", async () => {
    const job = await saveHoldingJob("sched-skip", {
      schedule: { cron: "0 0 1 1 *" },
      concurrency: { limit: 1, overlap: "skip" },
    });
    const held = await requestRun(job);
    expect(held.status).toBe(201);
    await rewindCursors(job, Date.parse("2025-06-01T00:00:00Z"));
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    expect(await scheduledRuns(job)).toEqual([]);
    expect((await readState(job))?.last_error).toMatch(
      /^2026-01-01T00:00:00.000Z: job .* already has 1 run\(s\) in progress/,
    );
  });

  it("queue: a scheduled fire while the limit is reached waits in the queue", async () => {
    const job = await saveHoldingJob("sched-queue", {
      schedule: { cron: "0 0 1 1 *" },
      concurrency: { limit: 1, overlap: "queue" },
    });
    const held = await requestRun(job);
    await rewindCursors(job, Date.parse("2025-06-01T00:00:00Z"));
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    const [queued] = (await readGate(job)).queue;
    expect(queued).toMatchObject({ trigger: "schedule" });
    await waitForRun(held.body.id, ["waiting"]);
    await release(held.body.id);
    await waitForRun(queued?.run_id ?? "", ["waiting"]);
    expect(await scheduledRuns(job)).toEqual([queued?.run_id]);
  });
});

describe("decideAdmission", () => {
  it("starts below the limit, and applies the overlap policy at it", () => {
    const at = (
      overlap: "skip" | "queue" | "allow" | "cancel_previous",
      active: number,
      queued = 0,
    ) => decideAdmission({ limit: 2, overlap }, active, queued);
    expect(at("skip", 1)).toBe("start");
    expect(at("skip", 2)).toBe("refuse");
    expect(at("queue", 2)).toBe("queue");
    // A start behind waiting ones waits too, so the queue keeps its order.
    expect(at("queue", 1, 1)).toBe("queue");
    expect(at("allow", 5)).toBe("start");
    expect(at("cancel_previous", 2)).toBe("cancel_oldest");
  });
});

describe("hasConcurrency", () => {
  it("says of a compiled job what the gate reads from its stored source", () => {
    const sources = [
      { name: "none", steps: [{ id: "done", type: "succeed" }] },
      { name: "defaults", concurrency: {}, steps: [{ id: "done", type: "succeed" }] },
      {
        name: "allow",
        concurrency: { limit: 3, overlap: "allow" },
        steps: [{ id: "done", type: "succeed" }],
      },
    ];
    const answers = sources.map((source) => {
      const compiled = compileJob(source, { actions: new Map(), handlers: new Set() });
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
      return [hasConcurrency(compiled.job), readConcurrency(source) !== null];
    });
    expect(answers).toEqual([
      [false, false],
      [true, true],
      [true, true],
    ]);
  });
});

describe("goesThroughGate", () => {
  const limited = { concurrency: { limit: 1, overlap: "queue" as const } };

  it("is a saved version of a job with concurrency, never an inline definition", () => {
    expect(goesThroughGate(3, limited)).toBe(true);
    expect(goesThroughGate(3, {})).toBe(false);
    // POST /runs compiles the definition as version 0: no coordinator admits it, so the run
    // object may not wait for one (its first move, its departure hold) either.
    expect(goesThroughGate(0, limited)).toBe(false);
  });
});
