import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import {
  createJob,
  getHistory,
  getRun,
  getSteps,
  runs,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
  waitForSteps,
} from "./runs";

const childId = async (parent: string, step: string) => {
  const steps = await getSteps(parent);
  return String((stepOf(steps, step).output as { run_id?: string } | null)?.run_id ?? "");
};

/**
 * A job that admits one run at a time and refuses (`skip`) any start beyond it: a run
 * started with `params.hold` holds the slot until its event `go`, any other succeeds.
 */
async function singleRunJob() {
  return createJob({
    name: uniqueJobName("child-single"),
    concurrency: { limit: 1, overlap: "skip" },
    steps: [
      { id: "hold", type: "wait_for_event", event: "go", when: "params.hold" },
      { id: "done", type: "succeed", output: "started" },
    ],
  });
}

async function childrenOf(child: string, parent: string): Promise<string[]> {
  const listed = await (await call(`/runs?job=${child}`)).json<{
    items: { id: string; trigger: string }[];
  }>();
  return listed.items.filter((run) => run.trigger === `run_job:${parent}`).map((run) => run.id);
}

/**
 * While a run of a singleRunJob holds its slot, starts a parent whose `sub` step (with
 * `fields`) runs that job, and waits until the parent's first child start was refused.
 */
async function startRefusedChild(fields: Record<string, unknown>, after: unknown[] = []) {
  const child = await singleRunJob();
  const holder = await startRun(child, { params: { hold: true } });
  await waitForRun(holder, ["waiting"]);
  const parent = await createJob({
    name: uniqueJobName("parent-retry"),
    steps: [{ id: "sub", type: "run_job", job: child, ...fields }, ...after],
  });
  const id = await startRun(parent);
  return { child, holder, id, refused: await waitForFailedStart(id) };
}

async function waitForFailedStart(parent: string) {
  for (let i = 0; i < 500; i += 1) {
    const failed = (await getHistory(parent)).find((event) => event.type === "attempt_failed");
    if (failed) return failed;
    await scheduler.wait(20);
  }
  throw new Error(`run ${parent}: no failed child start`);
}

