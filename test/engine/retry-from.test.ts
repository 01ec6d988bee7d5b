/**
 * `POST /runs/{id}/retry` with `from` and `params`: a failed run re-runs from a chosen
 * top-level step with corrected params; steps before it keep their outputs, a DAG re-runs
 * the step and everything downstream, and bad input changes nothing.
 */
import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import {
  createJob,
  getHistory,
  getRun,
  getSteps,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
} from "./runs";

const ORDER_SCHEMA = {
  type: "object",
  required: ["order"],
  properties: { order: { type: "string", minLength: 1 } },
};

/** A state machine that fails when params.order is "bad". */
async function orderJob(): Promise<string> {
  return createJob({
    name: uniqueJobName("retry-from"),
    params: ORDER_SCHEMA,
    steps: [
      { id: "first", type: "pass", output: "{{ params.order }}" },
      {
        id: "check",
        type: "choice",
        conditions: [{ if: "params.order == 'bad'", next: "broken" }, { default: "ok" }],
      },
      { id: "broken", type: "fail", error: "bad_order", message: "bad order" },
      { id: "ok", type: "succeed", output: "{{ params.order }}" },
    ],
  });
}

async function failedOrderRun(): Promise<string> {
  const id = await startRun(await orderJob(), { params: { order: "bad" } });
  expect((await waitForRun(id)).status).toBe("failed");
  return id;
}

function retry(id: string, body?: unknown): Promise<Response> {
  return call(`/runs/${id}/retry`, { method: "POST", ...(body === undefined ? {} : { body }) });
}

describe("retry from a step, with new params", () => {
  it("re-runs a state machine from `from` with the new params; earlier steps keep their outputs", async () => {
    const id = await failedOrderRun();
    const response = await retry(id, { from: "check", params: { order: "good" } });
    expect(response.status, await response.clone().text()).toBe(200);
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: "good", params: { order: "good" } });
    const steps = await getSteps(id);
    expect(stepOf(steps, "first")).toMatchObject({ executions: 1, output: "bad" });
    expect(stepOf(steps, "check").executions).toBe(2);

    const retried = (await getHistory(id)).filter((event) => event.type === "run_retried");
    expect(retried.map(({ step_id, data }) => ({ step_id, data }))).toEqual([
      {
        step_id: null,
        data: { from: "check", params: { before: { order: "bad" }, after: { order: "good" } } },
      },
    ]);
  });

  it("re-runs a DAG step and everything downstream of it, and nothing else", async () => {
    const job = await createJob({
      name: uniqueJobName("retry-dag"),
      steps: [
        { id: "a", type: "pass", output: 1, depends_on: [] },
        { id: "b", type: "pass", output: "{{ params.mode }}", depends_on: ["a"] },
        {
          id: "c",
          type: "fail",
          error: "bad_mode",
          when: "params.mode == 'bad'",
          depends_on: ["b"],
        },
        { id: "d", type: "pass", output: "side", depends_on: ["a"] },
      ],
    });
    const id = await startRun(job, { params: { mode: "bad" } });
    expect((await waitForRun(id)).status).toBe("failed");
    expect((await retry(id, { from: "b", params: { mode: "good" } })).status).toBe(200);
    const run = await waitForRun(id);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    const steps = await getSteps(id);
    expect(stepOf(steps, "a").executions).toBe(1);
    expect(stepOf(steps, "d").executions).toBe(1);
    expect(stepOf(steps, "b")).toMatchObject({ executions: 2, output: "good" });
    expect(stepOf(steps, "c").status).toBe("skipped");
  });

  it("runs a succeeded run again from `from`, but a plain retry of it is a conflict", async () => {
    const id = await startRun(await orderJob(), { params: { order: "fine" } });
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect((await readProblem(await retry(id))).status).toBe(409);
    expect((await retry(id, { from: "ok" })).status).toBe(200);
    const steps = await getSteps(id);
    await waitForRun(id);
    expect(stepOf(await getSteps(id), "ok").executions).toBe(2);
    expect(stepOf(steps, "first").executions).toBe(1);
  });

  it("keeps the plain retry: the failed step again, with params replaced when given", async () => {
    const id = await failedOrderRun();
    expect((await retry(id, { params: { order: "still-bad-step" } })).status).toBe(200);
    const run = await waitForRun(id);
    // The failed step itself runs again: a fail step fails again, now with the new params.
    expect(run).toMatchObject({ status: "failed", params: { order: "still-bad-step" } });
    expect(stepOf(await getSteps(id), "broken").executions).toBe(2);
  });

  it("refuses a bad from, bad params and unknown fields with a 400 naming them, changing nothing", async () => {
    const id = await failedOrderRun();
    const before = { run: await getRun(id), history: await getHistory(id) };
    const cases: [unknown, string[]][] = [
      [{ from: "nowhere" }, ["from"]],
      [{ from: "every/step" }, ["from"]],
      [{ params: { order: "" } }, ["params.order"]],
      [{ params: { order: 7 } }, ["params.order"]],
      [{ params: "order" }, ["params"]],
      [{ from: "check", force: true }, ["force"]],
    ];
    const missing = await readProblem(await retry(id, { params: {} }));
    expect(missing.errors).toEqual([{ path: "params", message: expect.stringContaining("order") }]);
    for (const [body, paths] of cases) {
      const problem = await readProblem(await retry(id, body));
      expect(problem.status, JSON.stringify(body)).toBe(400);
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(body),
      ).toEqual(paths);
    }
    expect(await getRun(id)).toEqual(before.run);
    expect(await getHistory(id)).toEqual(before.history);
  });

  it("refuses to retry a run that is still running (409), changing nothing", async () => {
    const path = uniquePath("retry-running");
    await target.program(path, [{ hold: true }]);
    const job = await createJob({
      name: uniqueJobName("retry-running"),
      steps: [{ id: "call", type: "task", http: { method: "POST", url: target.url(path) } }],
    });
    const id = await startRun(job);
    await target.waitForHeld(path);
    expect((await getRun(id)).status).toBe("running");
    for (const body of [undefined, { from: "call" }]) {
      const problem = await readProblem(await retry(id, body));
      expect(problem.status).toBe(409);
      expect(problem.detail).toContain("running");
    }
    expect((await getHistory(id)).some((event) => event.type === "run_retried")).toBe(false);
    await target.release(path);
    expect((await waitForRun(id)).status).toBe("succeeded");
  });
});
