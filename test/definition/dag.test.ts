import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors";
import { compileJob } from "../../src/definition/compile";
import { catalog } from "./fixtures";

function dagErrors(steps: unknown[]): Issue[] {
  const result = compileJob({ name: "dag", steps }, catalog);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("compileJob: DAG jobs", () => {
  it("compiles a diamond with conditions and no successors", () => {
    const result = compileJob(
      {
        name: "diamond",
        max_parallel: 4,
        steps: [
          { id: "fetch", type: "task", action: "FetchTodo" },
          { id: "left", type: "pass", depends_on: ["fetch"] },
          {
            id: "right",
            type: "task",
            handler: "uppercase",
            depends_on: ["fetch"],
            when: "params.go",
          },
          { id: "join", type: "pass", depends_on: ["left", "right"], condition: "all_done" },
          {
            id: "alert",
            type: "fail",
            depends_on: ["join"],
            condition: "on_failure",
            message: "{{ meta.job }} failed",
          },
        ],
      },
      catalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { job } = result;
    expect(job.mode).toBe("dag");
    expect(job.start).toBe("fetch");
    expect(job.max_parallel).toBe(4);
    expect(Object.values(job.steps).map((step) => step.next)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(job.steps.join).toMatchObject({ depends_on: ["left", "right"], condition: "all_done" });
    expect(job.steps.right).toMatchObject({ when: "params.go", condition: "all_success" });
    expect(job.steps.alert).toMatchObject({
      type: "fail",
      error: "failed",
      message: "{{ meta.job }} failed",
    });
  });

  it("names a cycle in run order, starting at the step defined first", () => {
    const errors = dagErrors([
      { id: "a", type: "pass", depends_on: ["c"] },
      { id: "b", type: "pass", depends_on: ["a"] },
      { id: "c", type: "pass", depends_on: ["b"] },
      { id: "d", type: "pass", depends_on: [] },
    ]);
    expect(errors).toEqual([{ path: "steps.0.depends_on", message: "cycle: a -> b -> c -> a" }]);
  });

  it("names a cycle that does not include the first step", () => {
    const errors = dagErrors([
      { id: "root", type: "pass" },
      { id: "x", type: "pass", depends_on: ["root", "y"] },
      { id: "y", type: "pass", depends_on: ["x"] },
    ]);
    expect(errors).toEqual([{ path: "steps.1.depends_on", message: "cycle: x -> y -> x" }]);
  });

  it("reports self and unknown dependencies", () => {
    expect(
      dagErrors([
        { id: "a", type: "pass", depends_on: ["a"] },
        { id: "b", type: "pass", depends_on: ["a", "ghost"] },
      ]),
    ).toEqual([
      { path: "steps.0.depends_on.0", message: 'step "a" depends on itself' },
      { path: "steps.1.depends_on.1", message: 'step "ghost" does not exist' },
    ]);
  });

  it("rejects next, catch and choice steps in a DAG job", () => {
    expect(
      dagErrors([
        {
          id: "a",
          type: "task",
          action: "FetchTodo",
          next: "b",
          catch: [{ errors: ["*"], next: "b" }],
        },
        { id: "b", type: "pass", depends_on: ["a"] },
        { id: "c", type: "choice", default: "a", depends_on: ["a"] },
      ]),
    ).toEqual([
      {
        path: "steps.0.next",
        message: "next is not allowed in a DAG job (a step has depends_on); use depends_on",
      },
      {
        path: "steps.0.catch",
        message:
          "catch is not allowed in a DAG job (a step has depends_on); use condition: on_failure",
      },
      {
        path: "steps.2.type",
        message:
          "choice steps are not allowed in a DAG job (a step has depends_on); use when: or condition:",
      },
    ]);
  });

  it("rejects an unknown condition", () => {
    expect(
      dagErrors([
        { id: "a", type: "pass" },
        { id: "b", type: "pass", depends_on: ["a"], condition: "sometimes" },
      ]),
    ).toEqual([{ path: "steps.1.condition", message: expect.stringContaining("all_success") }]);
  });
});
