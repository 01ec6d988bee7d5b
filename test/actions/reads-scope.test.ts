import { describe, expect, it } from "vitest";
import { readsScope } from "../../src/actions/execute";
import type { WorkerActionSpec } from "../../src/definition/ir";
import { httpSpec } from "./call-fixture";

const workerSpec = (overrides: Partial<WorkerActionSpec> = {}): WorkerActionSpec => ({
  type: "worker",
  binding: "SVC",
  method: "GET",
  path: "/x",
  headers: {},
  query: {},
  output: "body",
  ...overrides,
});

describe("readsScope", () => {
  it("is false for a request whose every part is literal", () => {
    expect(
      readsScope(httpSpec("https://a.test/x", { headers: { a: "1" }, body: { b: [2] } })),
    ).toBe(false);
    expect(readsScope(workerSpec({ query: { q: "1" } }))).toBe(false);
  });

  it("is true where any part of a request holds a template", () => {
    expect(readsScope(httpSpec("https://a.test/{{ params.id }}"))).toBe(true);
    expect(readsScope(httpSpec("https://a.test", { query: { q: "{{ input }}" } }))).toBe(true);
    expect(readsScope(httpSpec("https://a.test", { headers: { a: "{{ secrets.K }}" } }))).toBe(
      true,
    );
    expect(readsScope(httpSpec("https://a.test", { body: { deep: ["{{ meta.run_id }}"] } }))).toBe(
      true,
    );
    expect(readsScope(workerSpec({ path: "/{{ params.id }}" }))).toBe(true);
  });

  it("is true for a handler, which is handed its input, params and meta", () => {
    expect(readsScope({ type: "handler", handler: "echo" })).toBe(true);
  });
});
