/** The run's budget of step executions (`max_step_executions`): what counts and what doesn't. */
import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { createJob, startRun, uniqueJobName, waitForRun } from "./runs";

describe("max_step_executions", () => {
  it("does not count waits, nor event waits", async () => {
    const name = await createJob({
      name: uniqueJobName("budget-waits"),
      max_step_executions: 2,
      steps: [
        { id: "nap1", type: "wait", duration: "1ms" },
        { id: "nap2", type: "wait", duration: "1ms" },
        { id: "hear", type: "wait_for_event", event: "go" },
        { id: "nap3", type: "wait", duration: "1ms" },
        { id: "one", type: "pass", output: 1 },
        { id: "two", type: "pass", output: 2 },
      ],
    });
    const id = await startRun(name);
    await waitForRun(id, ["waiting"]);
    await call(`/runs/${id}/events/go`, { body: {} });
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: 2 });
  });

  it("still ends a loop of counted steps, with max_retries_exceeded", async () => {
    const name = await createJob({
      name: uniqueJobName("budget-loop"),
      max_step_executions: 5,
      steps: [
        { id: "nap", type: "wait", duration: "1ms" },
        { id: "spin", type: "pass", output: 1 },
        { id: "again", type: "choice", conditions: [{ if: "true", next: "nap" }] },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({
      status: "failed",
      error: { type: "max_retries_exceeded", message: expect.stringContaining("(5)") },
    });
  });
});
