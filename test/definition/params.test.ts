import { describe, expect, it } from "vitest";
import { checkParamsSchema, validateParams } from "../../src/definition/params";

const schema = {
  type: "object",
  required: ["ticket_id"],
  properties: {
    ticket_id: { type: "string" },
    count: { type: "integer", minimum: 1 },
    owner: { type: "object", properties: { "e/mail": { type: "string" } } },
    tags: { type: "array", items: { type: "string" } },
  },
};

describe("validateParams", () => {
  it("accepts params that match the schema", () => {
    expect(validateParams(schema, { ticket_id: "ABC-1", count: 2, tags: ["a"] })).toEqual([]);
  });

  it("reports each leaf problem under params, without wrapper noise", () => {
    const issues = validateParams(schema, {
      count: 0,
      owner: { "e/mail": 5 },
      tags: ["a", 3],
    });
    expect(issues).toEqual([
      { path: "params", message: 'Instance does not have required property "ticket_id".' },
      { path: "params.count", message: "0 is less than 1." },
      { path: "params.owner.e/mail", message: expect.stringContaining('Expected "string"') },
      { path: "params.tags.1", message: expect.stringContaining('Expected "string"') },
    ]);
  });

  it("without a schema, accepts any object and nothing else", () => {
    expect(validateParams(undefined, { anything: [1] })).toEqual([]);
    expect(validateParams(undefined, [1])).toEqual([
      { path: "params", message: "must be an object" },
    ]);
  });
});

describe("checkParamsSchema", () => {
  it("accepts usable object schemas", () => {
    expect(checkParamsSchema(schema)).toEqual([]);
    expect(checkParamsSchema({})).toEqual([]);
    expect(
      checkParamsSchema({ type: ["object", "null"], $defs: { id: { type: "string" } } }),
    ).toEqual([]);
    expect(
      checkParamsSchema({
        type: "object",
        properties: { id: { $ref: "#/$defs/id" } },
        $defs: { id: { type: "string" } },
      }),
    ).toEqual([]);
  });

  it("reports unusable schemas with paths", () => {
    expect(checkParamsSchema([])).toEqual([
      { path: "params", message: "must be a JSON Schema object" },
    ]);
    expect(checkParamsSchema({ type: "string" })).toEqual([
      {
        path: "params.type",
        message: 'params are an object, so the schema\'s type must be "object"',
      },
    ]);
    expect(
      checkParamsSchema({
        properties: { a: { type: "text" }, b: 5, c: { pattern: "(" } },
        required: "a",
        allOf: [{ items: { type: 1 } }],
      }),
    ).toEqual([
      { path: "params.required", message: "must be an array of property names" },
      { path: "params.properties.a.type", message: expect.stringContaining("must be one of") },
      { path: "params.properties.b", message: "must be a schema (an object or a boolean)" },
      { path: "params.properties.c.pattern", message: "must be a valid regular expression" },
      { path: "params.allOf.0.items.type", message: expect.stringContaining("must be one of") },
    ]);
  });

  it("reports references that do not resolve", () => {
    expect(
      checkParamsSchema({
        properties: {
          a: { $ref: "#/$defs/missing" },
          b: { $ref: "https://x.test/s.json" },
          c: { $ref: "#here" },
        },
        $defs: { here: { $anchor: "here" } },
      }),
    ).toEqual([
      {
        path: "params.properties.a.$ref",
        message: 'reference "#/$defs/missing" does not resolve inside the schema',
      },
      {
        path: "params.properties.b.$ref",
        message: 'reference "https://x.test/s.json" does not resolve inside the schema',
      },
    ]);
  });
});
