/**
 * Retention: a finished run's object deletes itself (storage, alarm) and its index row when
 * its job's `retention` (else RUN_RETENTION, else 30 days) has passed. Time is moved by
 * rewriting the run's `finished_at` in its own storage (then evicting the object so no
 * cached row survives), and the expiry alarm is fired with `runDurableObjectAlarm`.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { removeFromIndex } from "../../src/engine/retention";
import type { Env } from "../../src/env";
import { call, db, readProblem } from "../api/api-client";
import { createJob, getRun, runs, uniqueJobName, waitForRun } from "./runs";

const DAY = 24 * 60 * 60 * 1000;
const stubOf = (id: string) => runs.get(runs.idFromName(id));

async function finishedRun(fields: Record<string, unknown>, body: Record<string, unknown> = {}) {
  const name = await createJob({
    name: uniqueJobName("retention"),
    steps: [{ id: "done", type: "succeed", output: "ok" }],
    ...fields,
  });
  const response = await call(`/jobs/${name}/runs`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  const { id } = await response.json<{ id: string }>();
  return { name, id, run: await waitForRun(id) };
}

/** Pretends the run ended `ms` earlier than it did. */
async function ageRun(id: string, ms: number): Promise<void> {
  await runInDurableObject(stubOf(id), (_instance, state) => {
    state.storage.sql.exec("UPDATE cairn_run SET finished_at = finished_at - ?", ms);
  });
  await evictDurableObject(stubOf(id));
}

function readAlarm(id: string): Promise<number | null> {
  return runInDurableObject(stubOf(id), (_instance, state) => state.storage.getAlarm());
}

function storedTables(id: string): Promise<string[]> {
  return runInDurableObject(stubOf(id), (_instance, state) =>
    state.storage.sql
      .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cairn_%'")
      .toArray()
      .map((row) => String(row.name)),
  );
}

async function indexRows(id: string): Promise<{ runs: number; tags: number }> {
  const count = (table: string, column: string) =>
    db
      .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`)
      .bind(id)
      .first<{ n: number }>()
      .then((row) => row?.n ?? 0);
  return { runs: await count("runs", "id"), tags: await count("run_tags", "run_id") };
}

async function expectGone(id: string): Promise<void> {
  expect((await call(`/runs/${id}`)).status).toBe(404);
  expect(await indexRows(id)).toEqual({ runs: 0, tags: 0 });
  expect(await storedTables(id)).toEqual([]);
  expect(await readAlarm(id)).toBeNull();
}

describe("retention", () => {
  it("shows expires_at on a finished run, its job's retention after it ended, with the alarm set then", async () => {
    const { id, run } = await finishedRun({ retention: "2d" });
    expect(run.expires_at).toBe(
      new Date(Date.parse(run.finished_at ?? "") + 2 * DAY).toISOString(),
    );
    expect(await readAlarm(id)).toBe(Date.parse(run.expires_at ?? ""));
  });

  it("keeps runs 30 days when neither the job nor RUN_RETENTION says", async () => {
    const { run } = await finishedRun({});
    expect(Date.parse(run.expires_at ?? "") - Date.parse(run.finished_at ?? "")).toBe(30 * DAY);
  });

  it("does nothing before the run expires", async () => {
    const { id } = await finishedRun({ retention: "2d" });
    await ageRun(id, DAY);
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
    expect((await getRun(id)).status).toBe("succeeded");
    expect((await indexRows(id)).runs).toBe(1);
  });

  it("deletes an expired run's storage, alarm, index row and tags", async () => {
    const { id } = await finishedRun({ retention: "1d" }, { tags: { customer: "expiring" } });
    expect(await indexRows(id)).toEqual({ runs: 1, tags: 1 });
    await ageRun(id, 2 * DAY);
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
    await expectGone(id);
    const listed = await (await call("/runs?tag=customer:expiring")).json<{ items: unknown[] }>();
    expect(listed.items).toEqual([]);
  });

  it("finishes an expiry that crashed after the index row went", async () => {
    const { id } = await finishedRun({ retention: "1d" }, { tags: { customer: "half-way" } });
    await ageRun(id, 2 * DAY);
    // The first half of the expiry, as the alarm does it, then the object dies.
    await runInDurableObject(stubOf(id), async (_instance, state) => {
      await state.storage.setAlarm(Date.now() + 60_000);
      await removeFromIndex(env as unknown as Env, id);
    });
    await evictDurableObject(stubOf(id));
    expect(await indexRows(id)).toEqual({ runs: 0, tags: 0 });
    expect(await storedTables(id)).not.toEqual([]);
    expect(await readAlarm(id)).not.toBeNull();

    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
    await expectGone(id);
    // Idempotent: nothing is left to fire, and nothing breaks when asked again.
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(false);
  });

  it("frees an expired run's idempotency key: the same key starts a new run", async () => {
    const first = await finishedRun({ retention: "1d" }, { idempotency_key: "k-1" });
    const { name, id } = first;
    await ageRun(id, 2 * DAY);
    await runDurableObjectAlarm(stubOf(id));
    const again = await call(`/jobs/${name}/runs`, { body: { idempotency_key: "k-1" } });
    expect(again.status).toBe(201);
    const restarted = await again.json<{ id: string }>();
    expect(restarted.id).toBe(id);
    const run = await waitForRun(id);
    expect(Date.parse(run.created_at)).toBeGreaterThan(Date.parse(first.run.created_at));
  });

  it("refuses a retention that is not a duration of at least a minute", async () => {
    for (const retention of ["forever", "10s", -5]) {
      const response = await call("/jobs", {
        body: {
          name: uniqueJobName("bad-retention"),
          retention,
          steps: [{ id: "a", type: "pass" }],
        },
      });
      const problem = await readProblem(response);
      expect(problem.status, String(retention)).toBe(400);
      expect(problem.errors.map((e) => e.path)).toEqual(["retention"]);
    }
  });
});
