import { describe, expect, it } from "vitest";
import { createJob, startRun, uniqueJobName, waitForRun } from "../engine/runs";
import { call } from "./api-client";

describe("runs held by a job's concurrency queue", () => {
  it("can be read and cancelled before they have a run object", async () => {
    const job = await createJob({
      name: uniqueJobName("held"),
      concurrency: { limit: 1, overlap: "queue" },
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const first = await startRun(job);
    await waitForRun(first, ["waiting"]);
    const queued = await call(`/jobs/${job}/runs`, { body: { params: { n: 2 } } });
    expect(queued.status).toBe(201);
    const { id, status } = await queued.json<{ id: string; status: string }>();
    expect(status).toBe("queued");

    const read = await call(`/runs/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, job, status: "queued", params: { n: 2 } });

    const cancelled = await call(`/runs/${id}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: "cancelled" });
    const listed = await (await call(`/runs?job=${job}`)).json<{
      items: { id: string; status: string }[];
    }>();
    expect(listed.items.find((item) => item.id === id)?.status).toBe("cancelled");
    await call(`/runs/${first}/cancel`, { method: "POST" });
  });
});
