import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/json";
import { compileJob } from "../../src/definition/compile";
import type { StepGraph } from "../../src/definition/ir";
import { feederIds, feedInput } from "../../src/engine/feed";
import { emptyStep } from "../../src/engine/step-rows";
import type { StepRow } from "../../src/engine/store/run-store";
import { target, uniquePath } from "../support/target";
import { createJob, getSteps, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

function compile(steps: unknown[]): StepGraph {
  const result = compileJob(
    { name: "feed", steps },
    { actions: new Map(), handlers: new Set(["echo"]) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.job;
}

/** Rows by step id: each entry `[status, output, finished_at]`. */
function rows(entries: Record<string, [StepRow["status"], JsonValue, number]>) {
  return new Map(
    Object.entries(entries).map(([id, [status, output, finished_at]]) => [
      id,
      { ...emptyStep(id), status, output, finished_at },
    ]),
  );
}

const echo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "task",
  handler: "echo",
  ...extra,
});

describe("feedInput (a task without with:)", () => {
  it("gets the output of the step it was reached from in a sequence", () => {
    const graph = compile([
      { id: "a", type: "pass", output: { n: 1 }, next: "decide" },
      {
        id: "decide",
        type: "choice",
        conditions: [{ if: "true", next: "b" }],
        default: "c",
      },
      echo("b", { catch: [{ errors: ["*"], next: "c" }] }),
      echo("c"),
    ]);
    expect(feedInput(graph, "a", rows({}), { p: 1 })).toEqual({ p: 1 });
    const ran = rows({ a: ["succeeded", { n: 1 }, 1], decide: ["succeeded", { n: 2 }, 2] });
    expect(feedInput(graph, "b", ran, null)).toEqual({ n: 2 });
    // Reached from a catch route, the failed step's output (its error) feeds it...
    const caught = rows({
      decide: ["succeeded", "chose", 2],
      b: ["failed", { error: { type: "http_5xx", message: "x" } }, 3],
    });
    expect(feedInput(graph, "c", caught, null)).toEqual({
      error: { type: "http_5xx", message: "x" },
    });
    // ...and of the steps that lead to it, the one that settled last wins.
    const fromChoice = rows({ b: ["succeeded", "old", 1], decide: ["succeeded", "new", 5] });
    expect(feedInput(graph, "c", fromChoice, null)).toBe("new");
  });

  it("falls back to the graph's start value when nothing led to the step yet", () => {
    const graph = compile([echo("first"), echo("second")]);
    expect(feedInput(graph, "first", rows({}), { p: 1 })).toEqual({ p: 1 });
    expect(feedInput(graph, "second", rows({ first: ["skipped", null, 1] }), "start")).toBe(
      "start",
    );
  });

  it("gets one dependency's output as it is, several dependencies' objects merged", () => {
    const graph = compile([
      echo("a"),
      echo("b"),
      echo("one", { depends_on: ["a"] }),
      echo("both", { depends_on: ["a", "b"], condition: "all_done" }),
      echo("root_too", { depends_on: [] }),
    ]);
    const done = rows({ a: ["succeeded", [1, 2], 1], b: ["succeeded", { y: 2 }, 2] });
    expect(feedInput(graph, "one", done, "start")).toEqual([1, 2]);
    const objects = rows({ a: ["succeeded", { x: 1, y: 1 }, 1], b: ["succeeded", { y: 2 }, 2] });
    expect(feedInput(graph, "both", objects, null)).toEqual({ x: 1, y: 2 });
    const oneFailed = rows({ a: ["failed", null, 1], b: ["succeeded", { y: 2 }, 2] });
    expect(feedInput(graph, "both", oneFailed, null)).toEqual({ y: 2 });
    expect(feedInput(graph, "root_too", done, "start")).toBe("start");
  });

  it("names the steps a step is fed from: those leading to it, or its dependencies", () => {
    const sequence = compile([
      { id: "a", type: "pass", output: 1, next: "decide" },
      { id: "decide", type: "choice", conditions: [{ if: "true", next: "b" }], default: "c" },
      echo("b", { catch: [{ errors: ["*"], next: "d" }] }),
      echo("c"),
      echo("d"),
    ]);
    const fed = (graph: StepGraph, id: string) => [...feederIds(graph, id)].sort();
    expect(fed(sequence, "a")).toEqual([]);
    expect(fed(sequence, "decide")).toEqual(["a"]);
    expect(fed(sequence, "b")).toEqual(["decide"]);
    expect(fed(sequence, "c")).toEqual(["b", "decide"]);
    expect(fed(sequence, "d")).toEqual(["b", "c"]);
    const dag = compile([
      echo("a"),
      echo("b"),
      echo("one", { depends_on: ["a"] }),
      echo("both", { depends_on: ["a", "b"] }),
    ]);
    expect(fed(dag, "a")).toEqual([]);
    expect(fed(dag, "one")).toEqual(["a"]);
    expect(fed(dag, "both")).toEqual(["a", "b"]);
  });
});

describe("a task without with: in a run", () => {
  it("receives the params first, then each step's output, and passes its input_schema", async () => {
    const path = uniquePath("fed");
    await target.program(path, [{ status: 200, body: { id: 7, name: "ada" } }]);
    const name = await createJob({
      name: uniqueJobName("fed"),
      params: { type: "object", required: ["user"] },
      steps: [
        echo("start"),
        {
          id: "fetch",
          type: "task",
          http: { method: "POST", url: target.url(path), body: "{{ input }}" },
          output_schema: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "integer" } },
          },
        },
        echo("use", {
          input_schema: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "integer" } },
          },
        }),
      ],
    });
    const id = await startRun(name, { params: { user: "ada" } });
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: { id: 7, name: "ada" } });
    const steps = await getSteps(id);
    expect(stepOf(steps, "start").input).toEqual({ user: "ada" });
    expect(stepOf(steps, "fetch").input).toEqual({ user: "ada" });
    const [request] = await target.requests(path);
    expect(JSON.parse(request?.body ?? "null")).toEqual({ user: "ada" });
    expect(stepOf(steps, "use").input).toEqual({ id: 7, name: "ada" });
  });

  it("inside a map item starts from the item", async () => {
    const name = await createJob({
      name: uniqueJobName("fed-map"),
      steps: [{ id: "each", type: "map", items: "{{ params.items }}", steps: [echo("first")] }],
    });
    const run = await waitForRun(await startRun(name, { params: { items: [{ a: 1 }, 2] } }));
    expect(run).toMatchObject({ status: "succeeded", output: [{ a: 1 }, 2] });
  });
});
