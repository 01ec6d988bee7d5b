import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app";
import type { Env } from "../../src/env";
import { readProblem, TOKEN } from "./api-client";

describe("error mapping", () => {
  it("answers an unexpected failure with a generic 500 problem that leaks nothing", async () => {
    // A deployment whose D1 binding is missing: the query throws a TypeError deep in drizzle.
    const broken = { ...(env as unknown as Env), DB: undefined } as unknown as Env;
    const res = await app.request(
      "/actions",
      { headers: { Authorization: `Bearer ${TOKEN}` } },
      broken,
    );
    expect(res.status).toBe(500);
    const problem = await readProblem(res);
    expect(problem).toEqual({
      type: "about:blank",
      title: "Internal server error",
      status: 500,
      detail: "An unexpected error occurred",
      errors: [],
    });
  });

  it("answers a body that is not UTF-8 with a 400 problem", async () => {
    const res = await app.request(
      "/jobs/validate",
      {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      },
      env as unknown as Env,
    );
    expect(res.status).toBe(400);
    expect((await readProblem(res)).detail).toMatch(/UTF-8/);
  });
});
