import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors";
import { parseAction } from "../../src/definition/action-schema";
import { type Catalog, compileJob } from "../../src/definition/compile";
import type { ActionSpec } from "../../src/definition/ir";
import { catalog } from "./fixtures";

const user = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string" }, name: { type: "string" } },
};
const needsId = { type: "object", required: ["id"], properties: { id: { type: "string" } } };

/** The fixtures' catalog plus two typed handler actions. */
const typedCatalog: Catalog = {
  ...catalog,
  actions: new Map<string, ActionSpec>([
    ...catalog.actions,
    ["LoadUser", { type: "handler", handler: "uppercase", output_schema: user }],
    ["SaveUser", { type: "handler", handler: "uppercase", input_schema: needsId }],
  ]),
};

function compileErrors(steps: unknown[]): Issue[] {
  const result = compileJob({ name: "typed", steps }, typedCatalog);
  return result.ok ? [] : result.errors;
}

function task(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type: "task", handler: "uppercase", ...extra };
}

describe("typed steps: schema fields", () => {
  it("keeps a task's schemas in the IR", () => {
    const result = compileJob(
      { name: "typed", steps: [task("a", { input_schema: needsId, output_schema: user })] },
      typedCatalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.job.steps.a).toMatchObject({ input_schema: needsId, output_schema: user });
  });

  it("keeps an action's schemas in its spec", () => {
    const result = parseAction({
      name: "Typed",
      type: "http",
      url: "https://api.example.com",
      output_schema: { type: "array", items: { type: "string" } },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.action.output_schema).toEqual({ type: "array", items: { type: "string" } });
  });

  it("reports an unusable schema at its path", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { properties: { id: { type: "text" } } } }),
        task("b", { input_schema: { $ref: "#/$defs/nowhere" } }),
      ]),
    ).toEqual([
      {
        path: "steps.0.output_schema.properties.id.type",
        message: expect.stringContaining("must be one of"),
      },
      {
        path: "steps.1.input_schema.$ref",
        message: 'reference "#/$defs/nowhere" does not resolve inside the schema',
      },
    ]);
    const action = parseAction({ name: "Bad", type: "handler", handler: "x", input_schema: [] });
    expect(action).toMatchObject({ ok: false, errors: [{ path: "input_schema" }] });
  });
});

describe("typed steps: producer and consumer in a sequence", () => {
  it("accepts an output that declares what the next step requires", () => {
    expect(
      compileErrors([task("a", { output_schema: user }), task("b", { input_schema: needsId })]),
    ).toEqual([]);
  });

  it("names the producer of a missing required property", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object", properties: { name: {} } } }),
        task("b", { input_schema: needsId }),
      ]),
    ).toEqual([
      {
        path: "steps.1.input_schema",
        message:
          'step "b" requires property "id" that step "a" does not declare in its output_schema',
      },
    ]);
  });

  it("accepts a property declared as required without properties", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object", required: ["id"] } }),
        task("b", { input_schema: needsId }),
      ]),
    ).toEqual([]);
  });

  it("reports incompatible types, at the top and inside properties", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "string" } }),
        task("b", { input_schema: { type: "object" }, next: null }),
      ]),
    ).toEqual([
      {
        path: "steps.1.input_schema",
        message:
          'step "b" expects its input to be object, but step "a" declares string in its output_schema',
      },
    ]);
    expect(
      compileErrors([
        task("a", {
          output_schema: { type: "object", properties: { id: { type: "integer" } } },
        }),
        task("b", { input_schema: needsId }),
      ]),
    ).toEqual([
      {
        path: "steps.1.input_schema",
        message:
          'step "b" expects property "id" to be string, but step "a" declares number in its output_schema',
      },
    ]);
  });

  it("checks nested required properties", () => {
    const nested = (inner: Record<string, unknown>) => ({
      type: "object",
      required: ["user"],
      properties: { user: { type: "object", ...inner } },
    });
    expect(
      compileErrors([
        task("a", { output_schema: nested({ properties: { name: { type: "string" } } }) }),
        task("b", { input_schema: nested({ required: ["id"] }) }),
      ]),
    ).toEqual([
      {
        path: "steps.1.input_schema",
        message:
          'step "b" requires property "user.id" that step "a" does not declare in its output_schema',
      },
    ]);
  });

  it("uses the actions' schemas, and a step's own schema wins", () => {
    expect(
      compileErrors([
        task("load", { handler: undefined, action: "LoadUser" }),
        task("save", { handler: undefined, action: "SaveUser" }),
      ]),
    ).toEqual([]);
    expect(
      compileErrors([
        task("load", {
          handler: undefined,
          action: "LoadUser",
          output_schema: { type: "object", properties: {} },
        }),
        task("save", { handler: undefined, action: "SaveUser" }),
      ]),
    ).toEqual([
      {
        path: "steps.1.action",
        message:
          'step "save" requires property "id" that step "load" does not declare in its output_schema',
      },
    ]);
  });

  it("follows next, not the order of the list", () => {
    expect(
      compileErrors([
        task("a", { output_schema: user, next: "c" }),
        task("b", { input_schema: { required: ["other"] }, next: null }),
        task("c", { input_schema: needsId, next: "b" }),
      ]),
    ).toEqual([]);
  });

  it("does not analyse composite schemas", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { anyOf: [user, { type: "null" }] } }),
        task("b", { input_schema: needsId }),
      ]),
    ).toEqual([]);
  });
});

