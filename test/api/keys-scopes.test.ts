import { beforeAll, describe, expect, it } from "vitest";
import { matchRoute, ROUTE_SCOPES } from "../../src/api/route-scopes";
import { call, readProblem } from "./api-client";
import { createKey } from "./key-support";

interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

/** The scope just below each one: a key holding it lacks the route's scope. */
const BELOW = { run: "read", write: "run", admin: "write" } as const;

/** Values for path parameters that name nothing: the call passes auth and stops at 404/400. */
function fillPath(path: string): string {
  return path
    .replace("{id}", "0123456789abcdef0123456789abcdef")
    .replace("{name}", "no-such-thing")
    .replace("{job}", "no-such-job")
    .replace("{token}", "no-such-token");
}

async function documentedRoutes(): Promise<{ method: string; path: string; open: boolean }[]> {
  const doc = await (await call("/openapi.json")).json<OpenApi>();
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method,
      path,
      open: Array.isArray(operation.security) && operation.security.length === 0,
    })),
  );
}

describe("every route of the OpenAPI document has a scope", () => {
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    for (const scope of ["read", "run", "write", "admin"])
      keys[scope] = (await createKey([scope])).key;
  });

  it("is listed in the route table, open exactly when the document says so", async () => {
    const routes = await documentedRoutes();
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const listed = ROUTE_SCOPES.find((r) => r.method === route.method && r.path === route.path);
      expect(listed, `${route.method} ${route.path}`).toBeDefined();
      expect(listed?.scope === null, `${route.method} ${route.path} open`).toBe(route.open);
      expect(matchRoute(route.method.toUpperCase(), fillPath(route.path)).rule).toBe(listed);
    }
  });

  it("refuses a key without the route's scope (403 naming it) and takes one with it", async () => {
    for (const route of await documentedRoutes()) {
      const rule = matchRoute(route.method.toUpperCase(), fillPath(route.path)).rule;
      if (rule.scope === null) continue;
      const label = `${route.method} ${route.path}`;
      const method = route.method.toUpperCase();
      const body = method === "POST" || method === "PUT" ? {} : undefined;
      if (rule.scope !== "read") {
        const refused = await call(fillPath(route.path), {
          method,
          body,
          token: keys[BELOW[rule.scope]],
        });
        expect(refused.status, label).toBe(403);
        expect((await readProblem(refused)).detail, label).toContain(`"${rule.scope}" scope`);
      }
      const taken = await call(fillPath(route.path), { method, body, token: keys[rule.scope] });
      expect([401, 403], `${label} answered ${taken.status}`).not.toContain(taken.status);
      await taken.body?.cancel();
    }
  });

  it("closes a route the table does not name to everyone but admin", () => {
    expect(matchRoute("GET", "/not-a-route").rule.scope).toBe("admin");
    expect(matchRoute("POST", "/health").rule.scope).toBe("admin");
    expect(matchRoute("POST", "/jobs/validate").rule.path).toBe("/jobs/validate");
    expect(matchRoute("GET", "/ui/runs/abc").rule.scope).toBeNull();
    expect(matchRoute("GET", "/ui").rule.scope).toBeNull();
    expect(matchRoute("GET", "/uix").rule.scope).toBe("admin");
  });
});
