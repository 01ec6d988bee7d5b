import { beforeAll, describe, expect, it } from "vitest";
import { call, countRows, readProblem } from "./api-client";

/** Karya's JiraEscalation, in Cairn's job form (DESIGN.md "Definition language"). */
const JIRA_ESCALATION = {
  name: "jira-escalation",
  description: "Escalate stale tickets",
  params: {
    type: "object",
    required: ["ticket_id"],
    properties: { ticket_id: { type: "string" } },
  },
  steps: [
    {
      id: "check_jira",
      type: "task",
      action: "CheckJiraStatus",
      with: { ticket: "{{ params.ticket_id }}" },
    },
    {
      id: "decision",
      type: "choice",
      conditions: [
        { if: "output.check_jira.status == 'Done'", next: "done" },
        { default: "wait_step" },
      ],
    },
    {
      id: "wait_step",
      type: "wait",
      duration: "{{ output.check_jira.retry_after }}",
      max_retries: 3,
      next: "check_jira",
    },
    { id: "done", type: "task", action: "FetchTodo" },
  ],
};

const NIGHTLY_YAML = `
name: nightly-report
description: A DAG written in YAML
steps:
  - id: extract
    type: task
    http: { method: GET, url: "https://example.com/data" }
  - id: transform
    type: pass
    depends_on: [extract]
    output: { rows: "{{ output.extract.rows }}" }
  - id: load
    type: task
    action: FetchTodo
    depends_on: [transform]
`;

interface JobDetail {
  name: string;
  version: number;
  description: string | null;
  definition: Record<string, unknown>;
  compiled: { name: string; mode: string; steps: Record<string, unknown> };
  created_at: string;
  updated_at: string;
}

beforeAll(async () => {
  for (const [name, url] of [
    ["CheckJiraStatus", "https://jira.example.com/issue/{{ input.ticket }}"],
    ["FetchTodo", "https://jsonplaceholder.typicode.com/todos/1"],
    ["UsedAction", "https://example.com/used"],
  ]) {
    const res = await call("/actions", { body: { name, type: "http", method: "GET", url } });
    expect(res.status).toBe(201);
  }
});

/** Asserts the catalog's job tables are unchanged around `request`. */
async function expectNothingWritten(request: () => Promise<Response>): Promise<Response> {
  const before = [await countRows("jobs"), await countRows("job_versions")];
  const res = await request();
  expect([await countRows("jobs"), await countRows("job_versions")]).toEqual(before);
  return res;
}

