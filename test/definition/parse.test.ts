import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/core/errors";
import {
  MAX_DOCUMENT_DEPTH,
  parseDocument,
  YAML_MAX_ALIAS_COUNT,
} from "../../src/definition/parse";

function parseError(text: string, contentType?: string): ValidationError {
  try {
    parseDocument(text, contentType);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("parseDocument", () => {
  it("parses JSON by content type, with parameters", () => {
    expect(parseDocument('{"a": [1, "x"]}', "application/json; charset=utf-8")).toEqual({
      a: [1, "x"],
    });
  });

  it("parses YAML by content type", () => {
    const text = "name: job\nsteps:\n  - id: a\n    type: pass\n";
    for (const type of ["application/yaml", "application/x-yaml", "text/yaml"]) {
      expect(parseDocument(text, type)).toEqual({
        name: "job",
        steps: [{ id: "a", type: "pass" }],
      });
    }
  });

  it("sniffs JSON and YAML when there is no usable content type", () => {
    expect(parseDocument("  [1, 2]", undefined)).toEqual([1, 2]);
    expect(parseDocument("a: 1", undefined)).toEqual({ a: 1 });
    expect(parseDocument('{"a": 1}', "application/x-www-form-urlencoded")).toEqual({ a: 1 });
  });

  it("keeps YAML scalars in the core schema (no dates, no yes/no booleans)", () => {
    expect(parseDocument("at: 2024-01-01\nflag: yes\nn: 0x10", "text/yaml")).toEqual({
      at: "2024-01-01",
      flag: "yes",
      n: 16,
    });
  });

  it("names line and column of malformed JSON", () => {
    const error = parseError('{\n  "a": 1,\n  "b": }', "application/json");
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.path).toBe("");
    expect(error.errors[0]?.message).toMatch(/^invalid JSON at line 3, column 8: /);
  });

  it("names the position of trailing garbage and truncated JSON", () => {
    expect(parseError('{"a": 1} x', undefined).errors[0]?.message).toMatch(/line 1, column 10/);
    expect(parseError('{"a": [1, 2', "application/json").errors[0]?.message).toMatch(
      /line 1, column 12/,
    );
  });

  it("names line and column of malformed YAML", () => {
    const error = parseError("a: [1, 2\nb: c", "application/yaml");
    expect(error.errors[0]?.path).toBe("");
    expect(error.errors[0]?.message).toMatch(/^invalid YAML at line 2, column 1: /);
  });

  it("rejects duplicate YAML keys", () => {
    expect(parseError("a: 1\na: 2", "text/yaml").errors[0]?.message).toMatch(
      /line 2, column 1: Map keys must be unique/,
    );
  });

  it("rejects custom tags instead of trusting them", () => {
    expect(parseError("a: !!js/function x", "text/yaml").errors[0]?.message).toMatch(
      /invalid YAML at line 1, column 4: .*tag/i,
    );
  });

  it("caps alias expansion", () => {
    const lines = ["a: &a [x]"];
    for (let index = 0; index <= YAML_MAX_ALIAS_COUNT; index++) lines.push(`k${index}: *a`);
    expect(parseError(lines.join("\n"), "text/yaml").errors[0]?.message).toMatch(/^invalid YAML/);
  });

  it("rejects several YAML documents in one body", () => {
    expect(parseError("a: 1\n---\nb: 2", "text/yaml").errors[0]?.message).toMatch(/^invalid YAML/);
  });

  it("refuses nesting deeper than MAX_DOCUMENT_DEPTH, even when very deep", () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    expect(parseDocument(deep(MAX_DOCUMENT_DEPTH), "application/json")).toBeInstanceOf(Array);
    for (const text of [deep(MAX_DOCUMENT_DEPTH + 1), deep(200_000)]) {
      expect(parseError(text, "application/json").errors).toEqual([
        { path: "", message: `objects and arrays nest deeper than ${MAX_DOCUMENT_DEPTH} levels` },
      ]);
    }
    expect(parseError(`a: ${deep(MAX_DOCUMENT_DEPTH)}`, "text/yaml").errors[0]?.path).toBe("");
    expect(parseError(`${"[".repeat(200_000)}`, "application/json").errors[0]?.message).toMatch(
      /^invalid JSON at line 1, column \d+: /,
    );
  });
});
