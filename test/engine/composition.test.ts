/**
 * Composition: every step kind works the same at every depth (DESIGN.md, "Composition").
 * The matrix is generated: each row is a step kind (a few steps and what the run must
 * output), each column a position the steps are placed in. A new step kind is covered by
 * adding one row.
 */
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/json";
import { call } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { POSITIONS, type Position, type Steps } from "./positions";
import {
  createAction,
  createJob,
  getHistory,
  getRun,
  getSteps,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
  waitForSteps,
} from "./runs";

/** One step kind: its steps, what the run must output, and what the test does meanwhile. */
interface Row {
  kind: string;
  steps(): Promise<Steps>;
  /** Acts on the running run (posts an event, calls a callback URL). */
  drive?(runId: string, prefix: string): Promise<void>;
  expected(position: Position): JsonValue;
}

const waitingAt = (runId: string, instance: string) =>
  waitForSteps(runId, (steps) => steps.some((s) => s.id === instance && s.status === "waiting"));

const ROWS: Row[] = [
  {
    kind: "a task with a stored action (concurrency, schemas, save_as, retry)",
    async steps() {
      const path = uniquePath("stored");
      // The first attempt fails: only the action's retry policy can make the run succeed.
      await target.program(path, [{ status: 503 }, { body: { value: "from-action" } }]);
      const action = uniqueJobName("stored");
      await createAction({
        name: action,
        type: "http",
        method: "POST",
        url: target.url(path),
        body: "{{ input }}",
        save_as: "saved",
        retry: { max_attempts: 2, delay: "10ms" },
        concurrency: { limit: 1 },
        input_schema: { type: "object", required: ["n"] },
        output_schema: { type: "object", required: ["value"] },
      });
      return [
        { id: "call", type: "task", action, with: { n: 1 } },
        { id: "read", type: "pass", output: "{{ output.saved.value }}" },
      ];
    },
    expected: () => "from-action",
  },
  {
    kind: "meta.item and meta.index of the nearest map",
    steps: async () => [{ id: "where", type: "pass", output: "{{ meta.index }}:{{ meta.item }}" }],
    expected: (position) => (position.inMap ? "0:x" : ":"),
  },
  {
    kind: "wait_for_event taking a named event",
    steps: async () => [{ id: "hold", type: "wait_for_event", event: "go" }],
    async drive(runId, prefix) {
      await waitingAt(runId, `${prefix}hold`);
      const response = await call(`/runs/${runId}/events/go`, { body: { via: "event" } });
      expect(await response.json()).toMatchObject({ taken_by: `${prefix}hold` });
    },
    expected: () => ({ via: "event" }),
  },
  {
    kind: "wait_for_event completed through its callback URL",
    steps: async () => [
      { id: "link", type: "pass", output: "{{ callbacks.hold }}" },
      { id: "hold", type: "wait_for_event", event: "go" },
    ],
    async drive(runId, prefix) {
      const steps = await waitingAt(runId, `${prefix}hold`);
      const url = String(stepOf(steps, `${prefix}link`).output);
      expect(url).toMatch(/^\/callbacks\//);
      expect((await call(url, { body: { via: "callback" }, token: null })).status).toBe(202);
    },
    expected: () => ({ via: "callback" }),
  },
  {
    kind: "run_job",
    async steps() {
      const child = await createJob({
        name: uniqueJobName("child"),
        steps: [{ id: "double", type: "succeed", output: "{{ params.n | times: 2 }}" }],
      });
      return [{ id: "sub", type: "run_job", job: child, params: { n: 21 } }];
    },
    expected: () => 42,
  },
  {
    kind: "catch routing a failed task",
    async steps() {
      const path = uniquePath("down");
      await target.program(path, [{ status: 503 }]);
      return [
        {
          id: "boom",
          type: "task",
          http: { url: target.url(path) },
          catch: [{ errors: ["http_5xx"], next: "handled" }],
          next: "never",
        },
        { id: "never", type: "fail" },
        { id: "handled", type: "pass", output: "caught {{ output.boom.error.type }}" },
      ];
    },
    expected: () => "caught http_5xx",
  },
];

describe("every step kind at every depth", () => {
  for (const row of ROWS) {
    for (const position of POSITIONS) {
      it(`${row.kind}, ${position.name}`, async () => {
        const name = await createJob({
          name: uniqueJobName("compose"),
          steps: position.place(await row.steps()),
        });
        const id = await startRun(name, { params: { items: ["x"] } });
        await row.drive?.(id, position.prefix);
        const run = await waitForRun(id);
        expect(run, JSON.stringify({ run, steps: await getSteps(id) })).toMatchObject({
          status: "succeeded",
        });
        expect(position.unwrap(run.output)).toEqual(row.expected(position));
      });
    }
  }
});

describe("a fail step's error is the type enclosing steps catch", () => {
  for (const position of POSITIONS.filter((p) => p.prefix !== "")) {
    it(`${position.name}: the enclosing step's catch matches the fail step's error`, async () => {
      const [outer] = position.place([{ id: "stop", type: "fail", error: "OutOfStock" }]);
      const name = await createJob({
        name: uniqueJobName("fail-type"),
        steps: [
          {
            ...outer,
            catch: [{ errors: ["OutOfStock"], next: "handled" }],
            next: "unreached",
          },
          { id: "unreached", type: "fail" },
          {
            id: "handled",
            type: "pass",
            output: "handled {{ output.fan.error.type }}{{ output.each.error.type }}",
          },
        ],
      });
      const run = await waitForRun(await startRun(name, { params: { items: ["x"] } }));
      expect(run).toMatchObject({ status: "succeeded", output: "handled OutOfStock" });
    });
  }

  it("run_job: the child's error type is the step's, for its catch", async () => {
    const child = await createJob({
      name: uniqueJobName("child-out"),
      steps: [{ id: "stop", type: "fail", error: "OutOfStock", message: "no more" }],
    });
    const name = await createJob({
      name: uniqueJobName("parent-out"),
      steps: [
        {
          id: "sub",
          type: "run_job",
          job: child,
          catch: [{ errors: ["OutOfStock"], next: "handled" }],
          next: "unreached",
        },
        { id: "unreached", type: "fail" },
        { id: "handled", type: "pass", output: "{{ output.sub.error.type }}" },
      ],
    });
    const run = await waitForRun(await startRun(name));
    expect(run).toMatchObject({ status: "succeeded", output: "OutOfStock" });
    expect(stepOf(await getSteps(run.id), "sub").error).toMatchObject({ type: "OutOfStock" });
  });
});

describe("stored actions used at depth", () => {
  it("cannot be deleted while a job uses them in a parallel inside a map", async () => {
    const action = uniqueJobName("deep-action");
    await createAction({ name: action, type: "http", url: target.url(uniquePath("deep")) });
    const [nested] = POSITIONS.filter((p) => p.name === "in a parallel inside a map");
    await createJob({
      name: uniqueJobName("deep-user"),
      steps: nested?.place([{ id: "call", type: "task", action }]),
    });
    const refused = await call(`/actions/${action}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await call(`/actions/${action}`)).status).toBe(200);
  });
});

describe("action concurrency at depth", () => {
  it("holds a map's items to the stored action's limit, one call at a time", async () => {
    const path = uniquePath("capped-deep");
    await target.program(path, [{ hold: true }]);
    const action = uniqueJobName("capped-deep");
    await createAction({
      name: action,
      type: "http",
      method: "POST",
      url: target.url(path),
      concurrency: { limit: 1 },
    });
    const name = await createJob({
      name: uniqueJobName("capped-map"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          max_concurrency: 3,
          steps: [{ id: "call", type: "task", action }],
        },
      ],
    });
    const id = await startRun(name, { params: { items: [1, 2, 3] } });
    const deadline = Date.now() + 20_000;
    let released = 0;
    while ((await getRun(id)).status !== "succeeded" && Date.now() < deadline) {
      const held = await target.held(path);
      expect(held).toBeLessThanOrEqual(1);
      if (held > 0) released += await target.release(path);
      await scheduler.wait(20);
    }
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded" });
    expect(released).toBe(3);
    // Items held back by the limit record their wait for the slot, as a top-level task does.
    const slotWaits = (await getHistory(id)).filter(
      (e) => e.type === "wait_started" && (e.data as { slot?: string }).slot === action,
    );
    expect(slotWaits.length).toBeGreaterThanOrEqual(1);
    expect(slotWaits.every((e) => e.step_id?.startsWith("each/"))).toBe(true);
  });
});
