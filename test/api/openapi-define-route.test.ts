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
});
