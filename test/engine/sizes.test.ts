/**
 * Values over what one storage row or value holds (DO SQLite: 2 MB) either work or fail their
 * step with `output_too_large`, naming the size and the limit; never an internal error. Real
 * sizes, through the real engine and coordinator.
 */
import { describe, expect, it } from "vitest";
import { MAX_ROW_BYTES } from "../../src/engine/sizes";
import { readGate, requestRun, saveHoldingJob } from "../schedule/concurrency-support";
import { createJob, getSteps, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

const blob = (bytes: number) => "x".repeat(bytes);
const tooLarge = {
  type: "output_too_large",
  message: expect.stringMatching(new RegExp(`is \\d+ bytes.*limit of ${MAX_ROW_BYTES} bytes`)),
};

describe("output_too_large", () => {
  it("fails a step whose output is over the limit", async () => {
    const name = await createJob({
      name: uniqueJobName("big-output"),
      steps: [
        {
          id: "grow",
          type: "pass",
          output: "{{ params.blob }}{{ params.blob }}{{ params.blob }}{{ params.blob }}",
        },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { blob: blob(600_000) } }));
    expect(run).toMatchObject({ status: "failed", error: tooLarge, failed_step: "grow" });
  });

  it("keeps a map's combined output under the limit, and fails one over it", async () => {
    const name = await createJob({
      name: uniqueJobName("big-map"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [{ id: "fill", type: "pass", output: "{{ params.blob }}" }],
        },
        { id: "count", type: "pass", output: "{{ output.each | size }}" },
      ],
    });
    const params = (items: number) => ({
      items: Array.from({ length: items }, (_, i) => i),
      blob: blob(25_000),
    });
    const fits = await waitForRun(await startRun(name, { params: params(60) }));
    expect(fits).toMatchObject({ status: "succeeded", output: 60 });
    const over = await waitForRun(await startRun(name, { params: params(100) }));
    expect(over).toMatchObject({ status: "failed", failed_step: "each", error: tooLarge });
    expect(stepOf(await getSteps(over.id), "each").error).toMatchObject(tooLarge);
  });

  it("fails the run when its output (a DAG's sinks together) is over the limit", async () => {
    const doubled = "{{ params.blob }}{{ params.blob }}";
    const name = await createJob({
      name: uniqueJobName("big-run"),
      steps: [
        { id: "left", type: "pass", output: doubled, depends_on: [] },
        { id: "right", type: "pass", output: doubled, depends_on: [] },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { blob: blob(500_000) } }));
    expect(run).toMatchObject({ status: "failed", error: tooLarge });
  });

  it("fails a task whose rendered input is over the limit", async () => {
    const name = await createJob({
      name: uniqueJobName("big-input"),
      steps: [
        {
          id: "send",
          type: "task",
          http: { method: "POST", url: "http://127.0.0.1:9/never" },
          with: "{{ params.blob }}{{ params.blob }}{{ params.blob }}{{ params.blob }}",
        },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { blob: blob(600_000) } }));
    expect(run).toMatchObject({ status: "failed", failed_step: "send", error: tooLarge });
  });
});

describe("a job's queue of held starts", () => {
  it("holds starts whose params together are far over one storage value", async () => {
    const job = await saveHoldingJob("big-queue", { concurrency: { limit: 1, overlap: "queue" } });
    const params = { blob: blob(400_000) };
    const statuses: number[] = [];
    // 10.4 MB in all: past the 2 MB of a value in production, and past local workerd's own limit.
    for (let start = 0; start < 26; start += 1)
      statuses.push((await requestRun(job, { params })).status);
    expect(statuses).toEqual(Array(26).fill(201));
    const gate = await readGate(job);
    expect(gate.active).toHaveLength(1);
    expect(gate.queue).toHaveLength(25);
    expect(gate.queue.every((entry) => entry.params.blob === params.blob)).toBe(true);
  });
});
