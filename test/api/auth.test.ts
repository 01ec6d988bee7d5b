import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { app } from "../../src/api/app";
import type { Env } from "../../src/env";
import { call, readProblem } from "./api-client";

describe("bearer auth", () => {
  it("refuses a request without a token with a 401 problem and WWW-Authenticate", async () => {
    const res = await call("/actions", { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const problem = await readProblem(res);
    expect(problem).toMatchObject({
      type: "about:blank",
      status: 401,
      title: "Unauthorized",
      errors: [],
    });
    expect(problem.detail).toMatch(/bearer token or API key is required/i);
  });

  it("refuses a wrong token, and the right token under another scheme", async () => {
    for (const authorization of [
      "Bearer wrong-token",
      "Bearer test-tokenX",
      "Basic test-token",
      "test-token",
    ]) {
      const res = await call("/actions", {
        token: null,
        headers: { Authorization: authorization },
      });
      expect(res.status, authorization).toBe(401);
      expect((await readProblem(res)).detail).not.toContain("test-token");
    }
  });

  it("accepts the configured token", async () => {
    expect((await call("/actions")).status).toBe(200);
  });

  it("leaves health, the API description and signed inbound routes open", async () => {
    const health = await call("/health", { token: null });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await call("/openapi.json", { token: null })).status).toBe(200);
    expect((await call("/docs", { token: null })).status).toBe(200);
    // Open to the auth check (they verify signatures instead): an unknown one is a 404, not a 401.
    expect((await call("/hooks/nope", { method: "POST", token: null })).status).not.toBe(401);
    expect((await call("/callbacks/nope", { method: "POST", token: null })).status).not.toBe(401);
  });

  it("does not open other methods on /health", async () => {
    expect((await call("/health", { method: "POST", token: null })).status).toBe(401);
  });

  it("answers unknown routes with a 404 problem", async () => {
    const res = await call("/nope");
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ status: 404, title: "Not found" });
  });

  it("locks the API when API_TOKEN is not configured, with the 401 a wrong token gets", async () => {
    const unconfigured: Env = { ...(env as unknown as Env), API_TOKEN: undefined };
    const wrong = await readProblem(await call("/actions", { token: "x" }));
    for (const authorization of ["Bearer ", "Bearer x", "Bearer test-token"]) {
      const res = await app.request(
        "/actions",
        { headers: { Authorization: authorization } },
        unconfigured,
      );
      expect(res.status, authorization).toBe(401);
      const problem = await readProblem(res);
      expect(problem.detail).not.toMatch(/API_TOKEN|configured/);
      if (authorization !== "Bearer ") expect(problem.detail).toBe(wrong.detail);
    }
    expect((await app.request("/health", {}, unconfigured)).status).toBe(200);
  });

  it("hashes API_TOKEN once per value, not on every root request, and follows a changed one", async () => {
    const base = env as unknown as Env;
    const rotated: Env = { ...base, API_TOKEN: "rotated-token" };
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      const asRoot = (token: string, on: Env) =>
        app.request("/actions", { headers: { Authorization: `Bearer ${token}` } }, on);
      expect((await asRoot("test-token", base)).status).toBe(200);
      digest.mockClear();
      expect((await asRoot("test-token", base)).status).toBe(200);
      // The presented token's digest only: the configured one is remembered.
      expect(digest).toHaveBeenCalledTimes(1);
      expect((await asRoot("rotated-token", rotated)).status).toBe(200);
      expect((await asRoot("test-token", rotated)).status).toBe(401);
      expect((await asRoot("test-token", base)).status).toBe(200);
    } finally {
      digest.mockRestore();
    }
  });
});
