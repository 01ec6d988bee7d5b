import { describe, expect, it } from "vitest";
import { uniqueJobName } from "../engine/runs";
import { call, db, readProblem } from "./api-client";

/**
 * Refusals the operation object and the job coordinator answer as values (a code and a
 * message), turned into problems by src/api/problem.ts alone.
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
});
