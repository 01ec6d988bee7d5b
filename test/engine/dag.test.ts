import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, getSteps, runs, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

const httpStep = (id: string, path: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "task",
  http: { method: "POST", url: target.url(path) },
  ...extra,
});

describe("DAG runs", () => {
  it("runs independent steps side by side and a dependent one only after both", async () => {
    const [a, b, c] = [uniquePath("a"), uniquePath("b"), uniquePath("c")];
    await target.program(a, [{ delay_ms: 400, body: { from: "a" } }]);
    await target.program(b, [{ delay_ms: 400, body: { from: "b" } }]);
    const name = await createJob({
      name: uniqueJobName("fan"),
      steps: [httpStep("a", a), httpStep("b", b), httpStep("c", c, { depends_on: ["a", "b"] })],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({ status: "succeeded", output: { c: { ok: true } } });
    const [ra, rb, rc] = (await Promise.all([a, b, c].map((path) => target.requests(path)))).map(
      (requests) => requests[0],
    );
    // b arrived while a was still being answered, and c only after both answers went out.
    expect(Math.abs((ra?.at ?? 0) - (rb?.at ?? 0))).toBeLessThan(400);
    expect(rc?.at ?? 0).toBeGreaterThanOrEqual(Math.max(ra?.at ?? 0, rb?.at ?? 0) + 400);
  });

  it("renders a request from the run as its step entered, not from siblings moved after", async () => {
    const [b, c, d] = [uniquePath("b"), uniquePath("c"), uniquePath("d")];
    // Literal headers before the templated body: each is an await while the request renders,
    // in which the loop may move the siblings activated after `c`.
    const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-h${i}`, "v"]));
    const name = await createJob({
      name: uniqueJobName("dag-scope"),
      steps: [
        { id: "r", type: "pass", output: 1 },
        httpStep("b", b, { depends_on: ["r"] }),
        {
          id: "c",
          type: "task",
          depends_on: ["r"],
          http: { method: "POST", url: target.url(c), headers, body: { seen: "{{ output.p }}" } },
        },
        { id: "p", type: "pass", depends_on: ["r"], output: "p-done" },
        httpStep("d", d, { depends_on: ["r"] }),
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("succeeded");
    const [sent] = await target.requests(c);
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({ seen: null });
  });

  it("applies every condition and propagates skips", async () => {
    const name = await createJob({
      name: uniqueJobName("conditions"),
      steps: [
        { id: "ok", type: "pass", output: 1 },
        { id: "boom", type: "fail", error: "Boom" },
        { id: "cleanup", type: "pass", depends_on: ["boom"], condition: "on_failure" },
        { id: "no_cleanup", type: "pass", depends_on: ["ok"], condition: "on_failure" },
        { id: "after_boom", type: "pass", depends_on: ["boom"] },
        { id: "chained", type: "pass", depends_on: ["after_boom"] },
        { id: "tolerant", type: "pass", depends_on: ["after_boom"], condition: "none_failed" },
        { id: "strict", type: "pass", depends_on: ["boom", "ok"], condition: "none_failed" },
        { id: "either", type: "pass", depends_on: ["ok", "boom"], condition: "one_success" },
        { id: "always", type: "pass", depends_on: ["boom", "ok"], condition: "all_done" },
        { id: "guarded", type: "pass", depends_on: ["ok"], when: "params.go" },
        { id: "behind_guard", type: "pass", depends_on: ["guarded"] },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { go: false } }));
    expect(run).toMatchObject({ status: "failed", failed_step: "boom" });
    const steps = await getSteps(run.id);
    const statuses = Object.fromEntries(steps.map((step) => [step.id, step.status]));
    expect(statuses).toEqual({
      ok: "succeeded",
      boom: "failed",
      cleanup: "succeeded",
      no_cleanup: "skipped",
      after_boom: "skipped",
      chained: "skipped",
      tolerant: "succeeded",
      strict: "skipped",
      either: "succeeded",
      always: "succeeded",
      guarded: "skipped",
      behind_guard: "skipped",
    });
  });

  it("keeps at most max_parallel steps in flight", async () => {
    const path = uniquePath("slots");
    await target.program(path, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("slots"),
      max_parallel: 2,
      // `depends_on: []` makes independent steps a DAG (without it they would run in sequence).
      steps: ["w", "x", "y", "z"].map((id) => httpStep(id, path, { depends_on: [] })),
    });
    const id = await startRun(name);
    await target.waitForHeld(path, 2);
    await scheduler.wait(300);
    expect(await target.requests(path)).toHaveLength(2);
    for (let released = 0; released < 4; ) {
      released += await target.release(path);
      await scheduler.wait(20);
    }
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect(await target.requests(path)).toHaveLength(4);
  });

  it("survives a crash mid fan-out: each call at most twice, the join once", async () => {
    const branches = [uniquePath("p"), uniquePath("q"), uniquePath("r")];
    for (const path of branches) await target.program(path, [{ hold: true }, { status: 200 }]);
    const join = uniquePath("join");
    const name = await createJob({
      name: uniqueJobName("fanout-crash"),
      steps: [
        ...branches.map((path, i) => httpStep(`b${i}`, path)),
        httpStep("join", join, { depends_on: ["b0", "b1", "b2"] }),
      ],
    });
    const id = await startRun(name);
    for (const path of branches) await target.waitForHeld(path);
    await abortAllDurableObjects();
    for (const path of branches) await target.release(path);
    const alarm = runDurableObjectAlarm(runs.get(runs.idFromName(id))).catch(() => false);
    expect((await waitForRun(id)).status).toBe("succeeded");
    await alarm;
    for (const [i, path] of branches.entries()) {
      const keys = (await target.requests(path)).map((r) => r.headers["idempotency-key"]);
      expect(keys.length).toBeLessThanOrEqual(2);
      expect(new Set(keys)).toEqual(new Set([`${id}:b${i}:1`]));
    }
    expect(await target.requests(join)).toHaveLength(1);
  });

  it("retries a failed DAG run: what failed or was skipped runs again", async () => {
    const flaky = uniquePath("flaky");
    await target.program(flaky, [{ status: 500 }]);
    const name = await createJob({
      name: uniqueJobName("dag-retry"),
      steps: [
        { id: "first", type: "pass", output: 1 },
        httpStep("flaky", flaky, { depends_on: ["first"] }),
        { id: "last", type: "pass", depends_on: ["flaky"], output: "{{ output.flaky.ok }}" },
      ],
    });
    const id = await startRun(name);
    expect((await waitForRun(id)).status).toBe("failed");
    expect(stepOf(await getSteps(id), "last").status).toBe("skipped");
    await target.program(flaky, [{ status: 200, body: { ok: "fine" } }]);
    expect((await call(`/runs/${id}/retry`, { method: "POST" })).status).toBe(200);
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: { last: "fine" } });
    expect(stepOf(await getSteps(id), "first").executions).toBe(1);
    const keys = (await target.requests(flaky)).map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual([`${id}:flaky:1`, `${id}:flaky:2`]);
  });
});

describe("DAG edge cases", () => {
  it("ends the run at a succeed step, cancelling work still in flight, and leaves only its expiry alarm", async () => {
    const slow = uniquePath("slow");
    await target.program(slow, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("dag-succeed"),
      steps: [
        httpStep("slow", slow, { depends_on: [] }),
        { id: "done", type: "succeed", depends_on: [], output: "early" },
      ],
    });
    const id = await startRun(name);
    const run = await waitForRun(id);
    await target.release(slow);
    expect(run).toMatchObject({ status: "succeeded", output: "early" });
    expect(stepOf(await getSteps(id), "slow").status).toBe("cancelled");
    const stub = runs.get(runs.idFromName(id));
    await scheduler.wait(100);
    expect(await runInDurableObject(stub, (_run, state) => state.storage.getAlarm())).toBe(
      Date.parse(run.expires_at ?? ""),
    );
  });

  it("retries a DAG run whose re-opened steps must be skipped, and finishes it", async () => {
    const name = await createJob({
      name: uniqueJobName("dag-reskip"),
      steps: [
        { id: "a", type: "pass" },
        { id: "b", type: "pass", depends_on: ["a"], condition: "on_failure" },
        { id: "c", type: "fail", depends_on: ["b"], condition: "all_done" },
      ],
    });
    const id = await startRun(name);
    expect((await waitForRun(id)).status).toBe("failed");
    expect((await call(`/runs/${id}/retry`, { method: "POST" })).status).toBe(200);
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "failed", failed_step: "c" });
    expect(stepOf(await getSteps(id), "c").executions).toBe(2);
  });
});
