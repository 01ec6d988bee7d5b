import { type MatchedRoute, matchRule, type RouteScope } from "./route-access";
import { API_ROUTES } from "./routes";

export type { JobOf, MatchedRoute, RouteScope } from "./route-access";

/**
 * Who may call what, read by the auth, rate-limit and body-limit middleware: each declared
 * route's `access` (src/api/routes.ts lists them), so a route and its rule are one
 * declaration. Reading is `read`; starting, feeding and steering runs `run` (limited by a
 * key's `jobs`); changing the catalog, deleting runs and bulk operations `write`; keys
 * `admin`. A path no route declares needs `admin` (closed by default).
 */
export const ROUTE_SCOPES: readonly RouteScope[] = API_ROUTES.map((route) => route.rule);

/** The rule for a request (default table {@link ROUTE_SCOPES}), or the closed `admin` default. */
export function matchRoute(
  method: string,
  path: string,
  rules: readonly RouteScope[] = ROUTE_SCOPES,
): MatchedRoute {
  return matchRule(method, path, rules);
}
