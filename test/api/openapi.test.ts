import { describe, expect, it } from "vitest";
import { apiDocs, app } from "../../src/api/app";
import { ROUTE_SCOPES } from "../../src/api/route-scopes";
import { call } from "./api-client";

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters: { name: string }[]; requestBody?: unknown }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

interface Schema {
  oneOf?: Schema[];
  required?: string[];
}

/** The parts of the document the tests below read. */
interface OpenApiDocument {
  servers: { url: string }[];
  info: { license?: unknown };
  tags: { name: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        tags: string[];
        security?: unknown[];
        parameters: unknown[];
        requestBody?: { content: Record<string, { schema?: Schema }> };
        responses: Record<
          string,
          { description: string; content?: Record<string, unknown>; headers?: unknown }
        >;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
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

  it("names its server, license and tags, and a 4xx for every operation with input or a token", async () => {
    const res = await call("/openapi.json", { token: null });
    const doc = await res.json<OpenApiDocument>();
    expect(doc.servers).toEqual([expect.objectContaining({ url: "http://cairn" })]);
    expect(doc.info.license).toMatchObject({ name: expect.any(String) });
    const tags = new Set(doc.tags.map((tag) => tag.name));
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        expect(
          operation.tags.every((tag) => tags.has(tag)),
          where,
        ).toBe(true);
        const isOpen = operation.security?.length === 0;
        const hasInput = operation.parameters.length > 0 || operation.requestBody !== undefined;
        if (!isOpen) expect(operation.responses, where).toHaveProperty("401");
        if (isOpen && !hasInput) continue;
        expect(
          Object.keys(operation.responses).some((s) => s.startsWith("4")),
          where,
        ).toBe(true);
      }
    }
  });

  it("documents each route's access from the route table: 401/403 with its scope, 429 with Retry-After", async () => {
    const doc = await (await call("/openapi.json", { token: null })).json<OpenApiDocument>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        const rule = ROUTE_SCOPES.find((r) => r.method === method && r.path === path);
        expect(rule, where).toBeDefined();
        if (rule?.scope === null) {
          expect(operation.security, where).toEqual([]);
          // An open route may refuse for its own reasons (the session's Origin check), never a scope.
          expect(operation.responses["403"]?.description ?? "", where).not.toContain("scope");
        } else {
          expect(operation.security, where).toBeUndefined();
          expect(operation.responses["403"]?.description, where).toContain(
            `"${rule?.scope}" scope`,
          );
        }
        if (!rule?.limited) {
          expect(operation.responses, where).not.toHaveProperty("429");
          continue;
        }
        expect(operation.responses["429"], where).toMatchObject({
          headers: { "Retry-After": { required: true, schema: { type: "string" } } },
          content: { "application/problem+json": expect.anything() },
        });
      }
    }
    // A route's own description of an implicit answer wins, and keeps the implicit header.
    expect(doc.paths["/hooks/{job}"]?.post?.responses["429"]).toMatchObject({
      description: expect.stringContaining("deliveries for this job"),
      headers: { "Retry-After": expect.anything() },
    });
    expect(doc.paths["/keys"]?.get?.responses["403"]?.description).toContain('"admin" scope');
    expect(doc.paths["/runs/{id}/cancel"]?.post?.responses["403"]?.description).toContain(
      "limited to other jobs",
    );
  });

  it("documents POST /runs as one of its two shapes, and the stream and meta answers", async () => {
    const doc = await (await call("/openapi.json", { token: null })).json<OpenApiDocument>();
    const inline = doc.paths["/runs"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(inline?.oneOf?.map((shape) => shape.required)).toEqual([
      ["job"],
      expect.arrayContaining(["workflow_name", "steps"]),
    ]);
    expect(doc.paths["/runs/{id}/stream"]?.get?.responses["200"]?.content).toHaveProperty(
      "text/event-stream",
    );
    for (const path of ["/health", "/openapi.json", "/schemas/job.json", "/schemas/action.json"]) {
      expect(doc.paths[path]?.get?.responses["200"]?.content, path).toHaveProperty(
        "application/json",
      );
    }
    expect(doc.paths["/docs"]?.get?.responses["200"]?.content).toHaveProperty("text/html");
  });

  it("writes any JSON value without recursion, so generated types can express it", async () => {
    const doc = await (await call("/openapi.json", { token: null })).json<OpenApiDocument>();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(JSON.stringify(schema), name).not.toContain(`"#/components/schemas/${name}"`);
    }
    expect(doc.components.schemas.JsonValue).not.toHaveProperty("anyOf");
  });

  it("serves the API reference page from the Worker's own files, locked to its origin", async () => {
    const res = await call("/docs", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'"]) {
      expect(csp).toContain(directive);
    }
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(scripts).toEqual([
      expect.stringMatching(/^\/ui\/scalar-\w+\.js$/),
      expect.stringMatching(/^\/ui\/docs-\w+\.js$/),
    ]);
    const settings = await (await call(scripts[1] ?? "", { token: null })).text();
    expect(settings).toContain('"url":"/openapi.json"');
    expect(settings).toContain('"withDefaultFonts":false');
    const bundle = await call(scripts[0] ?? "", { token: null });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("Content-Type")).toMatch(/javascript/);
    await bundle.body?.cancel();
  });
});
