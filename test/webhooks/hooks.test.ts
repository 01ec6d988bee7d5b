import { describe, expect, it } from "vitest";
import { call, db, readProblem } from "../api/api-client";
import { getRun, waitForRun } from "../engine/runs";
import {
  countRunCreations,
  countRuns,
  createHookJob,
  createWebhook,
  deliver,
  deliverAsGithub,
} from "./support";

interface Started {
  id: string;
  status: string;
  job: string;
  version: number;
}

/** Expects a 4xx problem that started and wrote nothing for the job. */
async function expectRefused(response: Response, status: number, job: string): Promise<string> {
  expect(response.status).toBe(status);
  const problem = await readProblem(response);
  expect(await countRuns(job)).toBe(0);
  return problem.detail;
}

describe("POST /hooks/{job} with Standard Webhooks signatures", () => {
  it("starts a run for a validly signed delivery, without a bearer token", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const response = await deliver(job, secret, JSON.stringify({ hello: "world" }));
    expect(response.status).toBe(202);
    const started = await response.json<Started>();
    expect(started).toMatchObject({ job, version: 1 });
    expect(started.id).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers.get("Location")).toBe(`/runs/${started.id}`);
    const run = await waitForRun(started.id);
    expect(run).toMatchObject({ status: "succeeded", trigger: "webhook", params: {} });
  });

  it("refuses a signature made with another secret: 401, nothing started", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const other = await createHookJob();
    const { secret: otherSecret } = await createWebhook(other);
    const response = await deliver(job, secret, "{}", { signWith: otherSecret });
    expect(await expectRefused(response, 401, job)).toMatch(/signature is not valid/);
  });

  it("refuses timestamps more than five minutes old or ahead: 401", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 6 * 60, now + 6 * 60]) {
      const response = await deliver(job, secret, "{}", { timestamp });
      expect(await expectRefused(response, 401, job)).toMatch(/timestamp/);
    }
  });

  it("refuses missing or tampered signatures: 401", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const unsigned = await call(`/hooks/${job}`, { body: "{}", token: null });
    await expectRefused(unsigned, 401, job);
    const tampered = await deliver(job, secret, "{}", {
      headers: { "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
    });
    await expectRefused(tampered, 401, job);
    // A GitHub signature counts only for webhooks created with github: true.
    const github = await deliverAsGithub(job, secret, "{}");
    await expectRefused(github, 401, job);
  });

  it("answers a replayed delivery id with the first run and starts nothing", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const first = await deliver(job, secret, '{"n":1}', { id: "msg_replayed" });
    expect(first.status).toBe(202);
    const { id } = await first.json<Started>();
    await waitForRun(id);
    // A sender's retry: same id and body, a fresh timestamp and signature.
    const retry = await deliver(job, secret, '{"n":1}', {
      id: "msg_replayed",
      timestamp: Math.floor(Date.now() / 1000) - 1,
    });
    expect(retry.status).toBe(200);
    expect(await retry.json<Started>()).toMatchObject({ id, job, status: "succeeded" });
    expect(await countRunCreations(id)).toBe(1);
  });

  it("dedupes concurrent duplicates of one delivery into one run", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const responses = await Promise.all(
      [1, 2, 3].map(() => deliver(job, secret, "{}", { id: "msg_concurrent" })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 202]);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => (await r.json<Started>()).id)),
    );
    expect(ids.size).toBe(1);
  });

  it("keeps delivery ids apart per job", async () => {
    const [first, second] = [await createHookJob(), await createHookJob()];
    const a = await deliver(first, (await createWebhook(first)).secret, "{}", { id: "msg_same" });
    const b = await deliver(second, (await createWebhook(second)).secret, "{}", { id: "msg_same" });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect((await a.json<Started>()).id).not.toBe((await b.json<Started>()).id);
  });

  it("accepts old and new secrets during a rotation, and only the new one after it", async () => {
    const job = await createHookJob();
    const { secret: old } = await createWebhook(job);
    const { secret: rotated } = await createWebhook(job, {}, 200);
    expect(rotated).not.toBe(old);
    expect((await deliver(job, old, "{}")).status).toBe(202);
    expect((await deliver(job, rotated, "{}")).status).toBe(202);
    await db
      .prepare("UPDATE webhooks SET previous_expires_at = ? WHERE job = ?")
      .bind(Date.now() - 1, job)
      .run();
    expect((await deliver(job, old, "{}")).status).toBe(401);
    expect((await deliver(job, rotated, "{}")).status).toBe(202);
  });

  it("refuses a body over 1 MiB with 413 before anything else", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const body = JSON.stringify({ blob: "x".repeat(1024 * 1024) });
    await expectRefused(await deliver(job, secret, body), 413, job);
  });

  it("answers 404 alike for an unknown job, a job without webhook and a removed webhook", async () => {
    const job = await createHookJob();
    const unknown = await deliver("no-such-job", "whsec_AAAA", "{}");
    expect(unknown.status).toBe(404);
    const without = await deliver(job, "whsec_AAAA", "{}");
    expect(without.status).toBe(404);
    const { secret } = await createWebhook(job);
    expect((await call(`/jobs/${job}/webhook`, { method: "DELETE" })).status).toBe(204);
    await expectRefused(await deliver(job, secret, "{}"), 404, job);
  });
});

