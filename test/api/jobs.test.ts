import { beforeAll, describe, expect, it } from "vitest";
import { call, countRows, readProblem } from "./api-client";
import { expectNothingWritten, JIRA_ESCALATION, seedActions } from "./job-fixtures";

beforeAll(seedActions);

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

  it("concurrent PUTs never lose or skip a version", async () => {
    const job = { ...JIRA_ESCALATION, name: "contended" };
    expect((await call("/jobs", { body: job })).status).toBe(201);
    const saves = await Promise.all(
      ["a", "b", "c", "d"].map((tag) =>
        call("/jobs/contended", { method: "PUT", body: { ...job, description: tag } }),
      ),
    );
    // Each save lands as the next version or, having lost every retry, is refused whole (409).
    for (const res of saves) expect([200, 409]).toContain(res.status);
    const landed = saves.filter((res) => res.status === 200).length;
    expect(landed).toBeGreaterThan(0);
    const versions = await (await call("/jobs/contended/versions")).json<{
      items: { version: number }[];
    }>();
    const expected = Array.from({ length: landed + 1 }, (_, i) => landed + 1 - i);
    expect(versions.items.map((v) => v.version)).toEqual(expected);
    expect(await (await call("/jobs/contended")).json()).toMatchObject({ version: landed + 1 });
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
    const doomed = { ...JIRA_ESCALATION, name: "doomed" };
    expect((await call("/jobs", { body: doomed })).status).toBe(201);
    expect((await call("/jobs/doomed", { method: "PUT", body: doomed })).status).toBe(200);
    const versionsBefore = await countRows("job_versions");
    expect((await call("/jobs/doomed", { method: "DELETE" })).status).toBe(204);
    expect(await countRows("job_versions")).toBe(versionsBefore - 2);
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
