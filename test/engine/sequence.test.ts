import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import {
  createJob,
  getHistory,
  getSteps,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
} from "./runs";

describe("state-machine runs of inline steps", () => {
  it("runs pass steps in order, each reading params and earlier outputs", async () => {
    const name = await createJob({
      name: uniqueJobName("chain"),
      steps: [
        { id: "a", type: "pass", output: { n: "{{ params.n }}" } },
        { id: "b", type: "pass", output: "{{ output.a.n | plus: 1 }}", save_as: "bee" },
        {
          id: "c",
          type: "pass",
          output: { sum: "{{ context.bee | plus: output.a.n }}", step: "{{ meta.current_step }}" },
        },
      ],
    });
    const id = await startRun(name, { params: { n: 20 } });
    const run = await waitForRun(id);
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ sum: 41, step: "c" });
    expect(run.started_at).not.toBeNull();
    const steps = await getSteps(id);
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ["a", "succeeded"],
      ["b", "succeeded"],
      ["c", "succeeded"],
    ]);
    expect(stepOf(steps, "b").output).toBe(21);
    const types = (await getHistory(id)).map((e) => `${e.type}${e.step_id ? `:${e.step_id}` : ""}`);
    expect(types.filter((t) => t.startsWith("step_succeeded"))).toEqual([
      "step_succeeded:a",
      "step_succeeded:b",
      "step_succeeded:c",
    ]);
    expect(types[0]).toBe("run_created");
  });

  it("follows the first true choice, else the default", async () => {
    const name = await createJob({
      name: uniqueJobName("choice"),
      steps: [
        {
          id: "route",
          type: "choice",
          conditions: [{ if: "params.size > 10", next: "big" }, { default: "small" }],
        },
        { id: "big", type: "succeed", output: "big" },
        { id: "small", type: "succeed", output: "small" },
      ],
    });
    const big = await waitForRun(await startRun(name, { params: { size: 11 } }));
    const small = await waitForRun(await startRun(name, { params: { size: 3 } }));
    expect([big.output, small.output]).toEqual(["big", "small"]);
    expect(stepOf(await getSteps(small.id), "big").status).toBe("pending");
  });

  it("waits, showing the run as waiting, then continues", async () => {
    const name = await createJob({
      name: uniqueJobName("wait"),
      steps: [
        { id: "nap", type: "wait", duration: "{{ params.nap }}" },
        { id: "after", type: "pass", output: "woke" },
      ],
    });
    const id = await startRun(name, { params: { nap: "800ms" } });
    expect((await waitForRun(id, ["waiting"])).status).toBe("waiting");
    const run = await waitForRun(id);
    expect(run.output).toBe("woke");
    const steps = await getSteps(id);
    const slept =
      Date.parse(stepOf(steps, "after").started_at ?? "") -
      Date.parse(stepOf(steps, "nap").started_at ?? "");
    expect(slept).toBeGreaterThanOrEqual(800);
  });

  it("skips a step whose when: guard is false", async () => {
    const name = await createJob({
      name: uniqueJobName("when"),
      steps: [
        { id: "maybe", type: "pass", when: "params.go", output: "ran" },
        { id: "end", type: "pass", output: "{{ output.maybe | default: 'skipped' }}" },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { go: false } }));
    expect(run.output).toBe("skipped");
    expect(stepOf(await getSteps(run.id), "maybe").status).toBe("skipped");
  });

  it("fails the run at a fail step with its error", async () => {
    const name = await createJob({
      name: uniqueJobName("fail"),
      steps: [{ id: "stop", type: "fail", error: "Rejected", message: "not today" }],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("failed");
    expect(run.failed_step).toBe("stop");
    expect(run.error?.message).toBe("Rejected: not today");
  });

  it("bounds a loop with max_retries on the re-entered step", async () => {
    const name = await createJob({
      name: uniqueJobName("loop"),
      steps: [
        { id: "spin", type: "pass", max_retries: 2, output: "{{ meta.step_retries.spin }}" },
        { id: "again", type: "choice", conditions: [{ if: "true", next: "spin" }] },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("failed");
    expect(run.error?.type).toBe("max_retries_exceeded");
    const spin = stepOf(await getSteps(run.id), "spin");
    expect(spin.executions).toBe(4);
  });

  it("times the whole run out at its timeout", async () => {
    const name = await createJob({
      name: uniqueJobName("deadline"),
      timeout: "300ms",
      steps: [{ id: "forever", type: "wait", duration: "1h" }],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("timed_out");
    expect(run.failed_step).toBe("forever");
    expect(stepOf(await getSteps(run.id), "forever").status).toBe("cancelled");
  });

  it("mirrors status transitions into the run index", async () => {
    const name = await createJob({
      name: uniqueJobName("index"),
      steps: [{ id: "only", type: "pass" }],
    });
    const id = await startRun(name);
    await waitForRun(id);
    const deadline = Date.now() + 5_000;
    let listed: { id: string; status: string }[] = [];
    while (Date.now() < deadline) {
      const response = await call(`/runs?job=${name}`);
      listed = (await response.json<{ items: { id: string; status: string }[] }>()).items;
      if (listed[0]?.status === "succeeded") break;
      await scheduler.wait(20);
    }
    expect(listed).toEqual([expect.objectContaining({ id, status: "succeeded" })]);
  });
});
