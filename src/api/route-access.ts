import type { Scope } from "../access/scopes";

/**
 * How a route names the job whose runs it starts or steers, for keys limited to some jobs:
 * `path` the `{name}` in its path, `run` the job of the run `{id}` (read from the run index).
 */
export type JobOf = "path" | "run";

/** Who may call a route, declared with it (src/api/define-route.ts). */
export interface RouteAccess {
  /** The scope the caller needs; `null` is open (no credential; signed or public). */
  scope: Scope | null;
  job?: JobOf;
  /** Counted against the caller's rate limit (src/api/rate-limit.ts): starts, events, webhooks. */
  limited?: boolean;
}

/** One route's rule as the middleware reads it: its access and body ceiling, by method and path. */
export interface RouteScope extends RouteAccess {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI style, as in the route docs: `/runs/{id}/cancel`; a final `/*` matches any rest. */
  path: string;
  /** The largest body the route takes (src/api/body-limit.ts; default MAX_SMALL_BODY_BYTES). */
  maxBodyBytes?: number;
}

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

/** The rule of `rules` for a request, or the closed default (`admin`) for a path none names. */
export function matchRule(
  method: string,
  path: string,
  rules: readonly RouteScope[],
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
