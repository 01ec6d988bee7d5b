import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { secretBox } from "../../src/access/stored-secrets";
import type { Env } from "../../src/env";
import { call, db, readProblem } from "../api/api-client";
import { createHookJob, createWebhook } from "./support";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The webhook's row, its sealed secrets opened. */
async function readWebhookRow(job: string) {
  const row = await readStoredRow(job);
  if (!row) return null;
  const box = secretBox(env as unknown as Env);
  const previous = row.previous_secret === null ? null : await box.open(row.previous_secret);
  return { ...row, secret: await box.open(row.secret), previous_secret: previous };
}

function readStoredRow(job: string) {
  return db.prepare("SELECT * FROM webhooks WHERE job = ?").bind(job).first<{
    secret: string;
    previous_secret: string | null;
    previous_expires_at: number | null;
    github: number;
    params: string | null;
  }>();
}

describe("POST /jobs/{name}/webhook", () => {
  it("creates a whsec_ secret, shown once with the hook URL, never cached", async () => {
    const job = await createHookJob();
    const response = await call(`/jobs/${job}/webhook`, { method: "POST" });
    expect(response.status).toBe(201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const created = await response.json<Record<string, unknown>>();
    expect(created).toEqual({
      url: `http://cairn/hooks/${job}`,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      github: false,
      params: null,
      tags: null,
      previous_secret_expires_at: null,
    });
  });

  it("rotates: a new secret, the old one kept for 24 hours, options kept unless given", async () => {
    const job = await createHookJob();
    const mapping = { ref: "{{ payload.ref }}" };
    const first = await createWebhook(job, { github: true, params: mapping });
    const before = Date.now();
    const second = await createWebhook(job, {}, 200);
    expect(second.secret).not.toBe(first.secret);
    expect(second).toMatchObject({ github: true, params: mapping });
    const expires = Date.parse(second.previous_secret_expires_at ?? "");
    expect(expires).toBeGreaterThanOrEqual(before + DAY_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + DAY_MS);
    const row = await readWebhookRow(job);
    expect(row).toMatchObject({ secret: second.secret, previous_secret: first.secret });
    const third = await createWebhook(job, { github: false, params: null }, 200);
    expect(third).toMatchObject({ github: false, params: null });
    expect((await readWebhookRow(job))?.previous_secret).toBe(second.secret);
  });

  it("refuses unknown options and bad templates at their paths, writing nothing", async () => {
    const job = await createHookJob();
    const response = await call(`/jobs/${job}/webhook`, {
      body: { github: "yes", colour: "red", params: { a: { b: ["{{ payload.x | nope: }}"] } } },
    });
    expect(response.status).toBe(400);
    const paths = (await readProblem(response)).errors.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["github"]));
    const templates = await call(`/jobs/${job}/webhook`, {
      body: { params: { a: { b: ["fine", "{{ payload.x "] } } },
    });
    expect(templates.status).toBe(400);
    expect((await readProblem(templates)).errors.map((issue) => issue.path)).toEqual([
      "params.a.b.1",
    ]);
    expect(await readWebhookRow(job)).toBeNull();
  });

  it("answers 404 for an unknown job and 401 without the API token", async () => {
    expect((await call("/jobs/no-such-job/webhook", { method: "POST" })).status).toBe(404);
    const job = await createHookJob();
    const anonymous = await call(`/jobs/${job}/webhook`, { method: "POST", token: null });
    expect(anonymous.status).toBe(401);
    expect(await readWebhookRow(job)).toBeNull();
  });
});

describe("DELETE /jobs/{name}/webhook", () => {
  it("removes the webhook, then answers 404", async () => {
    const job = await createHookJob();
    await createWebhook(job);
    expect((await call(`/jobs/${job}/webhook`, { method: "DELETE" })).status).toBe(204);
    expect(await readWebhookRow(job)).toBeNull();
    expect((await call(`/jobs/${job}/webhook`, { method: "DELETE" })).status).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the webhook routes, /hooks/{job} without the bearer scheme", async () => {
    const doc = await (await call("/openapi.json")).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    expect(doc.paths["/jobs/{name}/webhook"]).toHaveProperty("post");
    expect(doc.paths["/jobs/{name}/webhook"]).toHaveProperty("delete");
    expect(doc.paths["/hooks/{job}"]?.post?.security).toEqual([]);
  });
});
