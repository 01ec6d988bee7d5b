import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { createJob, getRun, runs, startRun, uniqueJobName, waitForRun } from "../engine/runs";
import { target, uniquePath } from "../support/target";
import { readDelivered, subscribe, verify, waitForRequests, waitForTypes } from "./support";

interface DeliveryItem {
  id: string;
  type: string;
  run_id: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  attempt_log: { status: number | null; error: string | null }[];
}

/** A job with one HTTP task against the target and one inline step. */
async function createTaskJob(): Promise<string> {
  const path = uniquePath("work");
  return createJob({
    name: uniqueJobName("subs"),
    steps: [
      { id: "call", type: "task", http: { method: "POST", url: target.url(path), body: {} } },
      { id: "done", type: "pass" },
    ],
  });
}

async function readDeliveries(id: string): Promise<DeliveryItem[]> {
  const response = await call(`/subscriptions/${id}/deliveries`);
  expect(response.status).toBe(200);
  return (await response.json<{ items: DeliveryItem[] }>()).items;
}

/** Polls the deliveries list until `done` holds (bounded: 15 s). */
async function waitForDeliveries(
  id: string,
  done: (items: DeliveryItem[]) => boolean,
): Promise<DeliveryItem[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const items = await readDeliveries(id);
    if (done(items)) return items;
    if (Date.now() > deadline) throw new Error(`deliveries: ${JSON.stringify(items)}`);
    await scheduler.wait(50);
  }
}

/**
 * Polls until the run has handed every history event to its subscriptions (its outbox
 * cursor reached the last seq): from then on, every delivery it will cause is queued.
 */
async function waitForForwarded(runId: string): Promise<void> {
  const stub = runs.get(runs.idFromName(runId));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const caughtUp = await runInDurableObject(stub, (_run, state) => {
      const [last] = state.storage.sql.exec("SELECT MAX(seq) AS seq FROM cairn_history").toArray();
      const [cursor] = state.storage.sql.exec("SELECT forwarded_seq FROM cairn_outbox").toArray();
      return cursor !== undefined && cursor.forwarded_seq === last?.seq;
    });
    if (caughtUp) return;
    if (Date.now() > deadline) throw new Error(`run ${runId}: events not all forwarded`);
    await scheduler.wait(50);
  }
}

const RUN_LIFECYCLE = [
  "run.queued",
  "run.started",
  "step.started",
  "step.succeeded",
  "run.succeeded",
];