describe("a job deleted and created again", () => {
  it("does not inherit the old job's webhook or its secret", async () => {
    const job = await createHookJob();
    const { secret: old } = await createWebhook(job);
    expect((await call(`/jobs/${job}`, { method: "DELETE" })).status).toBe(204);
    const left = await db.prepare("SELECT count(*) AS n FROM webhooks WHERE job = ?").bind(job);
    expect(await left.first("n")).toBe(0);
    await createHookJob({ name: job });
    await expectRefused(await deliver(job, old, "{}"), 404, job);
    const fresh = await createWebhook(job);
    expect(fresh.previous_secret_expires_at).toBeNull();
    await expectRefused(await deliver(job, old, "{}"), 401, job);
    expect((await deliver(job, fresh.secret, "{}")).status).toBe(202);
  });
});

describe("POST /hooks/{job} with GitHub signatures", () => {
  it("starts a run for X-Hub-Signature-256 and dedupes on X-GitHub-Delivery", async () => {
    const job = await createHookJob();
    const { secret, github } = await createWebhook(job, { github: true });
    expect(github).toBe(true);
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const first = await deliverAsGithub(job, secret, body, "delivery-1");
    expect(first.status).toBe(202);
    const { id } = await first.json<Started>();
    const again = await deliverAsGithub(job, secret, body, "delivery-1");
    expect(again.status).toBe(200);
    expect((await again.json<Started>()).id).toBe(id);
    expect(await countRunCreations(id)).toBe(1);
  });

  it("dedupes a replay under a new X-GitHub-Delivery on the signature (GitHub signs only the body)", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job, { github: true });
    const body = JSON.stringify({ ref: "refs/heads/replayed" });
    const first = await deliverAsGithub(job, secret, body, "delivery-a");
    expect(first.status).toBe(202);
    const { id } = await first.json<Started>();
    const replay = await deliverAsGithub(job, secret, body, "delivery-b");
    expect(replay.status).toBe(200);
    expect((await replay.json<Started>()).id).toBe(id);
    expect(await countRuns(job)).toBe(1);
    // Another body is another delivery.
    expect((await deliverAsGithub(job, secret, "{}", "delivery-c")).status).toBe(202);
  });

  it("still accepts Standard Webhooks signatures", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job, { github: true });
    expect((await deliver(job, secret, "{}")).status).toBe(202);
  });

  it("refuses a wrong GitHub signature (401) and a missing delivery id (400)", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job, { github: true });
    await expectRefused(await deliverAsGithub(job, "whsec_wrong", "{}"), 401, job);
    const anonymous = await deliverAsGithub(job, secret, "{}", null);
    expect(anonymous.status).toBe(400);
    expect((await readProblem(anonymous)).errors).toEqual([
      { path: "headers.X-GitHub-Delivery", message: "a delivery id is required" },
    ]);
    expect(await countRuns(job)).toBe(0);
  });
});

describe("params mapping", () => {
  const SCHEMA = {
    type: "object",
    required: ["repo"],
    properties: { repo: { type: "string" }, stars: { type: "integer" } },
  };

  it("renders params from the payload and headers", async () => {
    const job = await createHookJob({ params: SCHEMA });
    const mapping = {
      repo: "{{ payload.repository.full_name }}",
      stars: "{{ payload.repository.stars }}",
      event: "{{ headers['x-github-event'] }}",
      summary: "{{ payload.repository.full_name }} by {{ payload.sender.login }}",
      signature: "{{ headers['x-hub-signature-256'] }}",
    };
    const { secret, params } = await createWebhook(job, { github: true, params: mapping });
    expect(params).toEqual(mapping);
    const body = JSON.stringify({
      repository: { full_name: "octo/cat", stars: 42 },
      sender: { login: "mona" },
    });
    const response = await deliverAsGithub(job, secret, body);
    expect(response.status).toBe(202);
    const run = await getRun((await response.json<Started>()).id);
    expect(run.params).toEqual({
      repo: "octo/cat",
      stars: 42,
      event: "push",
      summary: "octo/cat by mona",
      signature: null,
    });
  });

  it("refuses a delivery whose mapped params do not fit the job: 400, nothing started", async () => {
    const job = await createHookJob({ params: SCHEMA });
    const { secret } = await createWebhook(job, {
      params: { repo: "{{ payload.repository.full_name }}" },
    });
    await expectRefused(await deliver(job, secret, '{"repository":{}}'), 400, job);
  });
});
