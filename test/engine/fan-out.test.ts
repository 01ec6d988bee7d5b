import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, getSteps, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

describe("parallel steps", () => {
  it("runs branches side by side and outputs their results in branch order", async () => {
    const [slow, fast] = [uniquePath("slow"), uniquePath("fast")];
    await target.program(slow, [{ delay_ms: 300, body: { from: "slow" } }]);
    await target.program(fast, [{ body: { from: "fast" } }]);
    const name = await createJob({
      name: uniqueJobName("parallel"),
      steps: [
        {
          id: "both",
          type: "parallel",
          branches: [
            [{ id: "call", type: "task", http: { url: target.url(slow) } }],
            [
              { id: "call", type: "task", http: { url: target.url(fast) } },
              { id: "shape", type: "pass", output: "{{ output.call.from | upcase }}" },
            ],
          ],
        },
        { id: "after", type: "pass", output: "{{ output.both[0].from }}+{{ output.both[1] }}" },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({ status: "succeeded", output: "slow+FAST" });
    const [s] = await target.requests(slow);
    const [f] = await target.requests(fast);
    expect(Math.abs((s?.at ?? 0) - (f?.at ?? 0))).toBeLessThan(300);
    const steps = await getSteps(run.id);
    expect(stepOf(steps, "both/1/shape")).toMatchObject({ status: "succeeded", output: "FAST" });
  });

  it("fails on a failing branch, cancelling its sibling, and lets catch take over", async () => {
    const held = uniquePath("held");
    await target.program(held, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("parallel-fail"),
      steps: [
        {
          id: "both",
          type: "parallel",
          // The fail step's own error name is what the enclosing catch matches.
          catch: [{ errors: ["Boom"], next: "handled" }],
          next: "unreached",
          branches: [
            [{ id: "wait_long", type: "task", http: { url: target.url(held) } }],
            [{ id: "boom", type: "fail", error: "Boom" }],
          ],
        },
        { id: "unreached", type: "fail" },
        { id: "handled", type: "pass", output: "{{ output.both.error.message }}" },
      ],
    });
    const id = await startRun(name);
    const run = await waitForRun(id);
    await target.release(held);
    expect(run).toMatchObject({ status: "succeeded", output: "branch 1: Boom" });
    expect(stepOf(await getSteps(id), "both/0/wait_long").status).toBe("cancelled");
  });

  it("with fail_fast, a failing branch aborts the call another branch has in flight", async () => {
    const path = uniquePath("held-sibling");
    await target.program(path, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("parallel-abort"),
      steps: [
        {
          id: "both",
          type: "parallel",
          branches: [
            [{ id: "held", type: "task", http: { url: target.url(path) } }],
            [
              { id: "nap", type: "wait", duration: "100ms" },
              { id: "boom", type: "fail", error: "Boom" },
            ],
          ],
          // Caught, so the run goes on: only the fail-fast itself can stop the held call.
          catch: [{ errors: ["*"], next: "later" }],
        },
        { id: "later", type: "wait", duration: "1h" },
      ],
    });
    const id = await startRun(name);
    await target.waitForHeld(path);
    // Once the aborted call has settled, nothing is in flight: the run only waits.
    await waitForRun(id, ["waiting"]);
    const steps = await getSteps(id);
    expect(stepOf(steps, "both/0/held").status).toBe("cancelled");
    expect(stepOf(steps, "later").status).toBe("waiting");
    // The abort closed the held request's connection: nothing is held any more.
    const deadline = Date.now() + 5_000;
    while ((await target.held(path)) > 0 && Date.now() < deadline) await scheduler.wait(20);
    expect(await target.held(path)).toBe(0);
    await call(`/runs/${id}/cancel`, { method: "POST" });
  });

  it("with fail_fast: false lets the other branches finish before failing", async () => {
    const path = uniquePath("finishes");
    await target.program(path, [{ delay_ms: 200 }]);
    const name = await createJob({
      name: uniqueJobName("parallel-patient"),
      steps: [
        {
          id: "both",
          type: "parallel",
          fail_fast: false,
          branches: [
            [{ id: "slow", type: "task", http: { url: target.url(path) } }],
            [{ id: "boom", type: "fail" }],
          ],
        },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({ status: "failed", failed_step: "both" });
    expect(stepOf(await getSteps(run.id), "both/0/slow").status).toBe("succeeded");
  });
});

describe("nested graphs", () => {
  it("runs a branch that is itself a DAG, its output being its sinks' outputs", async () => {
    const name = await createJob({
      name: uniqueJobName("branch-dag"),
      steps: [
        {
          id: "both",
          type: "parallel",
          branches: [
            [
              { id: "left", type: "pass", output: 1, depends_on: [] },
              { id: "right", type: "pass", output: 2, depends_on: [] },
              {
                id: "join",
                type: "pass",
                output: "{{ output.left | plus: output.right }}",
                depends_on: ["left", "right"],
              },
            ],
            [{ id: "other", type: "pass", output: "b" }],
          ],
        },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({ status: "succeeded", output: [{ join: 3 }, "b"] });
  });
});

describe("map steps", () => {
  it("runs the steps per item with meta.item and meta.index, output in item order", async () => {
    const path = uniquePath("item");
    const name = await createJob({
      name: uniqueJobName("map"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.users }}",
          max_concurrency: 2,
          steps: [
            {
              id: "post",
              type: "task",
              http: { method: "POST", url: target.url(path), body: { user: "{{ meta.item }}" } },
            },
            { id: "label", type: "pass", output: "{{ meta.index }}:{{ output.post.body.user }}" },
          ],
        },
      ],
    });
    const run = await waitForRun(
      await startRun(name, { params: { users: ["ada", "bob", "cy", "dee", "eve"] } }),
    );
    expect(run).toMatchObject({
      status: "succeeded",
      output: ["0:ada", "1:bob", "2:cy", "3:dee", "4:eve"],
    });
    const keys = (await target.requests(path)).map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(5);
    expect(keys).toContain(`${run.id}:each/3/post:1`);
  });

  it("maps over 1,000 items, spreading the calls over alarm invocations", async () => {
    const path = uniquePath("thousand");
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const name = await createJob({
      name: uniqueJobName("map-1000"),
      // Default settings but for the calls in flight: the map's 50 items at once need them.
      max_parallel: 50,
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          max_concurrency: 50,
          steps: [
            {
              id: "hit",
              type: "task",
              http: { method: "POST", url: target.url(path), body: { n: "{{ meta.item }}" } },
            },
          ],
        },
        { id: "count", type: "pass", output: "{{ output.each | size }}" },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { items } }), undefined, 120_000);
    expect(run, JSON.stringify(run.error)).toMatchObject({ status: "succeeded", output: 1000 });
    const bodies = (await target.requests(path)).map((r) => JSON.parse(r.body).n as number);
    expect(bodies.sort((a, b) => a - b)).toEqual(items);
  }, 150_000);

  it("fails when items is not an array, and rejects bad children when saved", async () => {
    const name = await createJob({
      name: uniqueJobName("map-bad"),
      steps: [
        { id: "each", type: "map", items: "{{ params.n }}", steps: [{ id: "x", type: "pass" }] },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { n: 3 } }));
    expect(run).toMatchObject({ status: "failed", error: { type: "template" } });

    const bad = await call("/jobs", {
      body: {
        name: uniqueJobName("map-invalid"),
        steps: [
          { id: "fan", type: "parallel", branches: [[{ id: "a", type: "pass", next: "ghost" }]] },
          { id: "each", type: "map", items: "{{ params.x }}", steps: [{ id: "b", type: "nope" }] },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const paths = (await readProblem(bad)).errors.map((e) => e.path);
    expect(paths).toEqual(["steps.0.branches.0.0.next", "steps.1.steps.0.type"]);
  });
});
