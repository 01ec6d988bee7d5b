import { describe, expect, it } from "vitest";
import { uniqueJobName } from "../engine/runs";
import { pollUntil } from "../schedule/concurrency-support";
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

  it("starts a run whose param is a template secret's value whether its job has concurrency or not", async () => {
    // startRun checks the params as sent, then hands the coordinator the redacted copy a run
    // stores. Until session 15 the coordinator's launch checked that copy again, so a value
    // that fits the schema as sent but not as `[redacted]` was refused (400) for a job with
    // `concurrency` and started (201) for the same job without it.
    const definition = (name: string, concurrency: boolean) => ({
      name,
      ...(concurrency ? { concurrency: { limit: 1, overlap: "queue" } } : {}),
      params: { type: "object", properties: { token: { type: "string", pattern: "^s3cr3t-" } } },
      steps: [{ id: "done", type: "pass" }],
    });
    for (const concurrency of [false, true]) {
      const job = uniqueJobName(`secret-param-${concurrency ? "gated" : "plain"}`);
      const created = await call("/jobs", { body: definition(job, concurrency) });
      expect(created.status, await created.clone().text()).toBe(201);
      const response = await call(`/jobs/${job}/runs`, {
        body: { params: { token: "s3cr3t-value-for-tests" } },
      });
      expect(response.status, `concurrency ${concurrency}: ${await response.clone().text()}`).toBe(
        201,
      );
      const { id } = (await response.json()) as { id: string };
      const run = await pollUntil(
        async () =>
          (await call(`/runs/${id}`)).json() as Promise<{ status: string; params: unknown }>,
        (view) => view.status === "succeeded",
        `run ${id}`,
      );
      // Stored redacted, as every run keeps its params.
      expect(run.params).toEqual({ token: "[redacted]" });
    }
  });
});
