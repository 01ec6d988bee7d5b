import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors";
import {
  ActionSourceSchema,
  InlineHttpSchema,
  parseAction,
} from "../../src/definition/action-schema";
import { karyaAction } from "./fixtures";

function actionErrors(source: unknown): Issue[] {
  const result = parseAction(source);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseAction", () => {
  it("accepts Karya's action as written, turning Jinja's default(0) into Liquid", () => {
    const result = parseAction(karyaAction);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.action).toEqual({
      name: "FetchTodo",
      type: "http",
      method: "POST",
      url: "https://jsonplaceholder.typicode.com/posts",
      headers: { "Content-Type": "application/json" },
      query: {},
      body: {
        user_id: "{{ context.user_id }}",
        step: "{{ meta.current_step }}",
        retries: "{{ meta.step_retries[meta.current_step] | default: 0 }}",
        timestamp: "{{ meta.current_time }}",
      },
      output: "body",
      save_as: "fetch_todo",
    });
  });

  it("accepts DESIGN.md's action with a retry policy and a timeout", () => {
    const result = parseAction({
      name: "FetchTodo",
      type: "http",
      method: "post",
      url: "https://api.example.com/posts",
      headers: { Authorization: "Bearer {{ secrets.API_KEY }}" },
      query: { page: "{{ input.page }}" },
      body: { user_id: "{{ context.user_id }}" },
      timeout: "10s",
      retry: { max_attempts: 5, backoff: "exponential", delay: "1s" },
      output: "response",
      description: "posts a todo",
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.action).toMatchObject({
      method: "POST",
      timeout_ms: 10_000,
      retry: {
        max_attempts: 5,
        backoff: "exponential",
        delay_ms: 1000,
        max_delay_ms: 300_000,
        jitter: true,
      },
      output: "response",
      description: "posts a todo",
    });
  });

  it("defaults an http action to GET with no headers or query", () => {
    const result = parseAction({ name: "Get", type: "http", url: "http://localhost:8080/x" });
    expect(result).toEqual({
      ok: true,
      action: {
        name: "Get",
        type: "http",
        method: "GET",
        url: "http://localhost:8080/x",
        headers: {},
        query: {},
        output: "body",
      },
    });
  });

  it("accepts worker and handler actions", () => {
    expect(
      parseAction({ name: "W", type: "worker", binding: "BILLING", body: { a: 1 }, method: "PUT" }),
    ).toEqual({
      ok: true,
      action: {
        name: "W",
        type: "worker",
        binding: "BILLING",
        method: "PUT",
        path: "/",
        headers: {},
        query: {},
        body: { a: 1 },
        output: "body",
      },
    });
    expect(
      parseAction({
        name: "H",
        type: "handler",
        handler: "uppercase",
        timeout: 500,
        save_as: "up",
      }),
    ).toEqual({
      ok: true,
      action: { name: "H", type: "handler", handler: "uppercase", timeout_ms: 500, save_as: "up" },
    });
  });

  it("names unknown fields", () => {
    expect(actionErrors({ ...karyaAction, retries: 3, extra: true })).toEqual([
      { path: "retries", message: 'unknown field "retries"' },
      { path: "extra", message: 'unknown field "extra"' },
    ]);
    expect(
      actionErrors({ name: "H", type: "handler", handler: "x", url: "https://a.test" }),
    ).toEqual([{ path: "url", message: 'unknown field "url"' }]);
  });

  it("reports bad names, types, methods, bindings and paths", () => {
    expect(actionErrors({ name: "9bad", type: "http", url: "https://a.test" })[0]?.path).toBe(
      "name",
    );
    expect(actionErrors({ name: "A", type: "ftp", url: "https://a.test" })).toEqual([
      { path: "type", message: "must be one of http, worker, handler" },
    ]);
    expect(
      actionErrors({ name: "A", type: "http", method: "FETCH", url: "https://a.test" })[0]?.path,
    ).toBe("method");
    expect(actionErrors({ name: "A", type: "worker", binding: "not-a-binding" })[0]?.path).toBe(
      "binding",
    );
    expect(actionErrors({ name: "A", type: "worker", binding: "B", path: "no-slash" })).toEqual([
      { path: "path", message: 'must start with "/"' },
    ]);
    expect(actionErrors({ name: "A", type: "http" })).toEqual([
      { path: "url", message: "is required" },
    ]);
  });

  it("requires an absolute http(s) URL unless the URL is a template", () => {
    for (const url of ["/relative", "ftp://a.test/x", "not a url", ""]) {
      expect(actionErrors({ name: "A", type: "http", url })[0]?.path).toBe("url");
    }
    expect(parseAction({ name: "A", type: "http", url: "{{ params.base }}/x" }).ok).toBe(true);
  });

  it("reports every bad template with its path", () => {
    expect(
      actionErrors({
        name: "A",
        type: "http",
        method: "POST",
        url: "https://a.test/{{ params.id ",
        headers: { Authorization: "Bearer {{ secrets.API_KEY | nope }}" },
        query: { q: "{% if %}" },
        body: { list: [1, { deep: "{{ x | unknown_filter }}" }] },
      }).map((issue) => issue.path),
    ).toEqual(["url", "headers.Authorization", "query.q", "body.list.1.deep"]);
    expect(actionErrors({ name: "A", type: "http", url: "{{ a | bogus }}" })[0]?.message).toMatch(
      /^invalid template: undefined filter: bogus/,
    );
  });

  it("rejects a body on GET", () => {
    expect(
      actionErrors({ name: "A", type: "http", url: "https://a.test", body: { a: 1 } }),
    ).toEqual([
      { path: "body", message: "a GET request cannot have a body; set method (e.g. POST)" },
    ]);
  });

  it("reports bad timeouts and retry policies at their paths", () => {
    expect(
      actionErrors({
        name: "A",
        type: "http",
        url: "https://a.test",
        timeout: "soon",
        retry: { max_attempts: 0, backoff: "random" },
      }).map((issue) => issue.path),
    ).toEqual(["timeout", "retry.max_attempts", "retry.backoff"]);
  });
});

describe("InlineHttpSchema", () => {
  it("is an http action without a name, type optional", () => {
    expect(InlineHttpSchema.parse({ url: "https://a.test", method: "DELETE" })).toEqual({
      type: "http",
      method: "DELETE",
      url: "https://a.test",
      headers: {},
      query: {},
      output: "body",
    });
    expect(InlineHttpSchema.safeParse({ name: "x", url: "https://a.test" }).success).toBe(false);
  });
});

describe("schemas as documentation", () => {
  it("produce a JSON Schema of their input for the OpenAPI document", () => {
    const schema = JSON.stringify(ActionSourceSchema.toJSONSchema({ io: "input" }));
    expect(schema).toContain('"save_as"');
  });
});

describe("edge cases", () => {
  it("reports a bad header name at the header", () => {
    const result = parseAction({
      name: "A",
      type: "http",
      url: "https://a.test",
      headers: { "Bad Name": "x" },
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "headers.Bad Name", message: expect.any(String) }],
    });
  });

  it("never lets a __proto__ key in a body become a prototype", () => {
    const body = JSON.parse('{"__proto__": {"polluted": "{{ params.x }}"}, "a": 1}');
    const result = parseAction({
      name: "A",
      type: "http",
      method: "POST",
      url: "https://a.test",
      body,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const compiled = result.action.type === "http" ? result.action.body : undefined;
    expect(Object.getPrototypeOf(compiled)).toBe(Object.prototype);
    expect(compiled).toMatchObject({ a: 1 });
    expect((compiled as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
