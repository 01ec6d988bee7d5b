/**
 * A fault that is neither the definition's nor the platform's (here a step row whose stored
 * output is not JSON, written into the run object's real storage while the run waits) fails
 * the step that hits it as `failed` "internal error: ...", never as `template`, whether it
 * comes from a `when:` guard or from a handler preparing its step.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, runs, startRun, stepOf, uniqueJobName, waitForRun, waitForSteps } from "./runs";

/** Runs `a` (a pass with an output), waits at `gate`, breaks `a`'s stored output, releases `gate`. */
async function runWithBrokenRow(next: Record<string, unknown>) {
  const id = await startRun(
    await createJob({
      name: uniqueJobName("broken-row"),
      steps: [
        { id: "a", type: "pass", output: { x: 1 } },
        { id: "gate", type: "wait_for_event", event: "go" },
        { id: "next", ...next },
      ],
    }),
  );
  await waitForSteps(id, (steps) => stepOf(steps, "gate").status === "waiting");
  await runInDurableObject(runs.get(runs.idFromName(id)), (_object, state) => {
    state.storage.sql.exec("UPDATE cairn_steps SET output = '{not json' WHERE step_id = 'a'");
  });
  const released = await call(`/runs/${id}/events/go`, { body: {} });
  expect(released.status).toBe(202);
  return waitForRun(id);
}

describe("internal errors", () => {
  it("a bug in a when: guard fails the step as failed, not template", async () => {
    const run = await runWithBrokenRow({
      type: "pass",
      when: "output.a.x == 1",
      output: "guarded",
    });
    expect(run).toMatchObject({ status: "failed", failed_step: "next" });
    expect(run.error).toMatchObject({ type: "failed", retryable: false });
    expect(run.error?.message).toMatch(/^internal error: /);
  });

  it("a bug in a handler preparing its step fails it as failed, and calls nothing", async () => {
    const path = uniquePath("never-called");
    const run = await runWithBrokenRow({
      type: "task",
      http: { method: "POST", url: target.url(path) },
    });
    expect(run).toMatchObject({ status: "failed", failed_step: "next" });
    expect(run.error).toMatchObject({ type: "failed" });
    expect(run.error?.message).toMatch(/^internal error: /);
    expect(await target.requests(path)).toEqual([]);
  });

  it("a bug met while a templated request reads its scope fails it as failed, not template", async () => {
    const path = uniquePath("never-called");
    // The first step of a branch is fed without a read, so only the scope meets the row.
    const run = await runWithBrokenRow({
      type: "parallel",
      branches: [
        [
          {
            id: "call",
            type: "task",
            http: { method: "POST", url: target.url(path), body: { v: "{{ output.a.x }}" } },
          },
        ],
      ],
    });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ type: "failed" });
    expect(run.error?.message).toMatch(/internal error: /);
    expect(await target.requests(path)).toEqual([]);
  });
});
