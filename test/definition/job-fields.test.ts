import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors";
import { compileJob } from "../../src/definition/compile";
import { JobSourceSchema } from "../../src/definition/job-schema";
import { catalog, sequenceJob } from "./fixtures";

function compileErrors(source: unknown): Issue[] {
  const result = compileJob(source, catalog);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("compileJob: templates and conditions", () => {
  it("reports bad templates in with, inline http, outputs, durations and until, with paths", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "task", action: "FetchTodo", with: { list: ["{{ x | nope }}"] } },
        {
          id: "b",
          type: "task",
          http: { url: "https://a.test/{{ id", headers: { "X-A": "{% if %}" } },
        },
        { id: "c", type: "pass", output: { v: "{{ }" } },
        { id: "d", type: "wait", duration: "{{ x | nope }}" },
        { id: "e", type: "wait", until: "{{ at" },
        { id: "f", type: "succeed", output: "{{ y | bogus }}" },
      ]),
    );
    expect(errors.map((error) => error.path)).toEqual([
      "steps.0.with.list.0",
      "steps.1.http.url",
      "steps.1.http.headers.X-A",
      "steps.2.output.v",
      "steps.3.duration",
      "steps.4.until",
      "steps.5.output",
    ]);
    for (const error of errors) expect(error.message).toMatch(/^invalid template: /);
  });

  it("reports bad if and when conditions", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "pass", when: "{{ params.x }}" },
        {
          id: "b",
          type: "choice",
          conditions: [
            { if: "x | nope", next: "a" },
            { if: "", next: "a" },
          ],
        },
      ]),
    );
    expect(errors).toEqual([
      {
        path: "steps.0.when",
        message: "invalid condition: a condition is a bare expression, without {{ }} or {% %}",
      },
      {
        path: "steps.1.conditions.0.if",
        message: expect.stringMatching(/^invalid condition: undefined filter: nope/),
      },
      { path: "steps.1.conditions.1.if", message: "invalid condition: condition is empty" },
    ]);
  });

  it("accepts Jinja filter calls in conditions and with", () => {
    const result = compileJob(
      sequenceJob([
        {
          id: "a",
          type: "pass",
          when: "params.flag | default(false)",
          output: "{{ params.s | default('x') }}",
        },
      ]),
      catalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.job.steps.a).toMatchObject({
      when: "params.flag | default: false",
      output: "{{ params.s | default: 'x' }}",
    });
  });

  it("reports bad durations and timestamps", () => {
    expect(
      compileErrors(
        sequenceJob([
          { id: "a", type: "wait", duration: "forever" },
          { id: "b", type: "wait", until: "tomorrow" },
          { id: "c", type: "task", action: "FetchTodo", timeout: "-1s" },
        ]),
      ).map((error) => error.path),
    ).toEqual(["steps.0.duration", "steps.1.until", "steps.2.timeout"]);
  });
});

describe("compileJob: step shapes", () => {
  it("requires exactly one of action, http or handler", () => {
    expect(
      compileErrors(
        sequenceJob([
          { id: "a", type: "task" },
          { id: "b", type: "task", action: "FetchTodo", handler: "uppercase" },
        ]),
      ),
    ).toEqual([
      { path: "steps.0", message: "a task needs exactly one of action, http or handler" },
      {
        path: "steps.1.handler",
        message: "a task needs exactly one of action, http or handler (got action, handler)",
      },
    ]);
  });

  it("requires exactly one of duration or until", () => {
    expect(
      compileErrors(
        sequenceJob([
          { id: "a", type: "wait" },
          { id: "b", type: "wait", duration: "1s", until: "2030-01-01T00:00:00Z" },
        ]),
      ),
    ).toEqual([
      { path: "steps.0", message: "a wait needs exactly one of duration or until" },
      { path: "steps.1.until", message: "a wait needs exactly one of duration or until" },
    ]);
  });

  it("allows at most one default in a choice, and needs a branch", () => {
    expect(
      compileErrors(
        sequenceJob([
          { id: "a", type: "choice", conditions: [{ default: "b" }], default: "b" },
          { id: "b", type: "choice" },
          {
            id: "c",
            type: "choice",
            conditions: [{ if: "params.x" }, { default: "a", next: "a" }],
          },
        ]),
      ),
    ).toEqual([
      { path: "steps.0.default", message: "a choice has at most one default" },
      { path: "steps.1.conditions", message: "a choice needs conditions or a default" },
      { path: "steps.2.conditions.0.next", message: "is required" },
      {
        path: "steps.2.conditions.1",
        message: "a default entry has only `default`, no `if` or `next`",
      },
    ]);
  });

  it("rejects next on choice, succeed and fail steps, and malformed catch errors", () => {
    expect(
      compileErrors(
        sequenceJob([
          {
            id: "a",
            type: "task",
            action: "FetchTodo",
            catch: [{ errors: ["no way"], next: "b" }],
          },
          { id: "b", type: "succeed", next: "a" },
          { id: "c", type: "fail", next: "a" },
        ]),
      ).map((error) => error.path),
    ).toEqual(["steps.0.catch.0.errors.0", "steps.1.next", "steps.2.next"]);
  });

  it("accepts catch errors that a fail step of the job names, or that a child job may", () => {
    const routes = (errors: string[]) => [{ errors, next: "b" }];
    const nested = (errors: string[], inner: Record<string, unknown>) =>
      sequenceJob([
        { id: "a", type: "parallel", catch: routes(errors), branches: [[inner]] },
        { id: "b", type: "succeed" },
      ]);
    const boom = { id: "x", type: "fail", error: "Boom" };
    expect(compileJob(nested(["Boom"], boom), catalog).ok).toBe(true);
    expect(
      compileJob(nested(["Other"], { id: "x", type: "run_job", job: "child" }), catalog).ok,
    ).toBe(true);
    expect(compileErrors(nested(["boom", "Boom"], boom))).toEqual([
      { path: "steps.0.catch.0.errors.0", message: expect.stringContaining('"boom" is neither') },
    ]);
  });

  it("checks the job's own fields", () => {
    expect(
      compileErrors({
        name: "Bad Name",
        max_parallel: 0,
        max_step_executions: 100_001,
        timeout: "2y",
        retry: { max_attempts: 2, delay: "1m", max_delay: "1s" },
        steps: [],
      }).map((error) => error.path),
    ).toEqual([
      "name",
      "retry.max_delay",
      "timeout",
      "max_parallel",
      "max_step_executions",
      "steps",
    ]);
    expect(compileErrors({ steps: [{ id: "a", type: "pass" }] })).toEqual([
      { path: "name", message: "is required" },
    ]);
    expect(compileErrors("not a job")).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("checks the params schema", () => {
    expect(
      compileErrors({
        ...sequenceJob([{ id: "a", type: "pass" }]),
        params: { type: "array", properties: { n: { type: "int" } } },
      }),
    ).toEqual([
      { path: "params.properties.n.type", message: expect.stringContaining("must be one of") },
      {
        path: "params.type",
        message: 'params are an object, so the schema\'s type must be "object"',
      },
    ]);
  });

  it("describes the job schema as JSON Schema for the OpenAPI document", () => {
    const schema = JobSourceSchema.toJSONSchema({ io: "input" });
    expect(JSON.stringify(schema)).toContain('"depends_on"');
  });
});
