import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json";
import { readInlineRun } from "../../src/definition/inline-run";
import { parseDocument } from "../../src/definition/parse";
import { designYaml, karyaAction, karyaJobRequest } from "../definition/fixtures";
import { call } from "./api-client";

async function fetchSchema(path: string): Promise<JsonObject> {
  const response = await call(path, { token: null });
  expect(response.status).toBe(200);
  return response.json<JsonObject>();
}

function validate(schema: JsonObject, value: unknown): boolean {
  return new Validator(schema, "2020-12", false).validate(value).valid;
}

describe("GET /schemas/job.json", () => {
  it("is a draft 2020-12 schema with $id and title, served without a token", async () => {
    const schema = await fetchSchema("/schemas/job.json");
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "http://cairn/schemas/job.json",
      title: "Cairn job definition",
      type: "object",
    });
  });

  it("accepts DESIGN.md's example and Karya's job", async () => {
    const schema = await fetchSchema("/schemas/job.json");
    const schedule = 'schedule: { cron: "0 9 * * MON-FRI", timezone: Europe/Berlin }\n';
    expect(validate(schema, parseDocument(`${designYaml}${schedule}`, "application/yaml"))).toBe(
      true,
    );
    const karya = readInlineRun(karyaJobRequest);
    if (!karya.ok) throw new Error(JSON.stringify(karya.errors));
    expect(validate(schema, karya.source)).toBe(true);
  });

  it("rejects unknown fields, on the job and on a step", async () => {
    const schema = await fetchSchema("/schemas/job.json");
    const job = parseDocument(designYaml, "application/yaml") as JsonObject & { steps: unknown[] };
    expect(validate(schema, { ...job, colour: "red" })).toBe(false);
    const [first, ...rest] = job.steps;
    expect(
      validate(schema, { ...job, steps: [{ ...(first as object), colour: 1 }, ...rest] }),
    ).toBe(false);
    expect(validate(schema, { ...job, steps: [{ id: "x", type: "command" }] })).toBe(false);
  });
});

describe("GET /schemas/action.json", () => {
  it("accepts Karya's action and rejects an unknown field", async () => {
    const schema = await fetchSchema("/schemas/action.json");
    expect(schema).toMatchObject({ title: "Cairn action definition" });
    expect(validate(schema, karyaAction)).toBe(true);
    expect(validate(schema, { ...karyaAction, colour: "red" })).toBe(false);
  });
});

describe("the schemas in the OpenAPI document", () => {
  it("are documented as open routes", async () => {
    const response = await call("/openapi.json", { token: null });
    const doc = await response.json<{ paths: Record<string, { get?: { security?: unknown } }> }>();
    expect(doc.paths["/schemas/job.json"]?.get?.security).toEqual([]);
    expect(doc.paths["/schemas/action.json"]?.get?.security).toEqual([]);
  });
});
