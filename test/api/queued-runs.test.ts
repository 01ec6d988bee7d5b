import { describe, expect, it } from "vitest";
import { createJob, startRun, uniqueJobName, waitForRun } from "../engine/runs";
import { pollUntil } from "../schedule/concurrency-support";
import { call, readProblem } from "./api-client";

/** A job of one long wait, one run at a time, and its first run (waiting): later starts queue. */
async function occupiedJob(prefix: string): Promise<{ job: string; first: string }> {
  const job = await createJob({
    name: uniqueJobName(prefix),
    concurrency: { limit: 1, overlap: "queue" },
    steps: [{ id: "nap", type: "wait", duration: "1h" }],
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
  });

  it("answers 404 for a run id nobody knows", async () => {
    expect((await call("/runs/0123456789abcdef0123456789abcdef")).status).toBe(404);
    const cancel = await call("/runs/0123456789abcdef0123456789abcdef/cancel", { method: "POST" });
    expect(cancel.status).toBe(404);
  });
});