describe("run_job steps", () => {
  it("runs another job with params and takes its output", async () => {
    const child = await createJob({
      name: uniqueJobName("child"),
      steps: [{ id: "double", type: "succeed", output: "{{ params.n | times: 2 }}" }],
    });
    const parent = await createJob({
      name: uniqueJobName("parent"),
      steps: [
        { id: "sub", type: "run_job", job: child, params: { n: "{{ params.n }}" } },
        { id: "done", type: "pass", output: "{{ output.sub | plus: 1 }}" },
      ],
    });
    const run = await waitForRun(await startRun(parent, { params: { n: 20 } }));
    expect(run).toMatchObject({ status: "succeeded", output: 41 });
    const children = await (await call(`/runs?job=${child}`)).json<{
      items: { id: string; trigger: string }[];
    }>();
    expect(children.items).toEqual([expect.objectContaining({ trigger: `run_job:${run.id}` })]);
  });

  it("fails the step when the child fails, and its catch takes over", async () => {
    const child = await createJob({
      name: uniqueJobName("child-fail"),
      steps: [{ id: "no", type: "fail", error: "Nope" }],
    });
    const parent = await createJob({
      name: uniqueJobName("parent-catch"),
      steps: [
        {
          id: "sub",
          type: "run_job",
          job: child,
          catch: [{ errors: ["*"], next: "handled" }],
          next: "unreached",
        },
        { id: "unreached", type: "fail" },
        { id: "handled", type: "succeed", output: "{{ output.sub.error.message }}" },
      ],
    });
    const run = await waitForRun(await startRun(parent));
    expect(run.status).toBe("succeeded");
    expect(String(run.output)).toMatch(/^child run [0-9a-f]{32} failed: Nope$/);
  });

  it("cancels the child when the parent is cancelled, and on the step's timeout", async () => {
    const child = await createJob({
      name: uniqueJobName("child-slow"),
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const parent = await createJob({
      name: uniqueJobName("parent-cancel"),
      steps: [{ id: "sub", type: "run_job", job: child }],
    });
    const id = await startRun(parent);
    await waitForRun(id, ["waiting", "running"]);
    let sub = "";
    for (let i = 0; i < 100 && !sub; i += 1) {
      sub = await childId(id, "sub");
      if (!sub) await scheduler.wait(20);
    }
    await waitForRun(sub, ["waiting"]);
    expect((await call(`/runs/${id}/cancel`, { method: "POST" })).status).toBe(200);
    expect((await getRun(sub)).status).toBe("cancelled");

    const timed = await createJob({
      name: uniqueJobName("parent-timeout"),
      steps: [{ id: "sub", type: "run_job", job: child, timeout: "300ms" }],
    });
    const run = await waitForRun(await startRun(timed));
    expect(run).toMatchObject({ status: "failed", error: { type: "timeout" } });
    expect((await getRun(await childId(run.id, "sub"))).status).toBe("cancelled");
  });

  it("cancels the child when the parent run times out", async () => {
    const child = await createJob({
      name: uniqueJobName("child-long"),
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const parent = await createJob({
      name: uniqueJobName("parent-deadline"),
      timeout: "400ms",
      steps: [{ id: "sub", type: "run_job", job: child }],
    });
    const run = await waitForRun(await startRun(parent));
    expect(run.status).toBe("timed_out");
    expect((await getRun(await childId(run.id, "sub"))).status).toBe("cancelled");
  });

  it("cancels the children of run_job steps its graph cancels: a fail-fast sibling, a DAG's succeed", async () => {
    const child = await createJob({
      name: uniqueJobName("child-idle"),
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const failFast = await createJob({
      name: uniqueJobName("parent-fail-fast"),
      steps: [
        {
          id: "both",
          type: "parallel",
          branches: [
            [{ id: "sub", type: "run_job", job: child }],
            [
              { id: "nap", type: "wait", duration: "300ms" },
              { id: "boom", type: "fail", error: "Boom" },
            ],
          ],
          // Caught, so the parent goes on waiting: only the fail-fast can stop the child.
          catch: [{ errors: ["*"], next: "later" }],
        },
        { id: "later", type: "wait", duration: "1h" },
      ],
    });
    const id = await startRun(failFast);
    await waitForSteps(id, (steps) => stepOf(steps, "later").status === "waiting");
    const sub = await childId(id, "both/0/sub");
    expect(stepOf(await getSteps(id), "both/0/sub").status).toBe("cancelled");
    expect((await waitForRun(sub)).status).toBe("cancelled");
    await call(`/runs/${id}/cancel`, { method: "POST" });

    const dag = await createJob({
      name: uniqueJobName("parent-dag-succeed"),
      steps: [
        { id: "sub", type: "run_job", job: child, depends_on: [] },
        { id: "nap", type: "wait", duration: "300ms", depends_on: [] },
        { id: "enough", type: "succeed", output: "done", depends_on: ["nap"] },
      ],
    });
    const run = await waitForRun(await startRun(dag));
    expect(run).toMatchObject({ status: "succeeded", output: "done" });
    expect((await waitForRun(await childId(run.id, "sub"))).status).toBe("cancelled");
  });

  it("retries a child start its job's coordinator refused, and starts exactly one child", async () => {
    const { child, holder, id, refused } = await startRefusedChild({});
    expect(refused).toMatchObject({
      step_id: "sub",
      data: { attempt: 1, error: { type: "failed", retryable: true } },
    });
    expect(JSON.stringify(refused.data)).toMatch(/overlap skip/);
    expect((refused.data as { retry_in_ms?: number }).retry_in_ms).toBeGreaterThan(0);

    await call(`/runs/${holder}/events/go`, { body: {} });
    expect((await waitForRun(holder)).status).toBe("succeeded");
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: "started" });
    const started = (await getHistory(id)).filter((event) => event.type === "child_started");
    expect(started).toEqual([expect.objectContaining({ step_id: "sub" })]);
    const childIds = started.map((event) => (event.data as { run_id: string }).run_id);
    expect(await childrenOf(child, id)).toEqual(childIds);
  });

  it("retries a refused child start of a run_job in a parallel inside a map body", async () => {
    const child = await singleRunJob();
    const holder = await startRun(child, { params: { hold: true } });
    await waitForRun(holder, ["waiting"]);
    const sub = { id: "sub", type: "run_job", job: child };
    const parent = await createJob({
      name: uniqueJobName("parent-retry-nested"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [{ id: "fan", type: "parallel", branches: [[sub]] }],
        },
      ],
    });
    const id = await startRun(parent, { params: { items: [1] } });
    const refused = await waitForFailedStart(id);
    expect(refused).toMatchObject({
      step_id: "each/0/fan/0/sub",
      data: { error: { retryable: true } },
    });

    await call(`/runs/${holder}/events/go`, { body: {} });
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: [["started"]] });
    const started = (await getHistory(id)).filter((event) => event.type === "child_started");
    expect(started).toEqual([expect.objectContaining({ step_id: "each/0/fan/0/sub" })]);
    expect(await childrenOf(child, id)).toHaveLength(1);
  });

  it("a step timeout while its child start waits for a retry fails it and drops the retry", async () => {
    const { child, holder, id } = await startRefusedChild(
      { timeout: "2500ms", catch: [{ errors: ["timeout"], next: "after" }] },
      [{ id: "after", type: "wait_for_event", event: "never" }],
    );
    const steps = await waitForSteps(id, (all) => stepOf(all, "sub").status === "failed");
    expect(stepOf(steps, "sub").error).toMatchObject({ type: "timeout" });
    const timers = await runInDurableObject(runs.get(runs.idFromName(id)), (_object, state) =>
      state.storage.sql.exec("SELECT kind FROM cairn_timers WHERE step_id = 'sub'").toArray(),
    );
    expect(timers).toEqual([]);
    expect(await childrenOf(child, id)).toEqual([]);
    await call(`/runs/${id}/cancel`, { method: "POST" });
    await call(`/runs/${holder}/events/go`, { body: {} });
  });

  it("fails the step at once when the child job no longer exists", async () => {
    const child = await createJob({
      name: uniqueJobName("child-deleted"),
      steps: [{ id: "x", type: "pass" }],
    });
    const parent = await createJob({
      name: uniqueJobName("parent-of-deleted"),
      steps: [{ id: "sub", type: "run_job", job: child }],
    });
    expect((await call(`/jobs/${child}`, { method: "DELETE" })).status).toBe(204);
    const run = await waitForRun(await startRun(parent));
    expect(run).toMatchObject({
      status: "failed",
      error: { type: "failed", message: `job "${child}" does not exist`, retryable: false },
    });
    const failures = (await getHistory(run.id)).filter((e) => e.type === "attempt_failed");
    expect(failures).toEqual([
      expect.objectContaining({
        data: expect.not.objectContaining({ retry_in_ms: expect.anything() }),
      }),
    ]);
  });

  it("rejects unknown jobs and recursion when saved", async () => {
    const a = uniqueJobName("rec-a");
    const unknown = await call("/jobs", {
      body: { name: a, steps: [{ id: "x", type: "run_job", job: "nowhere" }] },
    });
    expect(unknown.status).toBe(400);
    expect((await readProblem(unknown)).errors[0]).toEqual({
      path: "steps.0.job",
      message: 'job "nowhere" does not exist',
    });

    const self = await call("/jobs", {
      body: { name: a, steps: [{ id: "x", type: "run_job", job: a }] },
    });
    expect((await readProblem(self)).errors[0]?.message).toBe(`recursion: ${a} -> ${a}`);

    await createJob({ name: a, steps: [{ id: "x", type: "pass" }] });
    const b = await createJob({
      name: uniqueJobName("rec-b"),
      steps: [{ id: "y", type: "run_job", job: a }],
    });
    const loop = await call(`/jobs/${a}`, {
      method: "PUT",
      body: {
        steps: [{ id: "x", type: "parallel", branches: [[{ id: "z", type: "run_job", job: b }]] }],
      },
    });
    expect(loop.status).toBe(400);
    expect((await readProblem(loop)).errors[0]).toEqual({
      path: "steps.0.branches.0.0.job",
      message: `recursion: ${a} -> ${b} -> ${a}`,
    });
  });
});
