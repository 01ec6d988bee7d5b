import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { CompiledJob } from "../../src/definition/ir";
import { listJobCalls } from "../../src/definition/job-calls";
import { allSteps, namedActions } from "../../src/definition/walk";
import { catalog } from "./fixtures";

function compile(source: Record<string, unknown>): CompiledJob {
  const result = compileJob(source, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.job;
}

const nested = {
  name: "nested",
  steps: [
    { id: "top", type: "task", action: "CheckJiraStatus" },
    {
      id: "fan",
      type: "parallel",
      branches: [
        [{ id: "in_branch", type: "run_job", job: "child-a" }],
        [
          {
            id: "each",
            type: "map",
            items: "{{ params.ids }}",
            steps: [
              {
                id: "inner",
                type: "parallel",
                branches: [[{ id: "deep", type: "task", action: "FetchTodo" }]],
              },
              { id: "deep_call", type: "run_job", job: "child-b" },
            ],
          },
        ],
      ],
    },
  ],
};

describe("walkSteps: one walk over a compiled graph", () => {
  it("visits every step at any depth, with its path and the fan-out steps around it", () => {
    const visits = allSteps(compile(nested)).map(({ step, path, enclosing }) => [
      step.id,
      path,
      enclosing.map((around) => around.id).join(">"),
    ]);
    expect(visits).toEqual([
      ["top", "steps.0", ""],
      ["fan", "steps.1", ""],
      ["in_branch", "steps.1.branches.0.0", "fan"],
      ["each", "steps.1.branches.1.0", "fan"],
      ["inner", "steps.1.branches.1.0.steps.0", "fan>each"],
      ["deep", "steps.1.branches.1.0.steps.0.branches.0.0", "fan>each>inner"],
      ["deep_call", "steps.1.branches.1.0.steps.1", "fan>each"],
    ]);
  });

  it("finds stored actions and job calls nested in branches and map bodies", () => {
    const job = compile(nested);
    expect([...namedActions(job)].sort()).toEqual(["CheckJiraStatus", "FetchTodo"]);
    expect(listJobCalls(job)).toEqual([
      { job: "child-a", path: "steps.1.branches.0.0.job" },
      { job: "child-b", path: "steps.1.branches.1.0.steps.1.job" },
    ]);
  });
});

describe("save-time limits", () => {
  const mapJob = (max_concurrency: number | undefined, max_parallel?: number) => ({
    name: "limits",
    ...(max_parallel === undefined ? {} : { max_parallel }),
    steps: [
      {
        id: "fan",
        type: "parallel",
        branches: [
          [
            {
              id: "each",
              type: "map",
              items: "{{ params.ids }}",
              ...(max_concurrency === undefined ? {} : { max_concurrency }),
              steps: [{ id: "x", type: "pass" }],
            },
          ],
        ],
      },
    ],
  });

  it("refuses a map's max_concurrency above max_parallel, naming both fields", () => {
    const result = compileJob(mapJob(50, 20), catalog);
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: "steps.0.branches.0.0.max_concurrency",
        message: expect.stringMatching(/max_concurrency \(50\).*max_parallel \(20\)/),
      },
    ]);
  });

  it("accepts max_concurrency up to max_parallel, and a map without one under a low max_parallel", () => {
    expect(compileJob(mapJob(20, 20), catalog).ok).toBe(true);
    const defaulted = compile(mapJob(undefined, 3));
    const map = allSteps(defaulted).find((visit) => visit.step.type === "map")?.step;
    expect(map).toMatchObject({ type: "map" });
    expect(map && "max_concurrency" in map).toBe(false);
  });
});
