import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, SESSION_TTL_MS, sealSession } from "../../src/api/session-cookie";
import { call, readProblem, TOKEN } from "../api/api-client";

const worker = (exports as unknown as { default: { fetch(request: Request): Promise<Response> } })
  .default;
const ORIGIN = "http://cairn";
/** A run id no run has: reaching the route (404) proves authentication let it through. */
const NO_RUN = "0123456789abcdef0123456789abcdef";

/** A request as the browser sends it: no bearer token, the cookie (if any), its Origin. */
function browser(
  path: string,
  {
    method = "GET",
    cookie,
    origin,
    body,
    base = ORIGIN,
  }: {
    method?: string;
    cookie?: string;
    origin?: string | null;
    body?: unknown;
    base?: string;
  } = {},
): Promise<Response> {
  const headers = new Headers();
  if (cookie !== undefined) headers.set("Cookie", `${SESSION_COOKIE}=${cookie}`);
  if (origin !== null && method !== "GET") headers.set("Origin", origin ?? base);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return worker.fetch(
    new Request(`${base}${path}`, {
      method,
      redirect: "manual",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Signs in with `credential` and returns the response and the cookie's value. */
async function signIn(credential: string, base = ORIGIN) {
  const res = await browser("/ui/session", { method: "POST", body: { credential }, base });
  const header = res.headers.get("Set-Cookie") ?? "";
  const value = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header)?.[1];
  return { res, header, value };
}

describe("dashboard sign-in", () => {
  it("sets an HttpOnly, SameSite=Strict cookie that expires, and answers the scopes", async () => {
    const { res, header, value } = await signIn(TOKEN);
    expect(res.status).toBe(201);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
    expect(header).toContain("Path=/");
    expect(header).not.toMatch(/Secure/);
    expect(value).toBeTruthy();
    expect(value).not.toContain(TOKEN);
    const body = await res.json<{ scopes: string[]; expires_at: string }>();
    expect(body.scopes).toEqual(["admin"]);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
  });

  it("marks the cookie Secure over https", async () => {
    const { header } = await signIn(TOKEN, "https://cairn.example");
    expect(header).toMatch(/; Secure/);
  });

  it("refuses a wrong key with a 401 problem and sets no cookie", async () => {
    const { res, header } = await signIn("not-the-token");
    expect(res.status).toBe(401);
    expect(header).toBe("");
    expect((await readProblem(res)).detail).toMatch(/not valid/);
  });

  it("names the missing or malformed credential field (400), and sets no cookie", async () => {
    const cases: [unknown, string][] = [
      [{}, "credential"],
      [{ credential: "" }, "credential"],
      [{ credential: 42 }, "credential"],
      [{ credential: "x".repeat(1025) }, "credential"],
      [{ credential: TOKEN, remember: true }, "remember"],
    ];
    for (const [body, field] of cases) {
      const res = await browser("/ui/session", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect((await readProblem(res)).errors.map((e) => e.path)).toEqual([field]);
    }
  });

  it("refuses a sign-in posted from another origin (403)", async () => {
    for (const origin of ["http://evil.example", null]) {
      const res = await browser("/ui/session", {
        method: "POST",
        origin,
        body: { credential: TOKEN },
      });
      expect(res.status, String(origin)).toBe(403);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("reports signed out without a session and signed in with one", async () => {
    const out = await browser("/ui/session");
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signed_in: false, scopes: [], expires_at: null });
    const { value } = await signIn(TOKEN);
    const inside = await browser("/ui/session", { cookie: value });
    expect(await inside.json()).toMatchObject({ signed_in: true, scopes: ["admin"] });
  });

  it("signs out by expiring the cookie", async () => {
    const res = await browser("/ui/session", { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(res.headers.get("Set-Cookie")).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
  });
});

describe("the session cookie as a credential", () => {
  it("authenticates reads like the bearer token", async () => {
    const { value } = await signIn(TOKEN);
    expect((await browser("/runs", { cookie: value })).status).toBe(200);
    expect((await browser("/runs")).status).toBe(401);
  });

  it("lets a state-changing request through only from the same origin (403 otherwise)", async () => {
    const { value } = await signIn(TOKEN);
    const path = `/runs/${NO_RUN}/cancel`;
    const same = await browser(path, { method: "POST", cookie: value });
    expect(same.status).toBe(404);
    for (const origin of ["http://evil.example", null]) {
      const res = await browser(path, { method: "POST", cookie: value, origin });
      expect(res.status, String(origin)).toBe(403);
      expect((await readProblem(res)).detail).toMatch(/own origin/);
    }
  });

  it("does not ask a bearer-token request for an Origin", async () => {
    const res = await call(`/runs/${NO_RUN}/cancel`, { method: "POST" });
    expect(res.status).toBe(404);
  });

  it("refuses an altered, expired or foreign cookie (401)", async () => {
    const { value = "" } = await signIn(TOKEN);
    const flipped = `${value.slice(0, 20)}${value[20] === "A" ? "B" : "A"}${value.slice(21)}`;
    const expired = await sealSession(TOKEN, TOKEN, Date.now() - 1000);
    const foreign = await sealSession("another-token", TOKEN, Date.now() + 60_000);
    for (const cookie of [flipped, expired, foreign, "x", "!!!", ""]) {
      const res = await browser("/runs", { cookie });
      expect(res.status, cookie).toBe(401);
    }
  });

  it("refuses a cookie that carries a credential that is not (or no longer) valid", async () => {
    const sealed = await sealSession(TOKEN, "revoked-key", Date.now() + 60_000);
    expect((await browser("/runs", { cookie: sealed })).status).toBe(401);
    expect(await (await browser("/ui/session", { cookie: sealed })).json()).toMatchObject({
      signed_in: false,
    });
  });
});

describe("dashboard pages", () => {
  it("redirects / to /ui/", async () => {
    const res = await browser("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/ui/");
  });

  it("answers every page under /ui/ with the app's HTML, locked to its own origin", async () => {
    for (const path of ["/ui/", "/ui/runs/abc", "/ui/jobs/karya"]) {
      const res = await browser(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
      const html = await res.text();
      const script = /src="(\/ui\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      const asset = await browser(script ?? "");
      expect(asset.status).toBe(200);
      expect(asset.headers.get("Content-Type")).toMatch(/javascript/);
      expect(asset.headers.get("Cache-Control")).toMatch(/immutable/);
    }
  });

  it("answers 404 for a file the dashboard does not have", async () => {
    const res = await browser("/ui/nothing-here.js");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).detail).toMatch(/nothing-here/);
  });
});

describe("a session signed in with an API key", () => {
  it("answers the key's scopes, is held to them, and ends when the key is revoked", async () => {
    const created = await call("/keys", {
      body: { name: `ui-read-${crypto.randomUUID()}`, scopes: ["read"] },
    });
    expect(created.status).toBe(201);
    const key = await created.json<{ id: string; key: string }>();
    const { res, value } = await signIn(key.key);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ scopes: ["read"] });
    expect((await browser("/runs", { cookie: value })).status).toBe(200);
    const cancel = await browser(`/runs/${NO_RUN}/cancel`, { method: "POST", cookie: value });
    expect(cancel.status).toBe(403);
    expect((await readProblem(cancel)).detail).toMatch(/"run" scope/);
    expect((await call(`/keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await browser("/runs", { cookie: value })).status).toBe(401);
    expect(await (await browser("/ui/session", { cookie: value })).json()).toMatchObject({
      signed_in: false,
    });
  });
});
