import { beforeAll, describe, expect, it } from "vitest";
import { call, readProblem } from "./api-client";
import { expectNothingWritten, JIRA_ESCALATION, seedActions } from "./job-fixtures";

beforeAll(seedActions);

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
