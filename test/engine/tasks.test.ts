import { describe, expect, it } from "vitest";
import { target, uniquePath } from "../support/target";
import {
  createAction,
  createJob,
  getHistory,
  getSteps,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
} from "./runs";

/** A job of one inline http task against the target server, plus any extra steps. */
async function httpJob(path: string, task: Record<string, unknown> = {}, rest: unknown[] = []) {
  return createJob({
    name: uniqueJobName("http"),
    steps: [
      {
        id: "call",
        type: "task",
        http: { method: "POST", url: target.url(path), body: { n: "{{ params.n }}" } },
        ...task,
      },
      ...rest,
    ],
  });
}

describe("task steps", () => {
  it("calls the action with its rendered body, an Idempotency-Key, and saves the parsed output", async () => {
    const path = uniquePath("ok");
    await target.program(path, [{ status: 200, body: { status: "Done", count: 3 } }]);
    const action = uniqueJobName("Act");
    await createAction({
      name: action,
      type: "http",
      method: "POST",
      url: target.url(path),
      body: { who: "{{ input.who }}" },
      save_as: "jira",
    });
    const name = await createJob({
      name: uniqueJobName("named"),
      steps: [
        { id: "check", type: "task", action, with: { who: "{{ params.who }}" } },
        { id: "done", type: "pass", output: "{{ context.jira.count | plus: output.check.count }}" },
      ],
    });
    const id = await startRun(name, { params: { who: "ada" } });
    const run = await waitForRun(id);
    expect(run.status).toBe("succeeded");
    expect(run.output).toBe(6);
    const [request, ...more] = await target.requests(path);
    expect(more).toHaveLength(0);
    expect(JSON.parse(request?.body ?? "")).toEqual({ who: "ada" });
    expect(request?.headers["idempotency-key"]).toBe(`${id}:check:1`);
    const check = stepOf(await getSteps(id), "check");
    expect(check).toMatchObject({
      status: "succeeded",
      attempts: 1,
      input: { who: "ada" },
      output: { status: "Done", count: 3 },
    });
  });

  it("retries 5xx with backoff and succeeds, keeping one idempotency key", async () => {
    const path = uniquePath("flaky");
    await target.program(path, [
      { status: 503 },
      { status: 500 },
      { status: 200, body: { fine: true } },
    ]);
    const name = await httpJob(path, {
      retry: { max_attempts: 3, backoff: "exponential", delay: "20ms", jitter: false },
    });
    const run = await waitForRun(await startRun(name, { params: { n: 1 } }));
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ fine: true });
    const requests = await target.requests(path);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    const failures = (await getHistory(run.id)).filter((e) => e.type === "attempt_failed");
    expect(failures.map((e) => (e.data as { retry_in_ms: number }).retry_in_ms)).toEqual([20, 40]);
  });

  it("honours Retry-After on a 429 over the backoff", async () => {
    const path = uniquePath("limited");
    await target.program(path, [
      { status: 429, headers: { "Retry-After": "1" } },
      { status: 200, body: "ok" },
    ]);
    const name = await httpJob(path, { retry: { max_attempts: 2, delay: "10ms" } });
    const run = await waitForRun(await startRun(name, { params: { n: 1 } }));
    expect(run.status).toBe("succeeded");
    const [first, second] = await target.requests(path);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("does not retry a 4xx and fails the run naming the step", async () => {
    const path = uniquePath("missing");
    await target.program(path, [{ status: 404, body: { error: "nope" } }]);
    const name = await httpJob(path, { retry: { max_attempts: 5, delay: "10ms" } });
    const run = await waitForRun(await startRun(name, { params: { n: 1 } }));
    expect(run).toMatchObject({
      status: "failed",
      failed_step: "call",
      error: { type: "http_4xx", status: 404 },
    });
    expect(await target.requests(path)).toHaveLength(1);
  });

  it("routes a caught error to its catch step, exposing it as output.<id>.error", async () => {
    const path = uniquePath("caught");
    await target.program(path, [{ status: 429 }]);
    const name = await httpJob(
      path,
      { catch: [{ errors: ["http_4xx"], next: "recover" }], next: "unreached" },
      [
        { id: "unreached", type: "fail" },
        { id: "recover", type: "pass", output: "{{ output.call.error.type }}" },
      ],
    );
    const run = await waitForRun(await startRun(name, { params: { n: 1 } }));
    expect(run).toMatchObject({ status: "succeeded", output: "http_429" });
  });

  it("times an attempt out and fails with a timeout error", async () => {
    const path = uniquePath("slow");
    await target.program(path, [{ hold: true }]);
    const name = await httpJob(path, { timeout: "200ms" });
    const run = await waitForRun(await startRun(name, { params: { n: 1 } }));
    await target.release(path);
    expect(run).toMatchObject({ status: "failed", error: { type: "timeout" } });
  });

  it("runs a registered handler with the step's input", async () => {
    const name = await createJob({
      name: uniqueJobName("handler"),
      steps: [
        { id: "echo", type: "task", handler: "echo", with: { twice: "{{ params.n | times: 2 }}" } },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { n: 21 } }));
    expect(run).toMatchObject({ status: "succeeded", output: { twice: 42 } });
  });

  it("keeps secrets out of stored inputs, outputs and history", async () => {
    const path = uniquePath("secret");
    const name = await createJob({
      name: uniqueJobName("secret"),
      steps: [
        {
          id: "call",
          type: "task",
          http: {
            method: "POST",
            url: target.url(path),
            headers: { "X-Key": "{{ secrets.API_KEY }}" },
            body: { echo: "{{ secrets.API_KEY }}" },
          },
          with: { key: "{{ secrets.API_KEY }}" },
        },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("succeeded");
    const [request] = await target.requests(path);
    expect(request?.headers["x-key"]).toBe("s3cr3t-value-for-tests");
    const stored = JSON.stringify([run, await getSteps(run.id), await getHistory(run.id)]);
    expect(stored).not.toContain("s3cr3t-value-for-tests");
    expect(stored).toContain("[redacted]");
  });

  it("redacts secrets rendered by inline steps and in template errors", async () => {
    const name = await createJob({
      name: uniqueJobName("secret-inline"),
      steps: [
        { id: "keep", type: "pass", output: { k: "{{ secrets.API_KEY }}" } },
        { id: "nap", type: "wait", duration: "{{ secrets.API_KEY }}" },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("failed");
    const stored = JSON.stringify([run, await getSteps(run.id), await getHistory(run.id)]);
    expect(stored).not.toContain("s3cr3t-value-for-tests");
    expect(stepOf(await getSteps(run.id), "keep").output).toEqual({ k: "[redacted]" });
  });
});

describe("typed steps at run time", () => {
  it("fails a step whose output breaks its output_schema, naming the field", async () => {
    const path = uniquePath("typed");
    await target.program(path, [{ status: 200, body: { id: 7 } }]);
    const name = await createJob({
      name: uniqueJobName("typed-out"),
      steps: [
        {
          id: "fetch",
          type: "task",
          http: { url: target.url(path) },
          output_schema: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string" } },
          },
          catch: [{ errors: ["schema"], next: "explain" }],
          next: "unreached",
        },
        { id: "unreached", type: "fail" },
        { id: "explain", type: "succeed", output: "{{ output.fetch.error.message }}" },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run.status).toBe("succeeded");
    expect(String(run.output)).toMatch(/^output\.id: /);
  });

  it("checks the rendered input against input_schema before calling", async () => {
    const path = uniquePath("typed-in");
    const name = await createJob({
      name: uniqueJobName("typed-in"),
      steps: [
        {
          id: "send",
          type: "task",
          http: { method: "POST", url: target.url(path), body: "{{ input }}" },
          with: { count: "{{ params.count }}" },
          input_schema: { type: "object", properties: { count: { type: "integer" } } },
        },
      ],
    });
    const run = await waitForRun(await startRun(name, { params: { count: "many" } }));
    expect(run).toMatchObject({ status: "failed", error: { type: "schema" } });
    expect(run.error?.message).toContain("input.count");
    expect(await target.requests(path)).toHaveLength(0);
  });
});
