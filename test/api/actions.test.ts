import { describe, expect, it } from "vitest";
import { call, countRows, readProblem } from "./api-client";

/** Karya's action JSON, exactly as its README writes it (Jinja filter syntax included). */
const FETCH_TODO = {
  name: "FetchTodo",
  type: "http",
  method: "POST",
  url: "https://jsonplaceholder.typicode.com/posts",
  headers: { "Content-Type": "application/json" },
  body: {
    user_id: "{{ context.user_id }}",
    step: "{{ meta.current_step }}",
    retries: "{{ meta.step_retries[meta.current_step] | default(0) }}",
    timestamp: "{{ meta.current_time }}",
  },
  save_as: "fetch_todo",
};

/** The other action Karya's example job calls. */
const CHECK_JIRA_STATUS = {
  name: "CheckJiraStatus",
  type: "http",
  method: "GET",
  url: "https://jira.example.com/rest/api/2/issue/{{ params.ticket_id }}",
  headers: { Authorization: "Bearer {{ secrets.API_KEY }}" },
  timeout: "10s",
  retry: { max_attempts: 5, backoff: "exponential", delay: "1s" },
};

describe("actions: round trips", () => {
  it("creates Karya's actions and reads them back as written", async () => {
    for (const action of [FETCH_TODO, CHECK_JIRA_STATUS]) {
      const created = await call("/actions", { body: action });
      expect(created.status, await created.clone().text()).toBe(201);
      expect(created.headers.get("Location")).toBe(`/actions/${action.name}`);
      const read = await call(`/actions/${action.name}`);
      expect(read.status).toBe(200);
      const body = await read.json<Record<string, unknown>>();
      expect(body).toMatchObject(action);
      expect(body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      expect(body.updated_at).toBe(body.created_at);
    }
  });

  it("refuses a second action with the same name (409) and keeps the first", async () => {
    await call("/actions", { body: { ...FETCH_TODO, name: "Dup" } });
    const res = await call("/actions", {
      body: { ...FETCH_TODO, name: "Dup", url: "https://other.example.com" },
    });
    expect(res.status).toBe(409);
    await readProblem(res);
    const read = await (await call("/actions/Dup")).json<{ url: string }>();
    expect(read.url).toBe(FETCH_TODO.url);
  });

  it("PUT creates (201), then replaces (200) keeping created_at", async () => {
    const { name: _, ...unnamed } = CHECK_JIRA_STATUS;
    const created = await call("/actions/PutMe", { method: "PUT", body: unnamed });
    expect(created.status).toBe(201);
    const first = await created.json<{ created_at: string }>();
    const replaced = await call("/actions/PutMe", {
      method: "PUT",
      body: { ...CHECK_JIRA_STATUS, name: "PutMe", timeout: "20s" },
    });
    expect(replaced.status).toBe(200);
    const second = await replaced.json<{ timeout: string; created_at: string }>();
    expect(second.timeout).toBe("20s");
    expect(second.created_at).toBe(first.created_at);
  });

  it("PUT with a body name that differs from the path is a 400 on name, nothing written", async () => {
    const res = await call("/actions/PathName", {
      method: "PUT",
      body: { ...FETCH_TODO, name: "BodyName" },
    });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).errors).toEqual([
      { path: "name", message: expect.stringContaining("PathName") },
    ]);
    expect((await call("/actions/PathName")).status).toBe(404);
    expect((await call("/actions/BodyName")).status).toBe(404);
  });

  it("lists actions by name with a cursor", async () => {
    for (const name of ["ListA", "ListB", "ListC"])
      await call("/actions", { body: { ...FETCH_TODO, name } });
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = await (await call(`/actions?limit=2${query}`)).json<{
        items: { name: string }[];
        next_cursor: string | null;
      }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.name));
      cursor = page.next_cursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(["ListA", "ListB", "ListC"]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("rejects a bad page size", async () => {
    const res = await call("/actions?limit=0");
    expect(res.status).toBe(400);
    expect((await readProblem(res)).errors[0]?.path).toBe("limit");
  });

  it("deletes an action (204), after which it is gone (404)", async () => {
    await call("/actions", { body: { ...FETCH_TODO, name: "DeleteMe" } });
    expect((await call("/actions/DeleteMe", { method: "DELETE" })).status).toBe(204);
    expect((await call("/actions/DeleteMe")).status).toBe(404);
    const again = await call("/actions/DeleteMe", { method: "DELETE" });
    expect(again.status).toBe(404);
    await readProblem(again);
  });

  it("accepts a handler action naming a registered handler", async () => {
    const res = await call("/actions", {
      body: { name: "Echo", type: "handler", handler: "echo" },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "Echo", type: "handler", handler: "echo" });
  });

  it("accepts an action written in YAML", async () => {
    const yaml =
      "name: YamlAction\ntype: http\nmethod: GET\nurl: https://example.com/{{ input.id }}\n";
    const res = await call("/actions", { body: yaml, contentType: "application/yaml" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      name: "YamlAction",
      url: "https://example.com/{{ input.id }}",
    });
  });
});

