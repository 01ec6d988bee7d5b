import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { QUEUED_RUN_EXPIRY_BATCH, sweepExpiredQueuedRuns } from "../../src/schedule/expiry";
import { call, db } from "../api/api-client";
import { uniqueName } from "./support";

/** Delivers the minute Cron Trigger, as the runtime would, and waits for its work. */
async function deliverCronTrigger(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }),
    env as unknown as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

/** An index row as `endQueuedRun` leaves it: ended in the queue, seq 0, with an expiry. */
async function indexEndedInQueue(id: string, expiresAt: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO runs (id, job, version, status, trigger, seq, created_at, finished_at, expires_at)
         VALUES (?, ?, 1, 'cancelled', 'api', 0, ?, ?, ?)`,
      )
      .bind(id, uniqueName("swept"), expiresAt - 2, expiresAt - 1, expiresAt),
    db
      .prepare("INSERT INTO run_tags (run_id, key, value, created_at) VALUES (?, 'team', 'ops', ?)")
      .bind(id, expiresAt - 2),
  ]);
}

async function countIndexRows(id: string): Promise<number> {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM runs WHERE id = ?1) + (SELECT count(*) FROM run_tags WHERE run_id = ?1) AS n`,
    )
    .bind(id)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function countJobRows(job: string): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM runs WHERE job = ?")
    .bind(job)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function queryPlan(query: string, ...params: unknown[]): Promise<string> {
  const { results } = await db
    .prepare(`EXPLAIN QUERY PLAN ${query}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail).join("\n");
}

describe("the minute sweep of runs that ended in their job's queue", () => {
  it("deletes an expired row and its tags on the Cron Trigger", async () => {
    const expired = uniqueName("expired").padEnd(32, "0");
    const kept = uniqueName("kept").padEnd(32, "0");
    await indexEndedInQueue(expired, Date.now() - 1);
    await indexEndedInQueue(kept, Date.now() + 3_600_000);
    await deliverCronTrigger();
    expect(await countIndexRows(expired)).toBe(0);
    expect(await countIndexRows(kept)).toBe(2);
  });

  it("deletes a bounded batch per tick, the rest on the next", async () => {
    const prefix = uniqueName("backlog");
    const expiresAt = Date.now() - 1;
    const ids = Array.from({ length: QUEUED_RUN_EXPIRY_BATCH + 1 }, (_, n) => `${prefix}-${n}`);
    await db.batch(
      ids.map((id) =>
        db
          .prepare(
            `INSERT INTO runs (id, job, version, status, trigger, seq, created_at, finished_at, expires_at)
             VALUES (?, ?, 1, 'cancelled', 'api', 0, ?, ?, ?)`,
          )
          .bind(id, prefix, expiresAt - 2, expiresAt - 1, expiresAt),
      ),
    );
    const workerEnv = env as unknown as Env;
    expect(await sweepExpiredQueuedRuns(workerEnv, expiresAt)).toBe(QUEUED_RUN_EXPIRY_BATCH);
    expect(await countJobRows(prefix)).toBe(1);
    await sweepExpiredQueuedRuns(workerEnv, expiresAt);
    expect(await countJobRows(prefix)).toBe(0);
  });

  it("leaves an expired row out of a bulk operation's count, as the listing does", async () => {
    const id = uniqueName("uncounted").padEnd(32, "0");
    await indexEndedInQueue(id, Date.now() - 1);
    const { job } = (await db.prepare("SELECT job FROM runs WHERE id = ?").bind(id).first<{
      job: string;
    }>()) ?? { job: "" };
    const listed = await call(`/runs?job=${job}`);
    expect((await listed.json<{ items: unknown[] }>()).items).toEqual([]);
    // Before: the listing hid the row but the count saw it, so the operation said it matched a
    // run it would never reach.
    const started = await call("/operations", { body: { action: "delete", filter: { job } } });
    expect(started.status, await started.clone().text()).toBe(202);
    expect((await started.json<{ matched: number }>()).matched).toBe(0);
  });

  it("finds expired rows through runs_by_expiry, not by scanning the table", async () => {
    const plan = await queryPlan(
      "SELECT id FROM runs WHERE seq = 0 AND expires_at <= ? LIMIT 500",
      Date.now(),
    );
    expect(plan).toContain("USING INDEX runs_by_expiry");
  });

  it("keeps the listing's plan with the residual expiry check", async () => {
    const plan = await queryPlan(
      `SELECT id FROM runs WHERE job = ? AND (expires_at IS NULL OR expires_at > ?)
       ORDER BY created_at DESC, id DESC LIMIT 51`,
      "a-job",
      Date.now(),
    );
    expect(plan).toContain("USING INDEX runs_by_job");
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
