import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashKey } from "../../src/access/key-format";
import { call, db, readProblem } from "./api-client";
import { createKey, waitingJob } from "./key-support";

async function keyRows(): Promise<Record<string, unknown>[]> {
  return (await db.prepare("SELECT * FROM api_keys").all<Record<string, unknown>>()).results;
}

describe("API keys", () => {
  it("answers the key once, shaped cairn_<id>_<secret>, and stores only its hash", async () => {
    const res = await call("/keys", { body: { name: "ci", scopes: ["read"] } });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const created = await res.json<Record<string, unknown>>();
    const key = String(created.key);
    expect(key).toMatch(/^cairn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "ci", scopes: ["read"], jobs: null, expires_at: null });
    const row = (await keyRows()).find((r) => r.id === created.id);
    expect(row?.hash).toBe(await hashKey(key));
    // The secret is base64url, which may itself hold "_": cut after the prefix and id.
    const secret = key.slice("cairn_".length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(await keyRows())).not.toContain(secret);
    const listed = await (await call("/keys")).text();
    expect(listed).toContain(String(created.id));
    expect(listed).not.toContain(key);
    expect(listed).not.toContain(String(row?.hash));
  });

  it("works as a bearer token and records last_used_at", async () => {
    const { id, key } = await createKey(["read"]);
    expect((await call("/jobs", { token: key })).status).toBe(200);
    const items = (await (await call("/keys")).json<{ items: Record<string, unknown>[] }>()).items;
    expect(items.find((item) => item.id === id)?.last_used_at).toEqual(expect.any(String));
  });

  it("a revoked key gets 401 on its very next request", async () => {
    const { id, key } = await createKey(["read"]);
    expect((await call("/jobs", { token: key })).status).toBe(200);
    expect((await call(`/keys/${id}`, { method: "DELETE" })).status).toBe(204);
    const res = await call("/jobs", { token: key });
    expect(res.status).toBe(401);
    expect((await call(`/keys/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("an expired, unknown or altered key gets the same 401", async () => {
    const { id, key } = await createKey(["read"]);
    await db
      .prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, id)
      .run();
    const forged = `${key.slice(0, -4)}AAAA`;
    const unknown = `cairn_000000000000_${"A".repeat(43)}`;
    const details = new Set<string>();
    for (const token of [key, forged, unknown, "not-a-key"]) {
      const res = await call("/jobs", { token });
      expect(res.status, token).toBe(401);
      details.add((await readProblem(res)).detail);
    }
    expect(details.size).toBe(1);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = (await keyRows()).length;
    const cases: [unknown, string][] = [
      [{ scopes: ["read"] }, "name"],
      [{ name: "x", scopes: [] }, "scopes"],
      [{ name: "x", scopes: ["root"] }, "scopes.0"],
      [{ name: "x", scopes: ["read"], expires_at: "2000-01-01T00:00:00Z" }, "expires_at"],
      [{ name: "x", scopes: ["read"], expires_at: "tomorrow" }, "expires_at"],
      [{ name: "x", scopes: ["write"], jobs: ["a"] }, "jobs"],
      [{ name: "x", scopes: ["run"], jobs: ["Not A Job"] }, "jobs.0"],
      [{ name: "x", scopes: ["read"], key: "mine" }, "key"],
    ];
    for (const [body, path] of cases) {
      const res = await call("/keys", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = await readProblem(res);
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await keyRows()).length).toBe(before);
  });

  it("only admin manages keys", async () => {
    const { key } = await createKey(["write"]);
    const res = await call("/keys", { token: key });
    expect(res.status).toBe(403);
    expect((await readProblem(res)).detail).toContain('"admin" scope');
  });
});

describe("a run key limited to one job", () => {
  let key: string;
  let otherRun: string;
  beforeAll(async () => {
    for (const name of ["scoped-mine", "scoped-other"])
      expect((await call("/jobs", { body: waitingJob(name) })).status).toBe(201);
    key = (await createKey(["run"], { jobs: ["scoped-mine"] })).key;
    const other = await call("/jobs/scoped-other/runs", { body: {} });
    otherRun = (await other.json<{ id: string }>()).id;
  });

  it("starts and steers runs of that job", async () => {
    const started = await call("/jobs/scoped-mine/runs", { body: {}, token: key });
    expect(started.status).toBe(201);
    const { id } = await started.json<{ id: string }>();
    expect((await call(`/runs/${id}`, { token: key })).status).toBe(200);
    expect((await call(`/runs/${id}/events/go`, { body: {}, token: key })).status).toBe(202);
    expect((await call(`/runs/${id}/cancel`, { method: "POST", token: key })).status).toBe(200);
  });

  it("starts and steers nothing else, and cannot change the catalog", async () => {
    const refusals: [string, { method?: string; body?: unknown }][] = [
      ["/jobs/scoped-other/runs", { body: {} }],
      [`/runs/${otherRun}/cancel`, { method: "POST" }],
      [`/runs/${otherRun}/events/go`, { body: {} }],
      ["/runs", { body: waitingJob("scoped-inline") }],
      ["/jobs", { body: waitingJob("scoped-new") }],
      ["/jobs/scoped-mine", { method: "DELETE" }],
    ];
    for (const [path, options] of refusals) {
      const res = await call(path, { ...options, token: key });
      expect(res.status, path).toBe(403);
      await res.body?.cancel();
    }
    const run = await (await call(`/runs/${otherRun}`)).json<{ status: string }>();
    expect(run.status).not.toBe("cancelled");
    // Reading stays open to it: read is every GET.
    expect((await call(`/runs/${otherRun}`, { token: key })).status).toBe(200);
  });

  it("gets 404, not a hint, for a run the index does not know", async () => {
    const res = await call(`/runs/${"f".repeat(32)}/cancel`, { method: "POST", token: key });
    expect(res.status).toBe(404);
  });
});

describe("a key in the logs", () => {
  it("is never written to the console, from creation to revocation", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      }),
    );
    try {
      const { id, key } = await createKey(["read"]);
      await call("/jobs", { token: key });
      await call("/keys", { token: key });
      await call(`/keys/${id}`, { method: "DELETE" });
      await call("/jobs", { token: key });
      const secret = key.split("_")[2] ?? key;
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
