import type { Scope } from "../access/scopes";

/**
 * How a route names the job whose runs it starts or steers, for keys limited to some jobs:
 * `path` the `{name}` in its path, `run` the job of the run `{id}` (read from the run index).
 */
export type JobOf = "path" | "run";

/** One route's access rule. `scope: null` is open (no credential; signed or public). */
export interface RouteScope {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI style, as in the route docs: `/runs/{id}/cancel`; a final `/*` matches any rest. */
  path: string;
  scope: Scope | null;
  job?: JobOf;
  /** Counted against the caller's rate limit (src/api/rate-limit.ts): starts, events, webhooks. */
  limited?: boolean;
}

const RUN_CONTROLS = ["pause", "resume", "cancel", "retry"] as const;

/**
 * The scope every route needs: the one table of who may call what. Reading is `read`;
 * starting, feeding and steering runs `run` (limited by a key's `jobs`); changing the
 * catalog, deleting runs and bulk operations `write`; keys `admin`. An inline run
 * (`POST /runs`) is a definition, free to call any URL with any template secret, so it
 * needs `write`, not `run`. A route missing here needs `admin` (closed by default);
 * test/api/keys-scopes.test.ts checks every documented route is listed.
 */
export const ROUTE_SCOPES: readonly RouteScope[] = [
  { method: "get", path: "/health", scope: null },
  { method: "get", path: "/openapi.json", scope: null },
  { method: "get", path: "/docs", scope: null },
  { method: "get", path: "/schemas/job.json", scope: null },
  { method: "get", path: "/schemas/action.json", scope: null },
  { method: "post", path: "/hooks/{job}", scope: null, limited: true },
  { method: "post", path: "/callbacks/{token}", scope: null, limited: true },
  // The dashboard's pages and assets: public files; what they show comes from the API.
  { method: "get", path: "/", scope: null },
  { method: "get", path: "/ui/*", scope: null },
  // Signing in is how a credential arrives; these routes check it themselves (session.ts).
  { method: "get", path: "/ui/session", scope: null },
  { method: "post", path: "/ui/session", scope: null },
  { method: "delete", path: "/ui/session", scope: null },

  { method: "get", path: "/actions", scope: "read" },
  { method: "get", path: "/actions/{name}", scope: "read" },
  { method: "post", path: "/actions", scope: "write" },
  { method: "put", path: "/actions/{name}", scope: "write" },
  { method: "delete", path: "/actions/{name}", scope: "write" },

  { method: "get", path: "/jobs", scope: "read" },
  { method: "get", path: "/jobs/{name}", scope: "read" },
  { method: "get", path: "/jobs/{name}/versions", scope: "read" },
  { method: "post", path: "/jobs", scope: "write" },
  { method: "post", path: "/jobs/validate", scope: "write" },
  { method: "put", path: "/jobs/{name}", scope: "write" },
  { method: "delete", path: "/jobs/{name}", scope: "write" },
  { method: "post", path: "/jobs/{name}/pause", scope: "write" },
  { method: "post", path: "/jobs/{name}/resume", scope: "write" },
  { method: "post", path: "/jobs/{name}/webhook", scope: "write" },
  { method: "delete", path: "/jobs/{name}/webhook", scope: "write" },
  { method: "get", path: "/schedules", scope: "read" },

  { method: "post", path: "/jobs/{name}/runs", scope: "run", job: "path", limited: true },
  { method: "post", path: "/runs", scope: "write", limited: true },
  { method: "get", path: "/runs", scope: "read" },
  { method: "get", path: "/runs/{id}", scope: "read" },
  { method: "get", path: "/runs/{id}/steps", scope: "read" },
  { method: "get", path: "/runs/{id}/history", scope: "read" },
  { method: "get", path: "/runs/{id}/stream", scope: "read" },
  { method: "get", path: "/runs/{id}/definition", scope: "read" },
  { method: "post", path: "/runs/{id}/events/{name}", scope: "run", job: "run", limited: true },
  ...RUN_CONTROLS.map(
    (control): RouteScope => ({
      method: "post",
      path: `/runs/{id}/${control}`,
      scope: "run",
      job: "run",
    }),
  ),
  { method: "delete", path: "/runs/{id}", scope: "write" },
  { method: "post", path: "/operations", scope: "write" },
  { method: "get", path: "/operations/{id}", scope: "read" },

  { method: "post", path: "/subscriptions", scope: "write" },
  { method: "get", path: "/subscriptions", scope: "read" },
  { method: "get", path: "/subscriptions/{id}", scope: "read" },
  { method: "delete", path: "/subscriptions/{id}", scope: "write" },
  { method: "get", path: "/subscriptions/{id}/deliveries", scope: "read" },

  { method: "post", path: "/keys", scope: "admin" },
  { method: "get", path: "/keys", scope: "admin" },
  { method: "delete", path: "/keys/{id}", scope: "admin" },
];

/** A rule matched against a request, with the path's `{…}` segments by name. */
export interface MatchedRoute {
  rule: RouteScope;
  params: Record<string, string>;
}

interface CompiledRule {
  rule: RouteScope;
  pattern: RegExp;
  names: string[];
}

/** The rule for a request, or the closed default (`admin`) for a path no rule names. */
export function matchRoute(
  method: string,
  path: string,
  rules: readonly RouteScope[] = ROUTE_SCOPES,
): MatchedRoute {
  const verb = method === "HEAD" ? "get" : method.toLowerCase();
  // Literal segments are tried before `{…}` ones, so /jobs/validate is not /jobs/{name}.
  const candidates = compile(rules).filter((entry) => entry.rule.method === verb);
  for (const { rule, pattern, names } of candidates) {
    const match = pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      params[name] = decodeSegment(match[index + 1] ?? "");
    });
    return { rule, params };
  }
  return { rule: { method: "get", path, scope: "admin" }, params: {} };
}

/** A path segment as the router reads it; a malformed escape is kept as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function rank(entry: CompiledRule): number {
  return entry.names.length + (entry.rule.path.endsWith("/*") ? 100 : 0);
}

const compiledCache = new WeakMap<readonly RouteScope[], CompiledRule[]>();

function compile(rules: readonly RouteScope[]): CompiledRule[] {
  const cached = compiledCache.get(rules);
  if (cached) return cached;
  const compiled = rules
    .map((rule) => {
      const names: string[] = [];
      const isPrefix = rule.path.endsWith("/*");
      const source = (isPrefix ? rule.path.slice(0, -2) : rule.path)
        .split("/")
        .map((segment) => {
          const name = /^\{(\w+)\}$/.exec(segment)?.[1];
          if (name === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(name);
          return "([^/]+)";
        })
        .join("/");
      return { rule, pattern: new RegExp(`^${source}${isPrefix ? "(?:/.*)?" : ""}$`), names };
    })
    // Exact paths before `{…}` ones before prefixes.
    .sort((a, b) => rank(a) - rank(b));
  compiledCache.set(rules, compiled);
  return compiled;
}
