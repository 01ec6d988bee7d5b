import { describe, expect, it } from "vitest";
import { call, db, readProblem } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { subscribe } from "./support";

async function countSubscriptions(): Promise<number> {
  const row = await db.prepare("SELECT COUNT(*) AS n FROM subscriptions").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("subscriptions API", () => {
  it("creates a subscription with a whsec_ secret shown once, never cached", async () => {
    const url = target.url(uniquePath("api"));
    const response = await call("/subscriptions", {
      body: { url, events: ["run.*", "step.failed"], jobs: ["a"], description: "ops" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const created = await response.json<Record<string, unknown>>();
    expect(created).toEqual({
      id: expect.stringMatching(/^sub_[0-9a-f]{32}$/),
      url,
      events: ["run.*", "step.failed"],
      jobs: ["a"],
      description: "ops",
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(response.headers.get("Location")).toBe(`/subscriptions/${created.id}`);
  });

  it("defaults to every event of every job", async () => {
    const created = await subscribe(uniquePath("defaults"));
    expect(created).toMatchObject({ events: ["*"], jobs: null, description: null });
  });

  it("reads, lists and deletes without ever showing the secret", async () => {
    const created = await subscribe(uniquePath("crud"));
    const read = await call(`/subscriptions/${created.id}`);
    expect(read.status).toBe(200);
    const view = await read.json<Record<string, unknown>>();
    expect(view).not.toHaveProperty("secret");
    expect(view.id).toBe(created.id);
    const list = await (await call("/subscriptions")).json<{ items: Record<string, unknown>[] }>();
    expect(list.items.map((item) => item.id)).toContain(created.id);
    expect(list.items.every((item) => !("secret" in item))).toBe(true);
    expect((await call(`/subscriptions/${created.id}/deliveries`)).status).toBe(200);
    expect((await call(`/subscriptions/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/subscriptions/${created.id}`)).status).toBe(404);
    expect((await call(`/subscriptions/${created.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await call(`/subscriptions/${created.id}/deliveries`)).status).toBe(404);
  });

  it.each([
    [{ url: "not a url" }, "url"],
    [{ url: "ftp://example.com/x" }, "url"],
    [{ url: "http://169.254.169.254/latest" }, "url"],
    [{ url: "https://example.com", events: ["run.exploded"] }, "events.0"],
    [{ url: "https://example.com", events: [] }, "events"],
    [{ url: "https://example.com", jobs: [""] }, "jobs.0"],
    [{ url: "https://example.com", secret: "mine" }, "secret"],
    [{}, "url"],
  ])("refuses %j with 400 on %s and writes nothing", async (body, path) => {
    const before = await countSubscriptions();
    const response = await call("/subscriptions", { body });
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors.map((issue) => issue.path)).toContain(path);
    expect(await countSubscriptions()).toBe(before);
  });

  it("requires the bearer token: 401 with a wrong one, nothing written", async () => {
    const before = await countSubscriptions();
    const body = { url: "https://example.com/hook" };
    expect((await call("/subscriptions", { body, token: "wrong" })).status).toBe(401);
    expect((await call("/subscriptions", { token: "wrong" })).status).toBe(401);
    expect((await call("/subscriptions", { body, token: null })).status).toBe(401);
    expect(await countSubscriptions()).toBe(before);
  });
});
