/**
 * State moves of the engine, as tables, on the offline harness: the same step handlers,
 * transitions and store as the run Durable Object, on node:sqlite with a virtual clock.
 * Each row is a job, what it is given, and the run it must end as.
 */
import { describe, expect, it } from "vitest";
import type { RunStatus } from "../../src/core/statuses";
import { type JobRun, path, runJob, statuses, T0 } from "./run";

interface Row extends JobRun {
  name: string;
  job: { name: string; steps: unknown[]; [field: string]: unknown };
  status: RunStatus;
  output?: unknown;
  path?: string[];
  steps?: Record<string, string>;
  /** Attempts by step id. */
  attempts?: Record<string, number>;
  failedStep?: string;
  /** What the run's error says. */
  error?: RegExp;
}

const flaky = { responses: [{ error: { type: "network", message: "reset" } }, { ok: 1 }] };
const down = { error: { type: "http_5xx", message: "503 from upstream", status: 503 } };
const lookup = { name: "Lookup", type: "http", method: "GET", url: "https://api.example.com/x" };
const task = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "task",
  action: "Lookup",
  ...extra,
});

const ROWS: Row[] = [
  {
    name: "a sequence runs in order and ends with the last output",
    job: {
      name: "seq",
      steps: [
        { id: "a", type: "pass", output: 1 },
        { id: "b", type: "pass", output: "{{ output.a | plus: 1 }}" },
        { id: "c", type: "pass", output: "{{ output.b | times: 10 }}" },
      ],
    },
    status: "succeeded",
    output: 20,
    path: ["a", "b", "c"],
  },
  {
    name: "a choice follows the first condition that holds",
    job: {
      name: "choose",
      steps: [
        {
          id: "pick",
          type: "choice",
          conditions: [{ if: "params.n > 5", next: "big" }, { default: "small" }],
        },
        { id: "small", type: "succeed", output: "small" },
        { id: "big", type: "succeed", output: "big" },
      ],
    },
    params: { n: 9 },
    status: "succeeded",
    output: "big",
    path: ["pick", "big"],
    steps: { pick: "succeeded", small: "pending", big: "succeeded" },
  },
  {
    name: "a DAG applies its trigger conditions after a failure",
    job: {
      name: "dag",
      steps: [
        { id: "ok", type: "pass", output: 1 },
        { id: "boom", type: "fail", error: "Boom" },
        { id: "cleanup", type: "pass", depends_on: ["boom"], condition: "on_failure" },
        { id: "after_boom", type: "pass", depends_on: ["boom"] },
        { id: "always", type: "pass", depends_on: ["boom", "ok"], condition: "all_done" },
      ],
    },
    status: "failed",
    failedStep: "boom",
    steps: {
      ok: "succeeded",
      boom: "failed",
      cleanup: "succeeded",
      after_boom: "skipped",
      always: "succeeded",
    },
  },
  {
    name: "a retryable failure is retried, then the step succeeds",
    job: { name: "retry", steps: [task("call", { retry: { max_attempts: 3, delay: "10s" } })] },
    actions: [lookup],
    mocks: { Lookup: flaky },
    status: "succeeded",
    output: { ok: 1 },
    attempts: { call: 2 },
  },
  {
    name: "retries exhausted, the step's catch takes over",
    job: {
      name: "caught",
      steps: [
        task("call", {
          retry: { max_attempts: 2, delay: "1s" },
          catch: [{ errors: ["http_5xx"], next: "fallback" }],
          next: "unreached",
        }),
        { id: "unreached", type: "fail" },
        { id: "fallback", type: "succeed", output: "{{ output.call.error.type }}" },
      ],
    },
    actions: [lookup],
    mocks: { Lookup: down },
    status: "succeeded",
    output: "http_5xx",
    steps: { call: "failed", unreached: "pending", fallback: "succeeded" },
    attempts: { call: 2 },
  },
  {
    name: "parallel branches all run and their outputs come in order",
    job: {
      name: "par",
      steps: [
        {
          id: "fan",
          type: "parallel",
          branches: [
            [{ id: "x", type: "pass", output: "x" }],
            [{ id: "y", type: "pass", output: "y" }],
          ],
        },
      ],
    },
    status: "succeeded",
    output: ["x", "y"],
  },
  {
    name: "a map runs its body once per item",
    job: {
      name: "mapped",
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          max_concurrency: 2,
          steps: [{ id: "double", type: "pass", output: "{{ meta.item | times: 2 }}" }],
        },
      ],
    },
    params: { items: [1, 2, 3] },
    status: "succeeded",
    output: [2, 4, 6],
  },
  {
    name: "a parallel inside a map body calls a mocked action and waits, per item",
    job: {
      name: "nested",
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [
            {
              id: "both",
              type: "parallel",
              branches: [
                [task("call", { retry: { max_attempts: 2, delay: "1s" } })],
                [
                  { id: "nap", type: "wait", duration: "1h" },
                  { id: "item", type: "pass", output: "{{ meta.item }}" },
                ],
              ],
            },
          ],
        },
      ],
    },
    params: { items: ["a", "b"] },
    actions: [lookup],
    // The first call fails and is retried; which item's call it is depends on order.
    mocks: { Lookup: { responses: [{ error: { type: "network", message: "reset" } }, 7, 7] } },
    status: "succeeded",
    output: [
      [7, "a"],
      [7, "b"],
    ],
  },
  {
    name: "an inline action inside a parallel branch is mocked by its step's id",
    job: {
      name: "inline-nested",
      steps: [
        {
          id: "fan",
          type: "parallel",
          branches: [
            [{ id: "fetch", type: "task", http: { method: "GET", url: "https://example.com" } }],
            [{ id: "other", type: "pass", output: "o" }],
          ],
        },
      ],
    },
    mocks: { fetch: { status: "ok" } },
    status: "succeeded",
    output: [{ status: "ok" }, "o"],
  },
  {
    name: "a wait_for_event with no event times out into its catch",
    job: {
      name: "approval",
      steps: [
        {
          id: "approve",
          type: "wait_for_event",
          event: "approved",
          timeout: "2d",
          catch: [{ errors: ["timeout"], next: "expired" }],
          next: "done",
        },
        { id: "done", type: "succeed", output: "approved" },
        { id: "expired", type: "succeed", output: "expired" },
      ],
    },
    status: "succeeded",
    output: "expired",
  },
  {
    name: "a wait_for_event takes an event given to the run",
    job: {
      name: "approval-given",
      steps: [
        { id: "approve", type: "wait_for_event", event: "approved", timeout: "2d" },
        { id: "done", type: "succeed", output: "{{ output.approve.by }}" },
      ],
    },
    events: [{ name: "approved", body: { by: "ada" } }],
    status: "succeeded",
    output: "ada",
  },
  {
    name: "a fail step fails the run with its error",
    job: { name: "failing", steps: [{ id: "no", type: "fail", error: "Nope", message: "no" }] },
    status: "failed",
    failedStep: "no",
    error: /^Nope: no$/,
  },
  {
    name: "a run_job step runs its child offline and takes its output",
    job: {
      name: "parent",
      steps: [
        { id: "sub", type: "run_job", job: "child", params: { n: "{{ params.n }}" } },
        { id: "done", type: "pass", output: "{{ output.sub | plus: 1 }}" },
      ],
    },
    jobs: [
      {
        name: "child",
        steps: [{ id: "double", type: "succeed", output: "{{ params.n | times: 2 }}" }],
      },
    ],
    params: { n: 20 },
    status: "succeeded",
    output: 41,
  },
  {
    name: "a run_job step whose job is not given fails, naming it",
    job: { name: "orphan", steps: [{ id: "sub", type: "run_job", job: "missing" }] },
    status: "failed",
    failedStep: "sub",
    error: /job "missing" is not among the definitions given to cairn test/,
  },
  {
    name: "a run_job step whose child refuses its params fails, naming the field",
    job: { name: "bad-params", steps: [{ id: "sub", type: "run_job", job: "strict", params: {} }] },
    jobs: [
      {
        name: "strict",
        params: { type: "object", required: ["n"], properties: { n: { type: "number" } } },
        steps: [{ id: "a", type: "pass" }],
      },
    ],
    status: "failed",
    failedStep: "sub",
    error: /could not start job "strict": params: .*"n"/,
  },
  {
    name: "a run past its job's timeout ends timed_out at the step in progress",
    job: { name: "slow", timeout: "1h", steps: [{ id: "nap", type: "wait", duration: "2h" }] },
    status: "timed_out",
    failedStep: "nap",
    steps: { nap: "cancelled" },
  },
  {
    name: "a handler action without a mock runs the registered handler",
    job: {
      name: "echoing",
      steps: [{ id: "say", type: "task", handler: "echo", with: { hi: "{{ params.who }}" } }],
    },
    params: { who: "ada" },
    status: "succeeded",
    output: { hi: "ada" },
  },
  {
    name: "a mock of an inline action is named by its step's id",
    job: {
      name: "inline",
      steps: [{ id: "fetch", type: "task", http: { method: "GET", url: "https://example.com" } }],
    },
    mocks: { fetch: { status: "ok" } },
    status: "succeeded",
    output: { status: "ok" },
  },
  {
    name: "an action without a mock fails its step, naming the mock it needs",
    job: { name: "unmocked", steps: [task("call")] },
    actions: [lookup],
    status: "failed",
    failedStep: "call",
    error: /no mock for action "Lookup": pass --mock Lookup=<file>/,
  },
];

