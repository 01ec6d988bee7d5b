import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppEnv } from "../../src/api/app-env";
import { defineRoute, docsOf, routerOf } from "../../src/api/define-route";
import { handleError } from "../../src/api/problem";

/** One declared route, mounted as app.ts mounts a resource: its doc and its handler from one place. */
const echo = defineRoute({
  method: "post",
  path: "/things/{id}",
  summary: "Echo",
  tag: "meta",
  access: { scope: "read" },
  body: z.strictObject({ size: z.number().int() }),
  bodyDefault: { size: 1 },
  query: z.object({ loud: z.enum(["yes", "no"]).default("no") }),
  responses: { 200: { description: "The input back" } },
  handler: (c, { body, query }) => c.json({ id: c.req.param("id"), size: body.size, ...query }),
});

function appWith() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.route("/things", routerOf("/things", [echo]));
  return app;
}

async function post(path: string, body?: string) {
  const headers = body === undefined ? undefined : { "Content-Type": "application/json" };
  return appWith().request(path, { method: "POST", body, headers });
}

describe("defineRoute", () => {
  it("gives the handler the body and query its declaration validates", async () => {
    const res = await post("/things/a1?loud=yes", '{"size":3}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "a1", size: 3, loud: "yes" });
  });

  it("reads an empty body as its declared default", async () => {
    expect(await (await post("/things/a1")).json()).toEqual({ id: "a1", size: 1, loud: "no" });
  });

  it("judges a JSON null body by the schema, not as absent", async () => {
    expect((await post("/things/a1", "null")).status).toBe(400);
  });

  it("refuses a bad body or query with a 400 naming the field, before the handler runs", async () => {
    const badBody = await post("/things/a1", '{"size":"big"}');
    expect(badBody.status).toBe(400);
    expect((await badBody.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("size");
    const badQuery = await post("/things/a1?loud=maybe", '{"size":3}');
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("loud");
  });

  it("documents the route as declared, without its handler", () => {
    const [doc] = docsOf([echo]);
    expect(doc).toMatchObject({ method: "post", path: "/things/{id}", summary: "Echo" });
    expect(doc).not.toHaveProperty("handler");
    expect(doc).not.toHaveProperty("bodyDefault");
  });

  it("refuses a route mounted under a prefix its path does not start with", () => {
    expect(() => routerOf("/other", [echo])).toThrow(/not under \/other/);
  });

  it("gives the handler its path parameters by name, decoded", async () => {
    const named = defineRoute({
      method: "get",
      path: "/things/{id}/parts/{part}",
      summary: "Params",
      tag: "meta",
      access: { scope: "read" },
      responses: { 200: { description: "The params back" } },
      handler: (c, { params }) => c.json({ id: params.id, part: params.part }),
    });
    const app = new Hono<AppEnv>();
    app.route("/things", routerOf("/things", [named]));
    const res = await app.request("/things/a%201/parts/b");
    expect(await res.json()).toEqual({ id: "a 1", part: "b" });
  });

  it("validates what readQuery reads, and leaves an ownBody to the handler", async () => {
    const own = defineRoute({
      method: "post",
      path: "/things/raw",
      summary: "Raw",
      tag: "meta",
      access: { scope: null, limited: true },
      ownBody: z.unknown().optional(),
      bodyMediaTypes: ["*/*"],
      maxBodyBytes: 1234,
      query: z.object({ after: z.coerce.number().int().min(0) }),
      readQuery: (c) => ({ after: c.req.header("Last-Event-ID") }),
      responses: { 200: { description: "The bytes back" } },
      handler: async (c, { query }) => c.json({ after: query.after, text: await c.req.text() }),
    });
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.route("/things", routerOf("/things", [own]));
    // Not JSON nor YAML, and no Content-Type check: the handler reads the bytes itself.
    const res = await app.request("/things/raw", {
      method: "POST",
      body: "%%% not a document",
      headers: { "Content-Type": "application/octet-stream", "Last-Event-ID": "7" },
    });
    expect(await res.json()).toEqual({ after: 7, text: "%%% not a document" });
    const bad = await app.request("/things/raw", {
      method: "POST",
      headers: { "Last-Event-ID": "x" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe("after");
    expect(own.doc.body).toBeDefined();
  });

  it("derives the route's rule (access, body ceiling) from its declaration", () => {
    expect(echo.rule).toEqual({ method: "post", path: "/things/{id}", scope: "read" });
    expect(echo.doc.access).toEqual({ scope: "read" });
    const limited = defineRoute({
      method: "post",
      path: "/things/{id}/runs",
      summary: "Limited",
      tag: "runs",
      access: { scope: "run", job: "path", limited: true },
      maxBodyBytes: 99,
      responses: { 202: { description: "Started" } },
      handler: (c) => c.body(null, 202),
    });
    expect(limited.rule).toEqual({
      method: "post",
      path: "/things/{id}/runs",
      scope: "run",
      job: "path",
      limited: true,
      maxBodyBytes: 99,
    });
    expect(limited.doc).not.toHaveProperty("maxBodyBytes");
  });
});
