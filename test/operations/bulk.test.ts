/**
 * Bulk operations over the run index: thousands of runs cancelled and deleted by one
 * request each (with a crash of every object in the middle), failed runs retried with a
 * corrected parameter, and bad requests refused with nothing started.
 */
import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OperationView } from "../../src/clients/operation";
import type { Env } from "../../src/env";
import { call, db, readProblem } from "../api/api-client";
import { createJob, getRun, startRun, uniqueJobName, waitForRun } from "../engine/runs";

const operations = (env as unknown as Env).OPERATIONS;
const operationStub = (id: string) => operations.get(operations.idFromName(id));

/** Runs that wait for an event nobody sends: cheap, and cancellable until someone does. */
async function waitingJob(): Promise<string> {
  return createJob({
    name: uniqueJobName("bulk"),
    params: { type: "object", properties: { order: { type: "string" } } },
    steps: [{ id: "hold", type: "wait_for_event", event: "go" }],
  });
}

async function startMany(job: string, count: number, tags: Record<string, string>) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const chunk = Array.from({ length: Math.min(50, count - i) }, () => startRun(job, { tags }));
    ids.push(...(await Promise.all(chunk)));
  }
  return ids;
}

async function startOperation(body: unknown): Promise<OperationView> {
  const response = await call("/operations", { body });
  expect(response.status, await response.clone().text()).toBe(202);
  const view = await response.json<OperationView>();
  expect(response.headers.get("Location")).toBe(`/operations/${view.id}`);
  return view;
}

async function readOperation(id: string): Promise<OperationView> {
  const response = await call(`/operations/${id}`);
  expect(response.status).toBe(200);
  return response.json<OperationView>();
}

/** Polls until `predicate` holds for the operation (its alarms run on their own). */
async function waitForOperation(
  id: string,
  predicate: (view: OperationView) => boolean = (view) => view.status === "done",
  timeoutMs = 90_000,
): Promise<OperationView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await readOperation(id);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`operation stuck: ${JSON.stringify(view)}`);
    await scheduler.wait(50);
  }
}

