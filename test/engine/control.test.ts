import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, getRun, getSteps, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

const control = (id: string, verb: string) => call(`/runs/${id}/${verb}`, { method: "POST" });

async function countRuns(): Promise<number> {
  const response = await call("/runs?limit=200");
  return (await response.json<{ items: unknown[] }>()).items.length;
}

describe("pause, resume, cancel and retry", () => {
  it("holds a paused run at its next step and continues on resume", async () => {
    const name = await createJob({
      name: uniqueJobName("pause"),
      steps: [
        { id: "nap", type: "wait", duration: "300ms" },
        { id: "after", type: "pass", output: "done" },
      ],
    });
    const id = await startRun(name);
    await waitForRun(id, ["waiting"]);
    expect((await (await control(id, "pause")).json<{ status: string }>()).status).toBe("paused");
    await scheduler.wait(600);
    expect((await getRun(id)).status).toBe("paused");
    expect(stepOf(await getSteps(id), "after").status).toBe("pending");
    expect((await control(id, "resume")).status).toBe(200);
    expect((await waitForRun(id)).output).toBe("done");
  });

  it("cancels a run mid-call, aborting the call and recording nothing after it", async () => {
    const path = uniquePath("cancel");
    await target.program(path, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("cancel"),
      steps: [
        { id: "call", type: "task", http: { url: target.url(path) } },
        { id: "after", type: "pass" },
      ],
    });
    const id = await startRun(name);
    await target.waitForHeld(path);
    expect((await control(id, "cancel")).status).toBe(200);
    await target.release(path);
    const run = await waitForRun(id);
    expect(run.status).toBe("cancelled");
    const steps = await getSteps(id);
    expect(stepOf(steps, "call").status).toBe("cancelled");
    expect(stepOf(steps, "after").status).toBe("pending");
    const again = await control(id, "resume");
    expect(again.status).toBe(409);
    expect((await readProblem(again)).detail).toContain("cancelled");
  });

  it("retries a failed run from the failed step as a new execution", async () => {
    const path = uniquePath("retry");
    await target.program(path, [{ status: 500 }]);
    const name = await createJob({
      name: uniqueJobName("retry"),
      steps: [
        { id: "first", type: "pass", output: 1 },
        { id: "call", type: "task", http: { url: target.url(path) } },
        { id: "last", type: "pass", output: "{{ output.call.ok }}" },
      ],
    });
    const id = await startRun(name);
    expect((await waitForRun(id)).status).toBe("failed");
    await target.program(path, [{ status: 200, body: { ok: "yes" } }]);
    expect((await control(id, "retry")).status).toBe(200);
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: "yes", error: null });
    const keys = (await target.requests(path)).map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual([`${id}:call:1`, `${id}:call:2`]);
    expect(stepOf(await getSteps(id), "first").executions).toBe(1);
  });

  it("retries a run that timed out while paused, from the step it was about to start", async () => {
    const name = await createJob({
      name: uniqueJobName("paused-timeout"),
      timeout: "400ms",
      steps: [
        { id: "nap", type: "wait", duration: "100ms" },
        { id: "after", type: "pass", output: "{{ params.n }}" },
      ],
    });
    const id = await startRun(name, { params: { n: 5 } });
    await waitForRun(id, ["waiting"]);
    await control(id, "pause");
    const timedOut = await waitForRun(id);
    expect(timedOut).toMatchObject({ status: "timed_out" });
    expect(timedOut.failed_step).not.toBeNull();
    expect((await control(id, "retry")).status).toBe(200);
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: 5 });
  });

  it("answers 409 to controls that do not fit the run's state, 404 to unknown runs", async () => {
    const name = await createJob({
      name: uniqueJobName("done"),
      steps: [{ id: "x", type: "pass" }],
    });
    const id = await startRun(name);
    await waitForRun(id);
    expect((await control(id, "retry")).status).toBe(409);
    expect((await control(id, "pause")).status).toBe(409);
    expect((await control("0".repeat(32), "pause")).status).toBe(404);
    expect((await call("/runs/not-a-run")).status).toBe(404);
  });

  it("deletes a finished run, refusing one in progress", async () => {
    const name = await createJob({
      name: uniqueJobName("delete"),
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const id = await startRun(name);
    expect((await call(`/runs/${id}`, { method: "DELETE" })).status).toBe(409);
    await control(id, "cancel");
    expect((await call(`/runs/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/runs/${id}`)).status).toBe(404);
    expect(
      (await call(`/runs?job=${name}`).then((r) => r.json<{ items: unknown[] }>())).items,
    ).toEqual([]);
  });
});

describe("starting runs", () => {
  it("starts once per idempotency key, and refuses the key with other params", async () => {
    const name = await createJob({
      name: uniqueJobName("idem"),
      steps: [{ id: "x", type: "pass" }],
    });
    const body = { params: { a: 1 }, idempotency_key: "order-42" };
    const first = await call(`/jobs/${name}/runs`, { body });
    const second = await call(`/jobs/${name}/runs`, { body });
    expect([first.status, second.status]).toEqual([201, 200]);
    const [a, b] = [await first.json<{ id: string }>(), await second.json<{ id: string }>()];
    expect(b.id).toBe(a.id);
    const clash = await call(`/jobs/${name}/runs`, { body: { ...body, params: { a: 2 } } });
    expect(clash.status).toBe(409);
    expect((await readProblem(clash)).errors[0]?.path).toBe("idempotency_key");
  });

  it("checks params against the job's schema and starts nothing when they are wrong", async () => {
    const name = await createJob({
      name: uniqueJobName("typed"),
      params: { type: "object", required: ["ticket"], properties: { ticket: { type: "string" } } },
      steps: [{ id: "x", type: "pass" }],
    });
    const before = await countRuns();
    const response = await call(`/jobs/${name}/runs`, { body: { params: { ticket: 7 } } });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors[0]?.path).toBe("params.ticket");
    expect(await countRuns()).toBe(before);
  });

  it("rejects unknown fields, malformed bodies and unknown jobs", async () => {
    const name = await createJob({
      name: uniqueJobName("strict"),
      steps: [{ id: "x", type: "pass" }],
    });
    const before = await countRuns();
    const unknown = await call(`/jobs/${name}/runs`, { body: { params: {}, priority: 1 } });
    expect(unknown.status).toBe(400);
    expect((await readProblem(unknown)).errors[0]?.path).toBe("priority");
    const malformed = await call(`/jobs/${name}/runs`, { body: "{ nope" });
    expect(malformed.status).toBe(400);
    expect((await call("/jobs/no-such-job/runs", { body: {} })).status).toBe(404);
    expect(await countRuns()).toBe(before);
  });

  it("runs Karya's inline request through POST /runs", async () => {
    const response = await call("/runs", {
      body: {
        workflow_name: "InlineCheck",
        parameters: { n: 2 },
        steps: [
          { id: "double", type: "pass", output: "{{ params.n | times: 2 }}" },
          { id: "end", type: "succeed", output: "{{ output.double }}" },
        ],
      },
    });
    expect(response.status).toBe(201);
    const { id, job } = await response.json<{ id: string; job: string }>();
    expect(job).toBe("inlinecheck");
    expect((await waitForRun(id)).output).toBe(4);
    const bad = await call("/runs", {
      body: { job: { name: "x", steps: [{ id: "a", type: "pass", next: "ghost" }] } },
    });
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors[0]?.path).toBe("job.steps.0.next");
  });
});