describe("subscription deliveries", () => {
  it("delivers a run's lifecycle, each event signed with a stable webhook-id", async () => {
    const job = await createTaskJob();
    const path = uniquePath("life");
    const subscription = await subscribe(path, { jobs: [job] });
    const runId = await startRun(job);
    expect((await waitForRun(runId)).status).toBe("succeeded");
    const requests = await waitForTypes(path, RUN_LIFECYCLE);
    const delivered = requests.map(readDelivered);
    for (const request of requests) {
      expect(await verify(request, subscription.secret)).toEqual({ ok: true });
      expect(request.headers["webhook-id"]).toMatch(new RegExp(`^${runId}:\\d+$`));
      expect(request.headers["content-type"]).toBe("application/json");
    }
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(requests.length);
    for (const event of delivered) expect(event).toMatchObject({ run_id: runId, job });
    const steps = delivered.filter((event) => event.type.startsWith("step."));
    expect(steps.every((event) => event.step_id === "call" || event.step_id === "done")).toBe(true);
    expect(delivered.find((event) => event.type === "run.succeeded")?.data).toMatchObject({
      from: "running",
      to: "succeeded",
    });
    const other = await subscribe(uniquePath("other"));
    const [first] = requests;
    if (!first) throw new Error("no request");
    expect((await verify(first, other.secret)).ok).toBe(false);
  });

  it("retries a failing subscriber with backoff and records each attempt", async () => {
    const job = await createTaskJob();
    const path = uniquePath("flaky");
    await target.program(path, [{ status: 500 }, { status: 500 }, { status: 200 }]);
    const subscription = await subscribe(path, { jobs: [job], events: ["run.succeeded"] });
    const runId = await startRun(job);
    await waitForRun(runId);
    const requests = await waitForRequests(path, (received) => received.length >= 3);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const request of requests)
      expect(await verify(request, subscription.secret)).toEqual({ ok: true });
    const [item] = await waitForDeliveries(
      subscription.id,
      ([first]) => first?.status === "delivered",
    );
    expect(item).toMatchObject({
      type: "run.succeeded",
      run_id: runId,
      status: "delivered",
      attempts: 3,
      last_status_code: 200,
      last_error: null,
      delivered_at: expect.any(String),
    });
    expect(item?.attempt_log.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(item?.attempt_log[0]?.error).toBe("HTTP 500");
  });

  it("delivers only the events and jobs a subscription selects", async () => {
    const jobA = await createTaskJob();
    const jobB = await createTaskJob();
    const runsOnly = await subscribe(uniquePath("runs"), { jobs: [jobA], events: ["run.*"] });
    const stepsOnly = await subscribe(uniquePath("steps"), {
      jobs: [jobA, jobB],
      events: ["step.succeeded"],
    });
    const runA = await startRun(jobA);
    const runB = await startRun(jobB);
    for (const id of [runA, runB]) {
      await waitForRun(id);
      await waitForForwarded(id);
    }
    const runEvents = await readDeliveries(runsOnly.id);
    expect(runEvents.map((item) => item.run_id)).toEqual(runEvents.map(() => runA));
    expect(runEvents.map((item) => item.type).sort()).toEqual([
      "run.queued",
      "run.started",
      "run.succeeded",
    ]);
    const stepEvents = await readDeliveries(stepsOnly.id);
    expect(stepEvents.every((item) => item.type === "step.succeeded")).toBe(true);
    expect(stepEvents.filter((item) => item.run_id === runA)).toHaveLength(2);
    expect(stepEvents.filter((item) => item.run_id === runB)).toHaveLength(2);
  });

  it("never holds up a run: the run ends while its subscriber holds the delivery", async () => {
    const job = await createTaskJob();
    const path = uniquePath("held");
    await target.program(path, [{ hold: true }, { status: 200 }]);
    const subscription = await subscribe(path, { jobs: [job] });
    const runId = await startRun(job);
    await target.waitForHeld(path);
    expect((await waitForRun(runId)).status).toBe("succeeded");
    expect(await target.held(path)).toBe(1);
    expect(await target.release(path)).toBe(1);
    const items = await waitForDeliveries(
      subscription.id,
      (list) =>
        list.length === RUN_LIFECYCLE.length + 2 &&
        list.every((item) => item.status === "delivered"),
    );
    expect(new Set(items.map((item) => item.type))).toEqual(new Set(RUN_LIFECYCLE));
  });

  it("announces retries and failures: step.retrying, step.failed, run.failed", async () => {
    const work = uniquePath("broken");
    await target.program(work, [{ status: 503 }]);
    const job = await createJob({
      name: uniqueJobName("subs-fail"),
      steps: [
        {
          id: "call",
          type: "task",
          http: { method: "POST", url: target.url(work), body: {} },
          retry: { max_attempts: 2, delay: "10ms" },
        },
      ],
    });
    const path = uniquePath("failures");
    await subscribe(path, { jobs: [job], events: ["step.retrying", "step.failed", "run.failed"] });
    const runId = await startRun(job);
    expect((await waitForRun(runId)).status).toBe("failed");
    const requests = await waitForTypes(path, ["step.retrying", "step.failed", "run.failed"]);
    const delivered = requests.map(readDelivered);
    expect(delivered).toHaveLength(3);
    expect(delivered.find((event) => event.type === "step.retrying")).toMatchObject({
      step_id: "call",
      data: { attempt: 1, retry_in_ms: expect.any(Number), error: { type: "http_5xx" } },
    });
    expect(delivered.find((event) => event.type === "step.failed")?.step_id).toBe("call");
  });

  it("re-forwards after a crash without duplicates, and never replays old events to new subscribers", async () => {
    const job = await createTaskJob();
    const early = await subscribe(uniquePath("early"), { jobs: [job] });
    const runId = await startRun(job);
    await waitForRun(runId);
    await waitForForwarded(runId);
    const before = await waitForDeliveries(early.id, (items) => items.length === 7);
    // As if the run crashed before handing its events on: cursor back to 0, instance gone.
    const stub = runs.get(runs.idFromName(runId));
    await runInDurableObject(stub, (_run, state) => {
      state.storage.sql.exec("UPDATE cairn_outbox SET forwarded_seq = 0");
    });
    const latePath = uniquePath("late");
    const late = await subscribe(latePath, { jobs: [job] });
    await abortAllDurableObjects();
    // The next call wakes a new instance, which catches up once it finds the run.
    await getRun(runId);
    await waitForForwarded(runId);
    const after = await readDeliveries(early.id);
    expect(after.map((item) => item.id).sort()).toEqual(before.map((item) => item.id).sort());
    expect(await readDeliveries(late.id)).toEqual([]);
    expect(await target.requests(latePath)).toHaveLength(0);
  });

  it("stops delivering once the subscription is deleted", async () => {
    const job = await createTaskJob();
    const path = uniquePath("gone");
    const subscription = await subscribe(path, { jobs: [job] });
    expect((await call(`/subscriptions/${subscription.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    const runId = await startRun(job);
    await waitForRun(runId);
    await waitForForwarded(runId);
    expect(await target.requests(path)).toHaveLength(0);
  });
});
