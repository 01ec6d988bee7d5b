import { describe, expect, it } from "vitest";
import { apiDocs, app } from "../../src/api/app";
import { call } from "./api-client";

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters: { name: string }[]; requestBody?: unknown }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/**
 * A hono path as the OpenAPI paths it serves: `/jobs/:name` → `/jobs/{name}`; a parameter
 * limited to alternatives (`:control{pause|resume}`) is one documented path per alternative;
 * hono lists a mounted sub-app's root with a trailing slash (`/actions/`).
 */
function toOpenApiPaths(path: string): string[] {
  const trimmed = path.length > 1 ? path.replace(/\/$/, "") : path;
  const choice = trimmed.match(/:\w+\{([\w|]+)\}/);
  if (choice?.[1]) {
    return choice[1]
      .split("|")
      .flatMap((option) => toOpenApiPaths(trimmed.replace(choice[0], option)));
  }
  return [trimmed.replace(/:(\w+)/g, "{$1}")];
}

describe("OpenAPI document", () => {
  it("documents every route registered on the app", () => {
    const registered = app.routes
      .filter((route) => route.method !== "ALL")
      .flatMap((route) =>
        toOpenApiPaths(route.path).map((path) => `${route.method.toLowerCase()} ${path}`),
      );
    const documented = new Set(apiDocs.map((doc) => `${doc.method} ${doc.path}`));
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.includes(route))).toEqual([]);
  });

  it("serves a 3.1 document with the bearer scheme, path parameters and resolvable refs", async () => {
    const res = await call("/openapi.json", { token: null });
    const doc = await res.json<OpenApi>();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/health"]?.get?.security).toEqual([]);
    expect(doc.paths["/jobs/{name}"]?.get?.parameters.map((p) => p.name)).toEqual([
      "name",
      "version",
    ]);
    expect(doc.paths["/jobs"]?.post?.requestBody).toMatchObject({ required: true });
    // Routes that read an absent body as a default say so, and still describe the body.
    for (const path of ["/jobs/{name}/runs", "/jobs/{name}/webhook", "/runs/{id}/events/{name}"]) {
      expect(doc.paths[path]?.post?.requestBody, path).toMatchObject({ required: false });
    }
    expect(doc.paths["/jobs/{name}/runs"]?.post?.requestBody).toMatchObject({
      content: { "application/json": { schema: { properties: { params: expect.anything() } } } },
    });
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const ref of refs) {
      const target = ref.slice('"$ref":"'.length, -1);
      expect(target, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[target.split("/").at(-1) as string], ref).toBeDefined();
    }
  });

  it("serves a self-contained HTML page listing every operation", async () => {
    const res = await call("/docs", { token: null });
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
    for (const doc of apiDocs) {
      expect(html, `${doc.method} ${doc.path}`).toContain(
        `${doc.method.toUpperCase()}</span> <code>${doc.path}</code>`,
      );
    }
  });
});
