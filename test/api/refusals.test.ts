import { describe, expect, it } from "vitest";
import { uniqueJobName } from "../engine/runs";
import { call, db, readProblem } from "./api-client";

/**
 * Refusals the operation object and the job coordinator answer as values (a code and a
 * message), turned into typed errors by src/clients/refusal.ts alone, whether a route or
 * startRun meets them.
 */
describe("Durable Object refusals as problems", () => {
  it("answers an operation id no operation has with 404, naming it", async () => {
    const id = "0123456789abcdef".repeat(2);
    const response = await call(`/operations/${id}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await readProblem(response)).toMatchObject({
      title: "Not found",
      detail: `Operation ${id} does not exist`,
      errors: [],
    });
  });

  it("answers pause and resume of a job without a schedule with 409, and keeps it unscheduled", async () => {
    const job = uniqueJobName("refusal-unscheduled");
    const created = await call("/jobs", {
      body: { name: job, steps: [{ id: "nap", type: "wait", duration: "1s" }] },
    });
    expect(created.status).toBe(201);
    for (const control of ["pause", "resume"]) {
      const response = await call(`/jobs/${job}/${control}`, { method: "POST" });
      expect(response.status).toBe(409);
      expect(await readProblem(response)).toMatchObject({
        title: "Conflict",
        detail: `Job ${job} has no schedule`,
        errors: [],
      });
    }
    const row = await db.prepare("SELECT job FROM schedules WHERE job = ?").bind(job).first();
    expect(row).toBeNull();
  });

  it("answers a start its job's coordinator refuses as invalid with 400, naming the field, and starts nothing", async () => {
    // The coordinator checks the params as a run stores them, template secrets redacted: a
    // value that is a secret's fits the schema as sent, then fails it as `[redacted]`, so the
    // gate's launch refuses with code `invalid` (src/schedule/gate.ts), not `conflict`.
    const job = uniqueJobName("refusal-invalid");
    const created = await call("/jobs", {
      body: {
        name: job,
        concurrency: { limit: 1, overlap: "queue" },
        params: {
          type: "object",
          properties: { token: { type: "string", pattern: "^s3cr3t-" } },
        },
        steps: [{ id: "nap", type: "wait", duration: "1s" }],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const response = await call(`/jobs/${job}/runs`, {
      body: { params: { token: "s3cr3t-value-for-tests" } },
    });
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem).toMatchObject({ title: "Invalid request", status: 400 });
    expect(problem.errors).toEqual([{ path: "params.token", message: expect.any(String) }]);
    expect(problem.detail).toBe(`params.token: ${problem.errors[0]?.message}`);
    const runs = await db.prepare("SELECT id FROM runs WHERE job = ?").bind(job).all();
    expect(runs.results).toEqual([]);
  });
});