describe("jobs: round trips", () => {
  it("creates a JSON job at version 1 and reads back its source and compiled graph", async () => {
    const created = await call("/jobs", { body: JIRA_ESCALATION });
    expect(created.status, await created.clone().text()).toBe(201);
    const summary = await created.json<Record<string, unknown>>();
    expect(summary).toMatchObject({
      name: "jira-escalation",
      version: 1,
      description: "Escalate stale tickets",
    });
    expect(Object.keys(summary).sort()).toEqual([
      "created_at",
      "description",
      "name",
      "updated_at",
      "version",
    ]);

    const detail = await (await call("/jobs/jira-escalation")).json<JobDetail>();
    expect(detail.definition).toEqual(JIRA_ESCALATION);
    expect(detail.compiled).toMatchObject({ name: "jira-escalation", mode: "sequence" });
    expect(Object.keys(detail.compiled.steps)).toEqual([
      "check_jira",
      "decision",
      "wait_step",
      "done",
    ]);
  });

  it("creates a YAML job (a DAG) and keeps the source as written", async () => {
    const created = await call("/jobs", { body: NIGHTLY_YAML, contentType: "application/yaml" });
    expect(created.status, await created.clone().text()).toBe(201);
    const detail = await (await call("/jobs/nightly-report")).json<JobDetail>();
    expect(detail.compiled.mode).toBe("dag");
    expect(detail.definition).toMatchObject({
      name: "nightly-report",
      steps: [{ id: "extract" }, { id: "transform" }, { id: "load" }],
    });
  });

  it("PUT makes a new version each time and keeps the old ones", async () => {
    const job = { ...JIRA_ESCALATION, name: "versioned" };
    expect((await call("/jobs/versioned", { method: "PUT", body: job })).status).toBe(201);
    const { name: _, ...unnamed } = job;
    const second = await call("/jobs/versioned", {
      method: "PUT",
      body: { ...unnamed, description: "v2" },
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ name: "versioned", version: 2, description: "v2" });

    const latest = await (await call("/jobs/versioned")).json<JobDetail>();
    expect(latest).toMatchObject({ version: 2, description: "v2" });
    const first = await (await call("/jobs/versioned?version=1")).json<JobDetail>();
    expect(first).toMatchObject({ version: 1, description: "Escalate stale tickets" });

    const versions = await (await call("/jobs/versioned/versions")).json<{
      items: { version: number }[];
    }>();
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it("404 for an unknown version, 400 for a malformed one", async () => {
    await call("/jobs", { body: { ...JIRA_ESCALATION, name: "one-version" } });
    expect((await call("/jobs/one-version?version=9")).status).toBe(404);
    const bad = await call("/jobs/one-version?version=abc");
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors[0]?.path).toBe("version");
  });

  it("lists jobs by name with a cursor", async () => {
    for (const name of ["list-a", "list-b", "list-c"])
      await call("/jobs", { body: { ...JIRA_ESCALATION, name } });
    const first = await (await call("/jobs?limit=2")).json<{
      items: { name: string }[];
      next_cursor: string;
    }>();
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toBeTruthy();
    const rest = await (await call(`/jobs?limit=200&cursor=${first.next_cursor}`)).json<{
      items: { name: string }[];
      next_cursor: null;
    }>();
    expect(rest.next_cursor).toBeNull();
    const names = [...first.items, ...rest.items].map((item) => item.name);
    expect(names).toEqual(expect.arrayContaining(["list-a", "list-b", "list-c"]));
    expect(names).toEqual([...names].sort());
  });

  it("deletes a job and every version (204), then 404", async () => {
    await call("/jobs", { body: { ...JIRA_ESCALATION, name: "doomed" } });
    await call("/jobs/doomed", {
      method: "PUT",
      body: JIRA_ESCALATION.steps && { ...JIRA_ESCALATION, name: "doomed" },
    });
    expect((await call("/jobs/doomed", { method: "DELETE" })).status).toBe(204);
    expect((await call("/jobs/doomed")).status).toBe(404);
    expect((await call("/jobs/doomed/versions")).status).toBe(404);
    expect((await call("/jobs/doomed", { method: "DELETE" })).status).toBe(404);
  });

  it("validates without saving: 200 with the compiled graph", async () => {
    const res = await expectNothingWritten(() =>
      call("/jobs/validate", { body: { ...JIRA_ESCALATION, name: "dry-run" } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      valid: true,
      compiled: { name: "dry-run", start: "check_jira" },
    });
    expect((await call("/jobs/dry-run")).status).toBe(404);
  });

  it("refuses to delete an action the current version of a job uses (409 naming the job)", async () => {
    const job = {
      name: "uses-action",
      steps: [{ id: "only", type: "task", action: "UsedAction" }],
    };
    expect((await call("/jobs", { body: job })).status).toBe(201);
    const refused = await call("/actions/UsedAction", { method: "DELETE" });
    expect(refused.status).toBe(409);
    const problem = await readProblem(refused);
    expect(problem.detail).toContain("uses-action");
    expect((await call("/actions/UsedAction")).status).toBe(200);

    const moved = {
      name: "uses-action",
      steps: [{ id: "only", type: "task", action: "FetchTodo" }],
    };
    expect((await call("/jobs/uses-action", { method: "PUT", body: moved })).status).toBe(200);
    expect((await call("/actions/UsedAction", { method: "DELETE" })).status).toBe(204);
  });
});

describe("jobs: bad input is a 4xx naming the field, and writes nothing", () => {
  const steps = JIRA_ESCALATION.steps;
  const cases: { what: string; body: unknown; path: string | RegExp; message?: RegExp }[] = [
    {
      what: "an unknown field",
      body: { ...JIRA_ESCALATION, name: "bad-1", colour: "red" },
      path: "colour",
    },
    {
      what: "an unknown step field",
      body: {
        ...JIRA_ESCALATION,
        name: "bad-2",
        steps: [{ ...steps[0], colour: "red" }, ...steps.slice(1)],
      },
      path: "steps.0.colour",
    },
    {
      what: "an unknown action",
      body: {
        ...JIRA_ESCALATION,
        name: "bad-3",
        steps: [{ ...steps[0], action: "NoSuchAction" }, ...steps.slice(1)],
      },
      path: "steps.0.action",
    },
    {
      what: "a next naming no step",
      body: { name: "bad-4", steps: [{ id: "a", type: "pass", next: "nowhere" }] },
      path: "steps.0.next",
    },
    {
      what: "a cycle",
      body: {
        name: "bad-5",
        steps: [
          { id: "a", type: "pass", depends_on: ["c"] },
          { id: "b", type: "pass", depends_on: ["a"] },
          { id: "c", type: "pass", depends_on: ["b"] },
        ],
      },
      path: /^steps\.\d\.depends_on/,
      message: /cycle/i,
    },
    {
      what: "a template error",
      body: {
        name: "bad-6",
        steps: [
          {
            id: "a",
            type: "task",
            action: "FetchTodo",
            with: { x: "{{ params.a | no_such_filter }}" },
          },
        ],
      },
      path: "steps.0.with.x",
    },
    {
      what: "a condition written as a template",
      body: {
        name: "bad-7",
        steps: [
          {
            id: "a",
            type: "choice",
            conditions: [{ if: "{{ params.x }}", next: "b" }],
            default: "b",
          },
          { id: "b", type: "succeed" },
        ],
      },
      path: "steps.0.conditions.0.if",
    },
    {
      what: "a bad duration",
      body: { name: "bad-8", steps: [{ id: "a", type: "wait", duration: "forever" }] },
      path: "steps.0.duration",
    },
    {
      what: "a bad job timeout",
      body: { ...JIRA_ESCALATION, name: "bad-9", timeout: "-5m" },
      path: "timeout",
    },
    { what: "a bad name", body: { ...JIRA_ESCALATION, name: "Not A Name" }, path: "name" },
    { what: "no steps", body: { name: "bad-10", steps: [] }, path: "steps" },
  ];

  for (const { what, body, path, message } of cases) {
    it(`400 for ${what}`, async () => {
      const res = await expectNothingWritten(() => call("/jobs", { body }));
      expect(res.status, await res.clone().text()).toBe(400);
      const { errors } = await readProblem(res);
      const hit = errors.find((issue) =>
        typeof path === "string" ? issue.path === path : path.test(issue.path),
      );
      expect(hit, JSON.stringify(errors)).toBeDefined();
      if (message) expect(hit?.message).toMatch(message);
    });
  }

  it("reports every error of a job at once, also from /jobs/validate", async () => {
    const body = {
      name: "many-errors",
      colour: "red",
      steps: [
        { id: "a", type: "task", action: "NoSuchAction" },
        { id: "b", type: "wait", duration: "forever" },
      ],
    };
    const res = await expectNothingWritten(() => call("/jobs/validate", { body }));
    expect(res.status).toBe(400);
    const paths = (await readProblem(res)).errors.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["colour", "steps.0.action", "steps.1.duration"]));
  });

  it("409 for a duplicate name, keeping the first definition", async () => {
    await call("/jobs", { body: { ...JIRA_ESCALATION, name: "taken" } });
    const res = await expectNothingWritten(() =>
      call("/jobs", { body: { ...JIRA_ESCALATION, name: "taken", description: "other" } }),
    );
    expect(res.status).toBe(409);
    expect(await (await call("/jobs/taken")).json()).toMatchObject({
      version: 1,
      description: "Escalate stale tickets",
    });
  });

  it("400 on name when a PUT body names another job", async () => {
    const res = await expectNothingWritten(() =>
      call("/jobs/path-name", { method: "PUT", body: { ...JIRA_ESCALATION, name: "body-name" } }),
    );
    expect(res.status).toBe(400);
    expect((await readProblem(res)).errors.map((issue) => issue.path)).toEqual(["name"]);
  });

  it("400 for malformed JSON and malformed YAML", async () => {
    const json = await expectNothingWritten(() =>
      call("/jobs", { body: '{"name": "x", "steps": [' }),
    );
    expect(json.status).toBe(400);
    expect((await readProblem(json)).errors[0]?.message).toMatch(/invalid JSON at line 1/);
    const yaml = await expectNothingWritten(() =>
      call("/jobs", {
        body: "name: x\nsteps:\n  - id: a\n   type: pass\n",
        contentType: "application/yaml",
      }),
    );
    expect(yaml.status).toBe(400);
    expect((await readProblem(yaml)).errors[0]?.message).toMatch(/invalid YAML at line/);
  });

  it("400 for YAML with a custom tag", async () => {
    const res = await expectNothingWritten(() =>
      call("/jobs", {
        body: "name: !!js/function x\nsteps: []\n",
        contentType: "application/yaml",
      }),
    );
    expect(res.status).toBe(400);
  });

  it("415 for another content type", async () => {
    const res = await expectNothingWritten(() =>
      call("/jobs", {
        body: JSON.stringify(JIRA_ESCALATION),
        contentType: "application/x-www-form-urlencoded",
      }),
    );
    expect(res.status).toBe(415);
    expect((await readProblem(res)).title).toBe("Unsupported media type");
  });
});
