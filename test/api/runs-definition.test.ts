import { describe, expect, it } from "vitest";
import { createJob, uniqueJobName, waitForRun } from "../engine/runs";
import { call, readProblem } from "./api-client";

const passJob = (name: string, output: string) => ({
  name,
  max_step_executions: 7,
  steps: [
    { id: "first", type: "pass", output: 1 },
    { id: "last", type: "succeed", output },
  ],
});

async function start(path: string, body: unknown): Promise<string> {
  const response = await call(path, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json<{ id: string }>()).id;
}

describe("GET /runs/{id}/definition", () => {
  it("serves the version the run started with, not the job's newest", async () => {
    const name = uniqueJobName("definition");
    await createJob(passJob(name, "v1"));
    const id = await start(`/jobs/${name}/runs`, {});
    const put = await call(`/jobs/${name}`, { method: "PUT", body: passJob(name, "v2") });
    expect(put.status).toBe(200);

    const response = await call(`/runs/${id}/definition`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id,
      job: name,
      version: 1,
      definition: passJob(name, "v1"),
    });
  });

  it("serves an inline run's definition as it was posted", async () => {
    const job = passJob(uniqueJobName("inline-definition"), "inline");
    const id = await start("/runs", { job, params: {} });
    const body = await (await call(`/runs/${id}/definition`)).json();
    expect(body).toEqual({ id, job: job.name, version: 0, definition: job });
  });

  it("answers 404 for an unknown run, and for a run whose job was deleted", async () => {
    expect((await call(`/runs/${"0".repeat(32)}/definition`)).status).toBe(404);
    const name = uniqueJobName("deleted-definition");
    await createJob(passJob(name, "gone"));
    const id = await start(`/jobs/${name}/runs`, {});
    expect((await call(`/jobs/${name}`, { method: "DELETE" })).status).toBe(204);
    const problem = await readProblem(await call(`/runs/${id}/definition`));
    expect(problem.status).toBe(404);
    expect(problem.detail).toContain(`job ${name}`);
  });
});

describe("progress on GET /runs/{id}", () => {
  it("counts step executions against the job's max_step_executions", async () => {
    const name = uniqueJobName("progress");
    await createJob(passJob(name, "done"));
    const id = await start(`/jobs/${name}/runs`, {});
    const run = await waitForRun(id);
    expect(run.progress).toEqual({ executions: 2, max_step_executions: 7 });
  });

  it("defaults the budget to 10,000", async () => {
    const job = { name: uniqueJobName("progress-default"), steps: [{ id: "a", type: "pass" }] };
    const id = await start("/runs", { job });
    expect((await waitForRun(id)).progress).toEqual({ executions: 1, max_step_executions: 10_000 });
  });
});
