import { describe, expect, it } from "vitest";
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
    expect((await call(`/runs/${third.body.id}`)).status).toBe(404);

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
    expect((await readGate(job)).queue).toHaveLength(1);

    await waitForRun(first.body.id, ["waiting"]);
    await release(first.body.id);
    await waitForRun(queued.body.id, ["waiting"]);
    const started = await requestRun(job, { idempotency_key: "k-1" });
    expect(started.status).toBe(200);
    expect(started.body.id).toBe(queued.body.id);
    expect((await readGate(job)).queue).toHaveLength(0);
  });
});
