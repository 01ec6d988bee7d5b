import { describe, expect, it } from "vitest";
import seedsDoc from "../../docs/seeds.md?raw";
import { ValidationError } from "../../src/core/errors";
import { type Catalog, compileJob } from "../../src/definition/compile";
import { importPetit } from "../../src/definition/import-petit";
import type { ActionSpec, CompiledJob } from "../../src/definition/ir";
import { parseDocument } from "../../src/definition/parse";
import cairnYaml from "./seeds/petit-daily-etl.cairn.yaml?raw";
import petitYaml from "./seeds/petit-daily-etl.yaml?raw";

/** What the converted job refers to: a handler and a worker action. */
const etlCatalog: Catalog = {
  actions: new Map<string, ActionSpec>([
    [
      "LoadWarehouse",
      {
        type: "worker",
        binding: "WAREHOUSE",
        method: "POST",
        path: "/load",
        headers: {},
        query: {},
        output: "body",
      },
    ],
  ]),
  handlers: new Set(["etl.transform"]),
};

function compileOrThrow(source: unknown): CompiledJob {
  const result = compileJob(source, etlCatalog);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.job;
}

describe("Petit's YAML as written", () => {
  it("maps its job fields and names the edge equivalents of type: command", () => {
    const result = compileJob(importPetit(parseDocument(petitYaml, "text/yaml")), etlCatalog);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => error.path)).toEqual([
      "steps.0.type",
      "steps.1.type",
      "steps.2.type",
    ]);
    for (const error of errors) {
      expect(error.message).toContain('unknown step type "command"');
      expect(error.message).toMatch(/http.*worker.*handler/);
    }
  });

  it("names the edge equivalents of any unknown type, without the imported fields", () => {
    const result = compileJob(
      { name: "x", steps: [{ id: "a", type: "shell", command: "ls" }] },
      etlCatalog,
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "steps.0.type", message: expect.stringContaining('"shell"') }],
    });
  });

  it("compiles with the command tasks swapped for http, handler and action", () => {
    const petit = parseDocument(petitYaml, "text/yaml") as { tasks: Record<string, unknown>[] };
    const swaps: Record<string, unknown>[] = [
      { type: "task", http: { method: "POST", url: "https://etl.example.com/extract" } },
      { type: "task", handler: "etl.transform" },
      { type: "task", action: "LoadWarehouse" },
    ];
    const tasks = petit.tasks.map(({ command: _c, args: _a, ...task }, index) => ({
      ...task,
      ...swaps[index],
    }));
    const job = compileOrThrow(importPetit({ ...petit, tasks }));
    expect(job).toEqual(compileOrThrow(parseDocument(cairnYaml, "text/yaml")));
  });
});

describe("Petit's job converted to Cairn (fixture)", () => {
  it("compiles to a DAG with Petit's dependencies, condition and retry", () => {
    const job = compileOrThrow(parseDocument(cairnYaml, "text/yaml"));
    expect(job).toMatchObject({
      name: "daily_etl",
      mode: "dag",
      description: "Daily ETL Pipeline",
    });
    expect(job.order).toEqual(["extract", "transform", "load"]);
    expect(job.steps.extract).toMatchObject({
      depends_on: [],
      retry: { max_attempts: 3, backoff: "constant", delay_ms: 60_000 },
      action: { kind: "inline", spec: { type: "http", method: "POST" } },
    });
    expect(job.steps.transform).toMatchObject({
      depends_on: ["extract"],
      action: { kind: "inline", spec: { type: "handler", handler: "etl.transform" } },
    });
    expect(job.steps.load).toMatchObject({
      depends_on: ["transform"],
      condition: "all_success",
      action: { kind: "named", name: "LoadWarehouse" },
    });
  });

  it("is the example docs/seeds.md shows, next to the original", () => {
    expect(seedsDoc).toContain(petitYaml.trim());
    expect(seedsDoc).toContain(cairnYaml.trim());
  });
});

describe("importPetit", () => {
  it("converts seconds, keeps a given description and passes unknown fields through", () => {
    expect(
      importPetit({
        id: "j",
        name: "Job",
        description: "mine",
        max_concurrency: 1,
        tasks: [{ id: "a", timeout_secs: 30, retry: { max_attempts: 2 } }],
      }),
    ).toEqual({
      name: "j",
      description: "mine",
      max_concurrency: 1,
      steps: [{ id: "a", timeout: "30s", retry: { max_attempts: 2 } }],
    });
  });

  it("refuses a document that is not a mapping", () => {
    expect(() => importPetit(["not", "a", "job"])).toThrow(ValidationError);
  });
});
