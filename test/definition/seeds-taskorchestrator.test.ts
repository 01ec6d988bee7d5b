import { describe, expect, it } from "vitest";
import seedsDoc from "../../docs/seeds.md?raw";
import { ValidationError } from "../../src/core/errors";
import { type Catalog, compileJob } from "../../src/definition/compile";
import { importTaskOrchestrator, toStepId } from "../../src/definition/import-taskorchestrator";
import type { CompiledJob } from "../../src/definition/ir";
import { parseDocument } from "../../src/definition/parse";
import cairnYaml from "./seeds/taskorchestrator-example-job.cairn.yaml?raw";
import configJson from "./seeds/taskorchestrator-job-config.json?raw";

/** The task modules of the example, registered as handlers under their dotted names. */
const catalog: Catalog = {
  actions: new Map(),
  handlers: new Set(["jobs.job2.task4", "jobs.job2.task5", "jobs.job2.task6"]),
};

const config = parseDocument(configJson, "application/json");

function compileOrThrow(source: unknown): CompiledJob {
  const result = compileJob(source, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.job;
}

describe("TaskOrchestrator's job_config.json", () => {
  it("imports to the job docs/seeds.md shows", () => {
    expect(importTaskOrchestrator(config)).toEqual(parseDocument(cairnYaml, "text/yaml"));
    expect(seedsDoc).toContain(configJson.trim());
    expect(seedsDoc).toContain(cairnYaml.trim());
  });

  it("compiles to a DAG with the dependencies as depends_on", () => {
    const job = compileOrThrow(importTaskOrchestrator(config, "example_job"));
    expect(job).toMatchObject({ name: "example_job", mode: "dag" });
    expect(job.order).toEqual(["job2_task4", "job2_task5", "job2_task6"]);
    expect(job.steps.job2_task4).toMatchObject({ depends_on: [], condition: "all_success" });
    expect(job.steps.job2_task5).toMatchObject({
      depends_on: ["job2_task4"],
      action: { kind: "inline", spec: { type: "handler", handler: "jobs.job2.task5" } },
    });
    expect(job.steps.job2_task6).toMatchObject({ depends_on: [] });
  });

  it("is a DAG even when no task has dependencies, so independent tasks run in parallel", () => {
    const job = compileOrThrow(
      importTaskOrchestrator({ jobs: { solo: { tasks: [{ name: "jobs.job2.task4" }] } } }),
    );
    expect(job.mode).toBe("dag");
    expect(job.description).toBe('TaskOrchestrator job "solo"');
  });

  it("leaves unknown dependencies and fields to the compiler, at their paths", () => {
    const result = compileJob(
      importTaskOrchestrator({
        jobs: {
          j: {
            tasks: [
              { name: "jobs.job2.task4", dependencies: ["jobs.job2.missing"] },
              { name: "jobs.job2.task5", priority: 1 },
            ],
          },
        },
      }),
      catalog,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "steps.0.depends_on.0", message: 'step "job2_missing" does not exist' },
        { path: "steps.1.priority", message: 'unknown field "priority"' },
      ],
    });
  });

  it("needs a job name when the config holds several, and one that exists", () => {
    const two = { jobs: { a: { tasks: [] }, b: { tasks: [] } } };
    expect(() => importTaskOrchestrator(two)).toThrow(/holds 2 jobs \(a, b\)/);
    expect(() => importTaskOrchestrator(two, "c")).toThrow(ValidationError);
    expect(() => importTaskOrchestrator({ tasks: [] })).toThrow(ValidationError);
  });

  it("turns task module names into step ids", () => {
    expect(toStepId("jobs.job2.task4")).toBe("job2_task4");
    expect(toStepId("etl.load")).toBe("etl_load");
  });
});
