import type { MiddlewareHandler } from "hono";
import { rateKey } from "../access/scopes";
import { rateLimiterClient } from "../clients/rate-limiter";
import { TooManyRequestsError } from "../core/errors";
import type { Env } from "../env";
import type { AppEnv } from "./app-env";
import { matchRoute, ROUTE_SCOPES, type RouteScope } from "./route-scopes";

/** Requests a key may make per minute on the limited routes, unless RATE_LIMIT_PER_MINUTE says otherwise. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
const MINUTE_MS = 60_000;

/**
 * Limits the routes marked `limited` in the route table (starting runs, delivering events,
 * webhooks) per key: the principal's API key, or for the open routes the job of a webhook
 * or the run of a callback. Over the limit: 429 with `Retry-After`. The `API_TOKEN` holder
 * (root) is not limited: it can already do everything the limit protects (make and revoke
 * keys, delete runs), and counting it would send every root request through one bucket
 * object, a round trip per start and, deployed, one object's request rate as the ceiling
 * of all root starts (bench/README.md, "Where a start spends its time").
 * Uses the Workers rate limiting binding `RATE_LIMITER` when configured, else a token
 * bucket in the `RATE_LIMITS` Durable Object named by the key. `RATE_LIMIT_PER_MINUTE`
 * = "0" turns it off.
 */
export function rateLimit({
  rules = ROUTE_SCOPES,
}: {
  rules?: readonly RouteScope[];
} = {}): MiddlewareHandler<AppEnv> {
  return async function limitRate(c, next) {
    const { rule, params } = matchRoute(c.req.method, c.req.path, rules);
    const perMinute = readLimit(c.env);
    const principal = c.get("principal");
    if (!rule.limited || perMinute === 0 || principal?.kind === "root") return next();
    const key = principal ? rateKey(principal) : openRouteKey(params);
    const retryAfterMs = await takeToken(c.env, key, perMinute);
    if (retryAfterMs !== null)
      throw new TooManyRequestsError(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    return next();
  };
}

/**
 * Who an open route's request counts against: a webhook's job, or the run a callback token
 * belongs to (its first 32 hex digits), so made-up tokens of one run share one bucket.
 */
function openRouteKey(params: Record<string, string>): string {
  if (params.job !== undefined) return `hook:${params.job}`;
  return `callback:${/^[0-9a-f]{32}/.exec(params.token ?? "")?.[0] ?? "malformed"}`;
}

/** Null when the request may go ahead, else how long to wait (ms). */
async function takeToken(env: Env, key: string, perMinute: number): Promise<number | null> {
  if (env.RATE_LIMITER) {
    const { success } = await env.RATE_LIMITER.limit({ key });
    // The binding does not say when its window ends; its longest period is a minute.
    return success ? null : MINUTE_MS;
  }
  const result = await rateLimiterClient(env, key).take({
    capacity: perMinute,
    periodMs: MINUTE_MS,
  });
  return result.ok ? null : result.retry_after_ms;
}

function readLimit(env: Env): number {
  const raw = env.RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw === "") return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_RATE_LIMIT_PER_MINUTE;
}