describe("typed steps: dependencies in a DAG", () => {
  it("accepts a property declared by any dependency", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object", required: ["id"] } }),
        task("c", { output_schema: { type: "object", required: ["name"] } }),
        task("b", {
          depends_on: ["a", "c"],
          input_schema: { type: "object", required: ["id", "name"] },
        }),
      ]),
    ).toEqual([]);
  });

  it("names every dependency when none declares a required property", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object" } }),
        task("c", { output_schema: { type: "object" } }),
        task("b", { depends_on: ["a", "c"], input_schema: needsId }),
      ]),
    ).toEqual([
      {
        path: "steps.2.input_schema",
        message:
          'step "b" requires property "id" that none of steps "a", "c" declare in their output_schema',
      },
    ]);
  });

  it("does not report a missing property when a dependency is untyped", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object" } }),
        task("c"),
        task("b", { depends_on: ["a", "c"], input_schema: needsId }),
      ]),
    ).toEqual([]);
  });
});

describe("typed steps: a task's with: is its input", () => {
  it("does not ask the previous step for properties with: sets from elsewhere", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "object" } }),
        task("b", { input_schema: needsId, with: { id: "{{ params.id }}" } }),
      ]),
    ).toEqual([]);
  });

  it("reports a required property that with: does not set", () => {
    expect(compileErrors([task("b", { input_schema: needsId, with: { other: 1 } })])).toEqual([
      {
        path: "steps.0.with",
        message: 'step "b" requires input property "id" that its with: does not set',
      },
    ]);
  });

  it("compares a property read from another step's output with that step's output_schema", () => {
    const wantsUser = {
      type: "object",
      required: ["user"],
      properties: { user: { type: "object", required: ["id"] } },
    };
    expect(
      compileErrors([
        task("a", {
          save_as: "account",
          output_schema: {
            type: "object",
            properties: { owner: { type: "object", properties: { name: {} } } },
          },
        }),
        task("x"),
        task("b", { input_schema: wantsUser, with: { user: "{{ output.account.owner }}" } }),
      ]),
    ).toEqual([
      {
        path: "steps.2.with.user",
        message:
          'step "b" requires property "user.id" that step "a" does not declare in its output_schema (with.user is output.account.owner)',
      },
    ]);
  });

  it("compares a whole with: template with the output it names", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "array" } }),
        task("b", { input_schema: { type: "object" }, with: "{{ output.a }}" }),
      ]),
    ).toEqual([
      {
        path: "steps.1.with",
        message:
          'step "b" expects its input to be object, but step "a" declares array in its output_schema (with is output.a)',
      },
    ]);
    expect(
      compileErrors([
        task("a", { output_schema: user }),
        task("b", { input_schema: needsId, with: "{{ output.a }}" }),
      ]),
    ).toEqual([]);
  });

  it("leaves other templates alone", () => {
    expect(
      compileErrors([
        task("a", { output_schema: { type: "array" } }),
        task("b", { input_schema: { type: "object" }, with: "{{ output.a | first }}" }),
      ]),
    ).toEqual([]);
  });
});
