import { describe, expect, it } from "vitest";
import type { ActionSpec, TaskStep } from "../../src/definition/ir";
import {
  resolveStepSchemas,
  validateInput,
  validateOutput,
} from "../../src/definition/output-schema";

const schema = {
  type: "object",
  required: ["id"],
  properties: {
    id: { type: "string" },
    items: { type: "array", items: { type: "object", properties: { n: { type: "integer" } } } },
  },
};

describe("validateOutput", () => {
  it("returns null for a valid value", () => {
    expect(validateOutput(schema, { id: "a", items: [{ n: 1 }] })).toBeNull();
    expect(validateOutput({ type: "string" }, "text")).toBeNull();
  });

  it("names the first failing instance path on one line", () => {
    const message = validateOutput(schema, { id: "a", items: [{ n: 1 }, { n: "x" }] });
    expect(message).toMatch(/^output\.items\.1\.n: /);
    expect(message).not.toContain("\n");
  });

  it("reports a missing required property at the object that lacks it", () => {
    expect(validateOutput(schema, {})).toBe(
      'output: Instance does not have required property "id".',
    );
  });

  it("reports a wrong top-level type", () => {
    expect(validateOutput({ type: "array" }, { a: 1 })).toMatch(/^output: .*"array"/);
  });

  it("reports an unusable schema instead of throwing", () => {
    expect(validateOutput({ $ref: "#/$defs/missing" }, 1)).toMatch(
      /^output: the output_schema is unusable/,
    );
  });

  it("validateInput locates problems under input", () => {
    expect(validateInput(schema, { id: 5 })).toMatch(/^input\.id: /);
  });
});

describe("resolveStepSchemas", () => {
  const action: ActionSpec = {
    type: "handler",
    handler: "uppercase",
    input_schema: { type: "object" },
    output_schema: { type: "string" },
  };
  const step: TaskStep = {
    id: "a",
    type: "task",
    next: null,
    depends_on: [],
    condition: "all_success",
    action: { kind: "named", name: "Upper" },
    catch: [],
  };

  it("takes the action's schemas when the step declares none", () => {
    expect(resolveStepSchemas(step, action)).toEqual({
      input_schema: { type: "object" },
      output_schema: { type: "string" },
    });
  });

  it("lets the step's own schema win", () => {
    expect(resolveStepSchemas({ ...step, output_schema: { type: "number" } }, action)).toEqual({
      input_schema: { type: "object" },
      output_schema: { type: "number" },
    });
    expect(resolveStepSchemas(step, { type: "handler", handler: "x" })).toEqual({});
  });
});