describe("actions: bad input is a 4xx naming the field, and writes nothing", () => {
  const cases: { what: string; body: unknown; path: string; contentType?: string }[] = [
    {
      what: "an unknown field",
      body: { ...FETCH_TODO, name: "Bad1", colour: "red" },
      path: "colour",
    },
    { what: "a missing url", body: { name: "Bad2", type: "http", method: "GET" }, path: "url" },
    { what: "a relative url", body: { ...FETCH_TODO, name: "Bad3", url: "/posts" }, path: "url" },
    { what: "an unknown type", body: { ...FETCH_TODO, name: "Bad4", type: "ftp" }, path: "type" },
    {
      what: "a bad header name",
      body: { ...FETCH_TODO, name: "Bad5", headers: { "Bad Header": "x" } },
      path: "headers.Bad Header",
    },
    {
      what: "a template error",
      body: { ...FETCH_TODO, name: "Bad6", headers: { "X-A": "{{ secrets.API_KEY | nope }}" } },
      path: "headers.X-A",
    },
    {
      what: "a bad timeout",
      body: { ...CHECK_JIRA_STATUS, name: "Bad7", timeout: "soon" },
      path: "timeout",
    },
    { what: "a body on GET", body: { ...FETCH_TODO, name: "Bad8", method: "GET" }, path: "body" },
    {
      what: "a worker action without such a binding",
      body: { name: "Bad9", type: "worker", binding: "NOPE" },
      path: "binding",
    },
    {
      what: "a worker action naming a non-service binding",
      body: { name: "Bad10", type: "worker", binding: "DB" },
      path: "binding",
    },
    {
      what: "a handler action naming no registered handler",
      body: { name: "Bad11", type: "handler", handler: "no_such_handler" },
      path: "handler",
    },
    { what: "a bad name", body: { ...FETCH_TODO, name: "bad name!" }, path: "name" },
    { what: "a body that is not an object", body: [FETCH_TODO], path: "" },
  ];

  for (const { what, body, path } of cases) {
    it(`400 for ${what} (${path || "body"})`, async () => {
      const before = await countRows("actions");
      const res = await call("/actions", { body });
      expect(res.status, await res.clone().text()).toBe(400);
      const problem = await readProblem(res);
      expect(problem.errors.map((issue) => issue.path)).toContain(path);
      expect(await countRows("actions")).toBe(before);
    });
  }

  it("400 for malformed JSON, naming the line", async () => {
    const before = await countRows("actions");
    const res = await call("/actions", { body: '{"name": "Broken",\n "type": http}' });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).errors[0]?.message).toMatch(/JSON.*line 2/);
    expect(await countRows("actions")).toBe(before);
  });

  it("400 for malformed YAML", async () => {
    const res = await call("/actions", {
      body: "name: [unclosed\ntype: http",
      contentType: "application/yaml",
    });
    expect(res.status).toBe(400);
    expect((await readProblem(res)).errors[0]?.message).toMatch(/YAML/);
  });

  it("415 for a content type other than JSON or YAML", async () => {
    const before = await countRows("actions");
    const res = await call("/actions", {
      body: JSON.stringify({ ...FETCH_TODO, name: "Form" }),
      contentType: "text/plain",
    });
    expect(res.status).toBe(415);
    await readProblem(res);
    expect(await countRows("actions")).toBe(before);
  });

  it("400 with a named field for an empty body", async () => {
    const res = await call("/actions", { body: "", method: "POST" });
    expect(res.status).toBe(400);
    await readProblem(res);
  });
});