describe("state moves on the offline harness", () => {
  it.each(ROWS)("$name", async (row) => {
    const result = await runJob(row.job, row);
    expect(result.run.status).toBe(row.status);
    if (row.output !== undefined) expect(result.run.output).toEqual(row.output);
    if (row.path) expect(path(result)).toEqual(row.path);
    if (row.steps) expect(statuses(result.steps)).toEqual(row.steps);
    if (row.failedStep) expect(result.run.failed_step).toBe(row.failedStep);
    if (row.error) expect(result.run.error?.message).toMatch(row.error);
    for (const [id, attempts] of Object.entries(row.attempts ?? {}))
      expect(result.steps.find((step) => step.id === id)?.attempts).toBe(attempts);
  });
});

const HOUR = 3_600_000;
const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) - T0 : null);

/** Rows whose moves take virtual time: when each step starts and ends, from the run's creation. */
const TIMED: {
  name: string;
  job: Row["job"];
  mocks?: Row["mocks"];
  times: Record<string, [number, number]>;
}[] = [
  {
    name: "a wait of 1h ends 1h later on the virtual clock",
    job: {
      name: "sleepy",
      steps: [
        { id: "nap", type: "wait", duration: "1h" },
        { id: "after", type: "pass" },
      ],
    },
    times: { nap: [0, HOUR], after: [HOUR, HOUR] },
  },
  {
    name: "a retry waits its delay before the next attempt",
    job: {
      name: "backoff",
      steps: [
        task("call", {
          retry: { max_attempts: 3, delay: "10s", backoff: "constant", jitter: false },
        }),
      ],
    },
    mocks: { Lookup: { responses: [down, down, { ok: true }] } },
    times: { call: [0, 20_000] },
  },
  {
    name: "a wait_for_event times out after its timeout",
    job: {
      name: "expires",
      steps: [{ id: "approve", type: "wait_for_event", event: "approved", timeout: "2d" }],
    },
    times: { approve: [0, 48 * HOUR] },
  },
];

describe("virtual time on the offline harness", () => {
  it.each(TIMED)("$name, at once in wall time", async ({ job, mocks, times }) => {
    const wallStart = Date.now();
    const result = await runJob(job, { actions: [lookup], mocks: mocks ?? {} });
    for (const [id, [started, finished]] of Object.entries(times)) {
      const step = result.steps.find((view) => view.id === id);
      expect([at(step?.started_at), at(step?.finished_at)], id).toEqual([started, finished]);
    }
    const last = result.history.at(-1);
    expect(at(last?.at)).toBe(Math.max(...Object.values(times).map(([, end]) => end)));
    // It did not sleep: far less wall time went by than the virtual time it covered.
    expect(Date.now() - wallStart).toBeLessThan(at(last?.at) ?? 0);
  });
});
