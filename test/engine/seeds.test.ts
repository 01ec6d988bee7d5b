/**
 * The older projects' own examples, converted by the rules of docs/seeds.md, run end to end:
 * their handler modules become registered handlers, their commands HTTP calls.
 */
import { describe, expect, it } from "vitest";
import { registerHandler } from "../../src/actions/handlers";
import { call } from "../api/api-client";
import petit from "../definition/seeds/petit-daily-etl.cairn.yaml?raw";
import taskOrchestrator from "../definition/seeds/taskorchestrator-example-job.cairn.yaml?raw";
import { target, uniquePath } from "../support/target";
import { createAction, getSteps, startRun, stepOf, waitForRun } from "./runs";

const calls: string[] = [];
for (const name of ["etl.transform", "jobs.job2.task4", "jobs.job2.task5", "jobs.job2.task6"]) {
  registerHandler(name, ({ meta }) => {
    calls.push(meta.current_step);
    return { done: meta.current_step };
  });
}

async function saveYaml(yaml: string): Promise<string> {
  const response = await call("/jobs", { body: yaml, contentType: "application/yaml" });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json<{ name: string }>()).name;
}

describe("the seeds' examples", () => {
  it("runs Petit's daily ETL as a DAG, extract -> transform -> load", async () => {
    const extract = uniquePath("extract");
    const load = uniquePath("load");
    await createAction({
      name: "LoadWarehouse",
      type: "http",
      method: "POST",
      url: target.url(load),
    });
    const job = await saveYaml(
      petit.replace("https://etl.example.com/extract", target.url(extract)),
    );
    const run = await waitForRun(await startRun(job));
    expect(run.status).toBe("succeeded");
    const steps = await getSteps(run.id);
    expect(["extract", "transform", "load"].map((id) => stepOf(steps, id).status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    const [e] = await target.requests(extract);
    const [l] = await target.requests(load);
    expect(l?.at ?? 0).toBeGreaterThanOrEqual(e?.at ?? Number.POSITIVE_INFINITY);
  });

  it("runs TaskOrchestrator's example job with its dependency order", async () => {
    const job = await saveYaml(taskOrchestrator);
    const run = await waitForRun(await startRun(job));
    expect(run.status).toBe("succeeded");
    expect(calls.indexOf("job2_task5")).toBeGreaterThan(calls.indexOf("job2_task4"));
    expect(run.output).toMatchObject({
      job2_task5: { done: "job2_task5" },
      job2_task6: { done: "job2_task6" },
    });
  });
});