async function countTagged(key: string, value: string, status?: string): Promise<number> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS n FROM run_tags t JOIN runs r ON r.id = t.run_id
       WHERE t.key = ? AND t.value = ? AND (?3 IS NULL OR r.status = ?3)`,
    )
    .bind(key, value, status ?? null)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Index rows (and tags) of `count` cancelled queued starts, as their job's coordinator leaves them. */
async function seedEndedStarts(count: number, batch: string): Promise<string[]> {
  const now = Date.now();
  const ids = Array.from({ length: count }, () => crypto.randomUUID().replaceAll("-", ""));
  for (let i = 0; i < count; i += 200) {
    const statements = ids.slice(i, i + 200).flatMap((id, j) => [
      db
        .prepare(
          `INSERT INTO runs (id, job, version, status, trigger, seq, created_at, finished_at)
           VALUES (?, 'seeded', 1, 'cancelled', 'api', 0, ?, ?)`,
        )
        .bind(id, now - count + i + j, now),
      db
        .prepare("INSERT INTO run_tags (run_id, key, value, created_at) VALUES (?, 'batch', ?, ?)")
        .bind(id, batch, now - count + i + j),
    ]);
    await db.batch(statements);
  }
  return ids;
}

describe("bulk operations", () => {
  it("cancels runs by tag through a crash of every object, then deletes them", async () => {
    const job = await waitingJob();
    const batch = crypto.randomUUID();
    const waiting = await startMany(job, 200, { batch });
    const finished = await startRun(
      await createJob({ name: uniqueJobName("bulk-done"), steps: [{ id: "a", type: "pass" }] }),
      { tags: { batch } },
    );
    await waitForRun(finished);
    for (const id of waiting) await waitForRun(id, ["waiting"]);

    const started = await startOperation({ action: "cancel", filter: { tags: { batch } } });
    expect(started).toMatchObject({ action: "cancel", status: "running", matched: 201 });

    // Every object dies in the middle of the operation; its next alarm picks the page up again.
    await waitForOperation(started.id, (view) => view.done >= 50);
    await abortAllDurableObjects();
    await runDurableObjectAlarm(operationStub(started.id));
    const cancelled = await waitForOperation(started.id);

    expect(cancelled.matched).toBe(201);
    expect(cancelled.done + cancelled.failed).toBe(201);
    expect(cancelled.failures).toContainEqual({ run_id: finished, reason: "run is succeeded" });
    // A run whose cancel was in flight at the crash is cancelled again: counted failed, not lost.
    const others = cancelled.failures.filter((failure) => failure.run_id !== finished);
    expect(others.length).toBeLessThanOrEqual(5);
    for (const failure of others) expect(failure.reason).toBe("run is cancelled");
    expect(await countTagged("batch", batch, "cancelled")).toBe(200);
    expect((await getRun(waiting[123] ?? "")).status).toBe("cancelled");

    const deleted = await waitForOperation(
      (await startOperation({ action: "delete", filter: { tags: { batch } } })).id,
    );
    expect(deleted).toMatchObject({ matched: 201, done: 201, failed: 0, failures: [] });
    expect(await countTagged("batch", batch)).toBe(0);
    expect((await call(`/runs/${waiting[42]}`)).status).toBe(404);
  }, 180_000);

  it("works through 2,000 matching runs over many invocations, resuming after a crash", async () => {
    // Index rows of starts that ended in their job's queue (no run object), seeded directly:
    // thousands of real run objects would make this test minutes long.
    const batch = crypto.randomUUID();
    const ids = await seedEndedStarts(2000, batch);
    const started = await startOperation({ action: "delete", filter: { tags: { batch } } });
    expect(started.matched).toBe(2000);
    await waitForOperation(started.id, (view) => view.done >= 500);
    await abortAllDurableObjects();
    await runDurableObjectAlarm(operationStub(started.id));
    const done = await waitForOperation(started.id);
    expect(done).toMatchObject({ status: "done", matched: 2000, done: 2000, failed: 0 });
    expect(await countTagged("batch", batch)).toBe(0);
    const left = await db
      .prepare(
        `SELECT COUNT(*) AS n FROM runs WHERE id IN (${ids
          .slice(0, 50)
          .map(() => "?")
          .join(",")})`,
      )
      .bind(...ids.slice(0, 50))
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  }, 180_000);

  it("retries one customer's failed runs with a corrected parameter", async () => {
    const job = await createJob({
      name: uniqueJobName("bulk-retry"),
      params: { type: "object", required: ["order"], properties: { order: { type: "string" } } },
      steps: [
        {
          id: "check",
          type: "choice",
          conditions: [{ if: "params.order == 'bad'", next: "broken" }, { default: "ok" }],
        },
        { id: "broken", type: "fail", error: "bad_order" },
        { id: "ok", type: "succeed", output: "{{ params.order }} for {{ params.customer }}" },
      ],
    });
    const customer = crypto.randomUUID();
    const failed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await startRun(job, { params: { order: "bad", customer }, tags: { customer } });
      expect((await waitForRun(id)).status).toBe("failed");
      failed.push(id);
    }
    const stillWaiting = await startRun(await waitingJob(), { tags: { customer } });
    await waitForRun(stillWaiting, ["waiting"]);

    // A correction the job's schema refuses fails every run, each with the field named.
    const refused = await waitForOperation(
      (
        await startOperation({
          action: "retry",
          filter: { tags: { customer }, status: "failed" },
          set_params: { order: 5 },
        })
      ).id,
    );
    expect(refused).toMatchObject({ matched: 5, done: 0, failed: 5 });
    for (const failure of refused.failures) expect(failure.reason).toMatch(/^params\.order: /);

    const retried = await waitForOperation(
      (
        await startOperation({
          action: "retry",
          filter: { tags: { customer } },
          from: "check",
          set_params: { order: "good" },
        })
      ).id,
    );
    expect(retried).toMatchObject({
      matched: 6,
      done: 5,
      failed: 1,
      failures: [{ run_id: stillWaiting, reason: "run is waiting" }],
    });
    for (const id of failed) {
      expect(await waitForRun(id)).toMatchObject({
        status: "succeeded",
        output: `good for ${customer}`,
        params: { order: "good", customer },
      });
    }
  }, 60_000);

  it("refuses an empty or malformed request with a 400 naming the field, starting nothing", async () => {
    const job = await waitingJob();
    const id = await startRun(job, { tags: { probe: "bad-requests" } });
    await waitForRun(id, ["waiting"]);
    const tooManyTags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]));
    const cases: [unknown, string[]][] = [
      [{ action: "cancel", filter: {} }, ["filter"]],
      [{ action: "cancel" }, ["filter"]],
      [{ action: "archive", filter: { job } }, ["action"]],
      [{ action: "cancel", filter: { job, customer: "1" } }, ["filter.customer"]],
      [{ action: "cancel", filter: { status: "exploded" } }, ["filter.status"]],
      [{ action: "cancel", filter: { ids: ["not-a-run"] } }, ["filter.ids.0"]],
      [{ action: "cancel", filter: { tags: tooManyTags } }, ["filter.tags"]],
      [{ action: "cancel", filter: { created_after: "last night" } }, ["filter.created_after"]],
      [{ action: "cancel", filter: { job }, set_params: { order: "x" } }, ["set_params"]],
      [{ action: "delete", filter: { job }, from: "hold" }, ["from"]],
    ];
    for (const [body, paths] of cases) {
      const problem = await readProblem(await call("/operations", { body }));
      expect(problem.status, JSON.stringify(body)).toBe(400);
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(body),
      ).toEqual(paths);
    }
    expect((await getRun(id)).status).toBe("waiting");
    expect((await call(`/operations/${"0".repeat(32)}`)).status).toBe(404);
    expect((await call("/operations/nope")).status).toBe(404);
  });
});
