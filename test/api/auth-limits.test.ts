import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { takeToken } from "../../src/access/token-bucket";
import { app } from "../../src/api/app";
import { MAX_BODY_BYTES, MAX_DELIVERY_BYTES, MAX_SMALL_BODY_BYTES } from "../../src/api/body-limit";
import type { Env } from "../../src/env";
import { createHookJob, createWebhook } from "../webhooks/support";
import { call, readProblem } from "./api-client";
import { createKey, waitingJob } from "./key-support";

/** The app with a per-minute limit of `perMinute` (and anything else given). */
function limitedEnv(perMinute: number, extra: Partial<Env> = {}): Env {
  return { ...(env as unknown as Env), RATE_LIMIT_PER_MINUTE: String(perMinute), ...extra };
}

async function start(job: string, key: string, environment: Env): Promise<Response> {
  return app.request(
    `/jobs/${job}/runs`,
    {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: "{}",
    },
    environment,
  );
}

describe("per-key rate limits on starts, events and webhooks", () => {
  beforeAll(async () => {
    expect((await call("/jobs", { body: waitingJob("limited-job") })).status).toBe(201);
  });

  it("answers 429 with Retry-After once a key has used its minute, other keys unaffected", async () => {
    const environment = limitedEnv(2);
    const first = await createKey(["run"]);
    const second = await createKey(["run"]);
    expect((await start("limited-job", first.key, environment)).status).toBe(201);
    expect((await start("limited-job", first.key, environment)).status).toBe(201);
    const refused = await start("limited-job", first.key, environment);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect((await readProblem(refused)).status).toBe(429);
    expect((await start("limited-job", second.key, environment)).status).toBe(201);
    // Reading is not limited.
    const read = await app.request(
      "/runs",
      { headers: { Authorization: `Bearer ${first.key}` } },
      environment,
    );
    expect(read.status).toBe(200);
  });

  it("does not limit the API_TOKEN holder, whose requests would all share one bucket", async () => {
    const environment = limitedEnv(1);
    const token = (env as unknown as Env).API_TOKEN ?? "";
    for (let i = 0; i < 3; i++)
      expect((await start("limited-job", token, environment)).status).toBe(201);
  });

  it("limits a webhook's deliveries per job, before the signature is checked", async () => {
    const job = await createHookJob();
    await createWebhook(job);
    const environment = limitedEnv(1);
    const headers = {
      "webhook-id": "msg_x",
      "webhook-timestamp": "1",
      "webhook-signature": "v1,x",
    };
    const send = () =>
      app.request(`/hooks/${job}`, { method: "POST", headers, body: "{}" }, environment);
    expect((await send()).status).toBe(401);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).not.toBeNull();
  });

  it("counts callbacks per run, however the rest of the token is made up", async () => {
    const environment = limitedEnv(1);
    const run = "ab".repeat(16);
    const send = (tail: string) =>
      app.request(
        `/callbacks/${run}.${tail.repeat(32)}`,
        { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" },
        environment,
      );
    expect((await send("a")).status).toBe(404);
    expect((await send("b")).status).toBe(429);
  });

  it("uses the Workers rate limiting binding when one is configured", async () => {
    const asked: string[] = [];
    const binding = {
      async limit({ key }: { key: string }) {
        asked.push(key);
        return { success: false };
      },
    };
    const { id, key } = await createKey(["run"]);
    const res = await start(
      "limited-job",
      key,
      limitedEnv(100, { RATE_LIMITER: binding as unknown as RateLimit }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("60");
    expect(asked).toEqual([`key:${id}`]);
  });

  it("refills the bucket over the period", () => {
    const limit = { capacity: 2, periodMs: 60_000 };
    const a = takeToken(null, limit, 0);
    const b = takeToken(a.state, limit, 0);
    const c = takeToken(b.state, limit, 0);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, false]);
    if (!c.ok) expect(c.retryAfterMs).toBe(30_000);
    expect(takeToken(c.state, limit, 30_000).ok).toBe(true);
  });
});

describe("body limits per route", () => {
  it("takes a definition larger than an event may be, and refuses such an event with 413", async () => {
    const size = MAX_DELIVERY_BYTES + 1024;
    // A definition this large: many steps, each with a long `with:` value.
    const filler = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      type: "pass",
      output: { text: "x".repeat(Math.ceil(size / 40)) },
    }));
    const job = {
      name: "big-definition",
      steps: [{ id: "hold", type: "wait", duration: "1h" }, ...filler],
    };
    const saved = await call("/jobs", { body: job });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const started = await call("/jobs/big-definition/runs", { body: {} });
    const { id } = await started.json<{ id: string }>();
    const event = await call(`/runs/${id}/events/go`, { body: { pad: "x".repeat(size) } });
    expect(event.status).toBe(413);
    expect((await readProblem(event)).detail).toContain(String(MAX_DELIVERY_BYTES));
    const params = await call("/jobs/big-definition/runs", {
      body: { params: { pad: "x".repeat(MAX_BODY_BYTES + 1024) } },
    });
    expect(params.status).toBe(413);
    expect((await readProblem(params)).detail).toContain(String(MAX_BODY_BYTES));
  });

  it("keeps small routes small", async () => {
    const count = async () =>
      (
        await (env as unknown as Env).DB.prepare("SELECT count(*) AS n FROM api_keys").first<{
          n: number;
        }>()
      )?.n;
    const before = await count();
    const res = await call("/keys", {
      body: { name: "x".repeat(MAX_SMALL_BODY_BYTES), scopes: ["read"] },
    });
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });
});
