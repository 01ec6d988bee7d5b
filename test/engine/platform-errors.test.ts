/**
 * Platform errors met for real in workerd, through the engine (src/core/failure.ts classifies
 * them; test/engine/failure.test.ts holds the unit). A Durable Object is reset by throwing
 * from blockConcurrencyWhile while it holds its input gate: the calls waiting at it fail
 * with workerd's own reset error.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { deriveRunId } from "../../src/clients/start-run";
import type { CompiledJob } from "../../src/definition/ir";
import { call } from "../api/api-client";
import {
  createJob,
  getHistory,
  getSteps,
  runs,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
} from "./runs";

/** The id a `run_job` step's first start gives its child (the step's idempotency key). */
async function childRunId(child: string, parent: string, step: string): Promise<string> {
  const saved = await (await call(`/jobs/${child}`)).json<{ compiled: CompiledJob }>();
  return deriveRunId({ job: saved.compiled, version: 1 }, `${parent}:${step}:1`);
}

describe("a child start that meets a reset of the child's run object", () => {
  it("is tried again, starts the child once, and the parent succeeds", async () => {
    const child = await createJob({
      name: uniqueJobName("reset-child"),
      steps: [{ id: "done", type: "succeed", output: "child done" }],
    });
    const parentJob = await createJob({
      name: uniqueJobName("reset-parent"),
      steps: [
        { id: "go", type: "wait_for_event", event: "go" },
        { id: "sub", type: "run_job", job: child },
      ],
    });
    const parent = await startRun(parentJob);
    await waitForRun(parent, ["waiting"]);
    const childId = await childRunId(child, parent, "sub");

    // The child's object holds its input gate until the parent's start is at it, then resets.
    let startSent = false;
    const reset = runInDurableObject(runs.get(runs.idFromName(childId)), (_object, state) =>
      state.blockConcurrencyWhile(async () => {
        for (let waited = 0; !startSent && waited < 10_000; waited += 10) await scheduler.wait(10);
        throw new Error("the child's object was reset");
      }),
    ).catch((error: unknown) => error);
    expect((await call(`/runs/${parent}/events/go`, { body: {} })).status).toBe(202);
    for (let polls = 0; polls < 500; polls += 1) {
      if (stepOf(await getSteps(parent), "sub").status === "running") break;
      await scheduler.wait(10);
    }
    startSent = true;
    expect(await reset).toMatchObject({ durableObjectReset: true });

    const run = await waitForRun(parent);
    expect(run).toMatchObject({ status: "succeeded", output: "child done" });
    const history = await getHistory(parent);
    const failed = history.filter((event) => event.type === "attempt_failed");
    expect(failed).toEqual([
      expect.objectContaining({
        step_id: "sub",
        data: expect.objectContaining({
          attempt: 1,
          error: expect.objectContaining({ type: "failed", retryable: true }),
        }),
      }),
    ]);
    expect(JSON.stringify(failed[0]?.data)).toMatch(/the child's object was reset/);
    const started = history.filter((event) => event.type === "child_started");
    expect(started.map((event) => (event.data as { run_id: string }).run_id)).toEqual([childId]);
    expect(stepOf(await getSteps(parent), "sub").attempts).toBe(2);
  });
});
