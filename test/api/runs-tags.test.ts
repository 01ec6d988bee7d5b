import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createJob, getRun, uniqueJobName, waitForRun } from "../engine/runs";
import { coordinatorOf, rewindCursors, scheduledRuns } from "../schedule/support";
import { createWebhook, deliver } from "../webhooks/support";
import { call, db, readProblem } from "./api-client";

const oneStep = (name: string) => ({ name, steps: [{ id: "done", type: "succeed" }] });

async function startTagged(job: string, tags: unknown, params: unknown = {}): Promise<string> {
  const response = await call(`/jobs/${job}/runs`, { body: { params, tags } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json<{ id: string }>()).id;
}

async function listIds(query: string): Promise<string[]> {
  const response = await call(`/runs?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json<{ items: { id: string }[] }>()).items.map((item) => item.id);
}

async function countRunRows(): Promise<number> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM runs").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("tags on starts", () => {
  it("shows a run's tags and finds it by every tag given", async () => {
    const job = await createJob(oneStep(uniqueJobName("tags")));
    const customer = crypto.randomUUID();
    const both = await startTagged(job, { customer, region: "eu" });
    const onlyCustomer = await startTagged(job, { customer, region: "us" });
    await startTagged(job, { customer: "someone-else", region: "eu" });
    expect((await waitForRun(both)).tags).toEqual({ customer, region: "eu" });
    await waitForRun(onlyCustomer);

    expect(await listIds(`tag=customer:${customer}`)).toEqual([onlyCustomer, both]);
    expect(await listIds(`tag=customer:${customer}&tag=region:eu`)).toEqual([both]);
    expect(await listIds(`tag=customer:${customer}&status=failed,cancelled`)).toEqual([]);
    expect(await listIds(`tag=customer:${customer}&status=failed,succeeded&job=${job}`)).toEqual([
      onlyCustomer,
      both,
    ]);
  });

  it("lists each run with its tags, untagged runs with none", async () => {
    const job = await createJob(oneStep(uniqueJobName("tags-list")));
    const batch = crypto.randomUUID();
    const tagged = await startTagged(job, { batch, region: "eu" });
    const untagged = await startTagged(job, undefined);
    const response = await call(`/runs?job=${job}`);
    const page = await response.json<{ items: { id: string; tags: unknown }[] }>();
    expect(page.items.map((item) => [item.id, item.tags])).toEqual([
      [untagged, {}],
      [tagged, { batch, region: "eu" }],
    ]);
    const filtered = await (await call(`/runs?tag=batch:${batch}`)).json<{
      items: { tags: unknown }[];
    }>();
    expect(filtered.items.map((item) => item.tags)).toEqual([{ batch, region: "eu" }]);
  });

  it("pages through a tag filter newest first, and bounds it by creation time", async () => {
    const job = await createJob(oneStep(uniqueJobName("tag-pages")));
    const batch = crypto.randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await startTagged(job, { batch }));
    const newestFirst = [...ids].reverse();
    const first = await (await call(`/runs?tag=batch:${batch}&limit=3`)).json<{
      items: { id: string; created_at: string }[];
      next_cursor: string;
    }>();
    expect(first.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 3));
    const rest = await listIds(`tag=batch:${batch}&limit=3&cursor=${first.next_cursor}`);
    expect(rest).toEqual(newestFirst.slice(3));

    const middle = first.items[1]?.created_at ?? "";
    const before = await listIds(`tag=batch:${batch}&created_before=${middle}`);
    const after = await listIds(`tag=batch:${batch}&created_after=${middle}`);
    expect([...after, ...before].sort()).toEqual([...ids].sort());
    expect(after).toContain(first.items[1]?.id);
  });

  it("indexes the tags of a start its job's queue holds, and shows them", async () => {
    const job = await createJob({
      name: uniqueJobName("queued-tags"),
      concurrency: { limit: 1, overlap: "queue" },
      steps: [{ id: "hold", type: "wait_for_event", event: "go" }],
    });
    await startTagged(job, {});
    const held = await startTagged(job, { ticket: "queued-1" });
    expect(await getRun(held)).toMatchObject({ status: "queued", tags: { ticket: "queued-1" } });
    expect(await listIds("tag=ticket:queued-1&status=queued")).toEqual([held]);
  });

  it("tags inline runs (POST /runs) too", async () => {
    const body = { job: oneStep(uniqueJobName("inline-tags")), tags: { ticket: "ABC-1" } };
    const response = await call("/runs", { body });
    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: string }>();
    expect((await getRun(id)).tags).toEqual({ ticket: "ABC-1" });
  });

  it("tags the runs a schedule entry starts", async () => {
    const job = uniqueJobName("scheduled-tags");
    await createJob({
      ...oneStep(job),
      schedule: { cron: "0 9 * * *", catchup: "latest", tags: { source: "nightly" } },
    });
    await rewindCursors(job, Date.now() - 2 * 24 * 60 * 60 * 1000);
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    const [id] = await scheduledRuns(job);
    expect(id).toBeDefined();
    expect((await waitForRun(id ?? "")).tags).toEqual({ source: "nightly" });
  });

  it("gives a run_job child only the tags its step gives, rendered from the parent's scope", async () => {
    const child = await createJob(oneStep(uniqueJobName("child-tags")));
    const parent = await createJob({
      name: uniqueJobName("parent-tags"),
      steps: [
        { id: "tagged", type: "run_job", job: child, tags: { order: "{{ params.order }}" } },
        { id: "plain", type: "run_job", job: child },
      ],
    });
    const id = await startTagged(parent, { customer: "parent-only" }, { order: "o-7" });
    await waitForRun(id);
    const children = await (await call(`/runs?job=${child}`)).json<{ items: { id: string }[] }>();
    const tags = await Promise.all(
      children.items.map(async (item) => (await getRun(item.id)).tags),
    );
    expect(tags).toEqual(expect.arrayContaining([{ order: "o-7" }, {}]));
    expect(tags).toHaveLength(2);
  });

  it("renders a webhook's tags from the delivery, like its params", async () => {
    const job = await createJob(oneStep(uniqueJobName("hook-tags")));
    const created = await createWebhook(job, {
      tags: { repo: "{{ payload.repo }}", pr: "{{ payload.number }}", kind: "push" },
    });
    const { secret } = created;
    expect(created.tags).toEqual({
      repo: "{{ payload.repo }}",
      pr: "{{ payload.number }}",
      kind: "push",
    });
    const response = await deliver(job, secret, JSON.stringify({ repo: "cairn", number: 7 }));
    expect(response.status, await response.clone().text()).toBe(202);
    const { id } = await response.json<{ id: string }>();
    expect((await getRun(id)).tags).toEqual({ repo: "cairn", pr: "7", kind: "push" });
  });

  it("refuses a webhook whose tags render too long, naming the tag, and starts nothing", async () => {
    const job = await createJob(oneStep(uniqueJobName("hook-long-tag")));
    const { secret } = await createWebhook(job, { tags: { note: "{{ payload.note }}" } });
    const before = await countRunRows();
    const response = await deliver(job, secret, JSON.stringify({ note: "x".repeat(300) }));
    const problem = await readProblem(response);
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.path)).toEqual(["tags.note"]);
    expect(await countRunRows()).toBe(before);
  });

  it("refuses bad tags with a 400 naming the field, and writes nothing", async () => {
    const job = await createJob(oneStep(uniqueJobName("bad-tags")));
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]));
    const cases: [unknown, string][] = [
      [tooMany, "tags"],
      [{ ["k".repeat(65)]: "v" }, `tags.${"k".repeat(65)}`],
      [{ customer: "v".repeat(257) }, "tags.customer"],
      [{ customer: 42 }, "tags.customer"],
      [{ "a:b": "v" }, "tags.a:b"],
      [["customer"], "tags"],
    ];
    const before = await countRunRows();
    for (const [tags, path] of cases) {
      const problem = await readProblem(await call(`/jobs/${job}/runs`, { body: { tags } }));
      expect(problem.status, JSON.stringify(tags)).toBe(400);
      expect(problem.errors.map((e) => e.path)).toContain(path);
      const inline = await call("/runs", { body: { job: oneStep(job), tags } });
      expect((await readProblem(inline)).errors.map((e) => e.path)).toContain(path);
    }
    expect(await countRunRows()).toBe(before);
  });
});

describe("GET /runs filters", () => {
  it("refuses unknown, repeated and malformed parameters, naming each", async () => {
    const cases: [string, string[]][] = [
      ["tags=customer:1", ["tags"]],
      ["customer=1&colour=red", ["customer", "colour"]],
      ["job=a&job=b", ["job"]],
      ["status=failed,exploded", ["status.1"]],
      ["tag=customer", ["tag.0"]],
      ["created_after=yesterday", ["created_after"]],
    ];
    for (const [query, paths] of cases) {
      const problem = await readProblem(await call(`/runs?${query}`));
      expect(problem.status, query).toBe(400);
      expect(problem.errors.map((e) => e.path).sort(), query).toEqual([...paths].sort());
    }
  });
});
