import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { describeQueuedRun } from "../../src/clients/queued-runs";
import { getDb } from "../../src/db/client";
import { listRuns } from "../../src/db/queries/runs";
import { defaultRetentionMs } from "../../src/definition/retention";
import type { Env } from "../../src/env";
import { sweepExpiredQueuedRuns } from "../../src/schedule/expiry";
import { createJob, startRun, uniqueJobName, waitForRun } from "../engine/runs";
import { pollUntil } from "../schedule/concurrency-support";
import { call, db, readProblem } from "./api-client";

const workerEnv = env as unknown as Env;
const MINUTE = 60_000;

/** A job of one long wait, one run at a time, and its first run (waiting): later starts queue. */
async function occupiedJob(
  prefix: string,
  fields: Record<string, unknown> = {},
): Promise<{ job: string; first: string }> {
  const job = await createJob({
    name: uniqueJobName(prefix),
    concurrency: { limit: 1, overlap: "queue" },
    steps: [{ id: "nap", type: "wait", duration: "1h" }],
    ...fields,
  });
  const first = await startRun(job);
  await waitForRun(first, ["waiting"]);
  return { job, first };
}

describe("runs held by a job's concurrency queue", () => {
  it("can be read and cancelled before they have a run object", async () => {
    const { job, first } = await occupiedJob("held");
    const queued = await call(`/jobs/${job}/runs`, { body: { params: { n: 2 } } });
    expect(queued.status).toBe(201);
    const { id, status } = await queued.json<{ id: string; status: string }>();
    expect(status).toBe("queued");

    const read = await call(`/runs/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, job, status: "queued", params: { n: 2 } });

    // A held start takes no other control.
    const paused = await call(`/runs/${id}/pause`, { method: "POST" });
    expect(paused.status).toBe(409);
    expect((await readProblem(paused)).detail).toContain("can only be cancelled");

    const cancelled = await call(`/runs/${id}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: "cancelled" });
    const listed = await (await call(`/runs?job=${job}`)).json<{
      items: { id: string; status: string }[];
    }>();
    expect(listed.items.find((item) => item.id === id)?.status).toBe("cancelled");

    // Still readable once cancelled (its params went with the start), and cancelled once only.
    const after = await call(`/runs/${id}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({
      id,
      job,
      status: "cancelled",
      started_at: null,
      finished_at: expect.any(String),
    });
    const again = await call(`/runs/${id}/cancel`, { method: "POST" });
    expect(again.status).toBe(409);
    expect((await readProblem(again)).detail).toBe("run is cancelled");
    expect((await call(`/runs/${id}/steps`)).status).toBe(404);
    await call(`/runs/${first}/cancel`, { method: "POST" });
  });

  it("shows a held start whose job was deleted before its turn as failed", async () => {
    const { job, first } = await occupiedJob("held-gone");
    const id = await startRun(job);
    expect((await call(`/jobs/${job}`, { method: "DELETE" })).status).toBe(204);
    await call(`/runs/${first}/cancel`, { method: "POST" });
    const failed = await pollUntil(
      async () => (await call(`/runs/${id}`)).json<{ status: string }>(),
      (run) => run.status !== "queued",
      "held start ended",
    );
    expect(failed).toMatchObject({
      status: "failed",
      started_at: null,
      error: { type: "failed", message: "the queued start could not begin" },
    });
    // Its version is gone with the job, so RUN_RETENTION (else 30 days) sets its expiry.
    const { finished_at, expires_at } = failed as unknown as RunTimes;
    expect(Date.parse(expires_at)).toBe(Date.parse(finished_at) + defaultRetentionMs(workerEnv));
  });

  it("expires a start cancelled in the queue after its job's retention", async () => {
    const { job, first } = await occupiedJob("held-expiry", { retention: "1m" });
    const queued = await call(`/jobs/${job}/runs`, { body: { tags: { team: "ops" } } });
    const { id } = await queued.json<{ id: string }>();
    expect((await call(`/runs/${id}/cancel`, { method: "POST" })).status).toBe(200);

    const ended = await (await call(`/runs/${id}`)).json<RunTimes>();
    const expiry = Date.parse(ended.finished_at) + MINUTE;
    expect(Date.parse(ended.expires_at)).toBe(expiry);

    // Before its expiry it is kept, read and listed; at it, gone for readers though not swept.
    expect(await sweepExpiredQueuedRuns(workerEnv, expiry - 1)).toBe(0);
    expect(await describeQueuedRun(workerEnv, id, expiry - 1)).not.toBeNull();
    expect(await listedIds(job, expiry - 1)).toContain(id);
    expect(await describeQueuedRun(workerEnv, id, expiry)).toBeNull();
    expect(await listedIds(job, expiry)).not.toContain(id);
    expect(await indexRowsOf(id)).toEqual({ runs: 1, tags: 1 });

    expect(await sweepExpiredQueuedRuns(workerEnv, expiry)).toBeGreaterThanOrEqual(1);
    expect(await indexRowsOf(id)).toEqual({ runs: 0, tags: 0 });
    expect((await call(`/runs/${id}`)).status).toBe(404);
    expect(await listedIds(job)).not.toContain(id);
    await call(`/runs/${first}/cancel`, { method: "POST" });
  });

  it("never sweeps a start still held, nor a run with a run object", async () => {
    const { job, first } = await occupiedJob("held-kept", { retention: "1m" });
    const held = await startRun(job, { tags: { team: "ops" } });
    const finished = await createJob({
      name: uniqueJobName("object-kept"),
      retention: "1m",
      steps: [{ id: "done", type: "succeed" }],
    });
    const done = await startRun(finished);
    await waitForRun(done, ["succeeded"]);

    await sweepExpiredQueuedRuns(workerEnv, Date.now() + 365 * 24 * 60 * MINUTE);
    for (const id of [first, held, done]) expect((await indexRowsOf(id)).runs).toBe(1);
    expect((await indexRowsOf(held)).tags).toBe(1);
    expect(await (await call(`/runs/${held}`)).json()).toMatchObject({ status: "queued" });
    await call(`/runs/${held}/cancel`, { method: "POST" });
    await call(`/runs/${first}/cancel`, { method: "POST" });
  });

  it("answers 404 for a run id nobody knows", async () => {
    expect((await call("/runs/0123456789abcdef0123456789abcdef")).status).toBe(404);
    const cancel = await call("/runs/0123456789abcdef0123456789abcdef/cancel", { method: "POST" });
    expect(cancel.status).toBe(404);
  });
});

interface RunTimes {
  finished_at: string;
  expires_at: string;
}

/** The ids `GET /runs` would list for `job` at `now`. */
async function listedIds(job: string, now?: number): Promise<string[]> {
  const page = await listRuns(getDb(db), { job, limit: 100, now });
  return (page?.items ?? []).map((run) => run.id);
}

/** How many D1 index rows the run has left: its `runs` row and its `run_tags` rows. */
async function indexRowsOf(id: string): Promise<{ runs: number; tags: number }> {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM runs WHERE id = ?1) AS runs,
              (SELECT count(*) FROM run_tags WHERE run_id = ?1) AS tags`,
    )
    .bind(id)
    .first<{ runs: number; tags: number }>();
  return { runs: row?.runs ?? -1, tags: row?.tags ?? -1 };
}
