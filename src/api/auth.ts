import type { Context, MiddlewareHandler } from "hono";
import { hasScope, mayRunJob, type Principal } from "../access/scopes";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../core/errors";
import { getDb } from "../db/client";
import { getRunIndex } from "../db/queries/runs";
import type { Env } from "../env";
import type { AppEnv } from "./app-env";
import { resolvePrincipal } from "./principal";
import { type JobOf, matchRoute, ROUTE_SCOPES, type RouteScope } from "./route-scopes";
import { readSessionCredential } from "./session";

/** The one 401 for a credential that is wrong, unknown, revoked or expired, or a server without API_TOKEN. */
const INVALID_CREDENTIAL = "The bearer token or API key is not valid";
const MISSING_CREDENTIAL = "A bearer token or API key is required (Authorization: Bearer <token>)";

interface AccessOptions {
  /** The route table (default {@link ROUTE_SCOPES}). */
  rules?: readonly RouteScope[];
}

/**
 * Checks every request against its route's rule: open routes pass; any other needs a
 * credential that resolves to a principal (401 otherwise, the same message whatever the
 * reason), holding the rule's scope (403 naming it), and, for a key limited to some jobs,
 * a route about one of those jobs (403). The principal is kept as `c.get("principal")`.
 */
export function requireAccess({
  rules = ROUTE_SCOPES,
}: AccessOptions = {}): MiddlewareHandler<AppEnv> {
  return async function checkAccess(c, next) {
    const { rule, params } = matchRoute(c.req.method, c.req.path, rules);
    if (rule.scope === null) return next();
    // The dashboard presents the same credential in its session cookie (see session.ts).
    const credential = readCredential(c) ?? (await readSessionCredential(c));
    if (credential === null) throw new UnauthorizedError(MISSING_CREDENTIAL);
    const principal = await resolvePrincipal(c.env, credential);
    if (!principal) throw new UnauthorizedError(INVALID_CREDENTIAL);
    if (!hasScope(principal, rule.scope))
      throw new ForbiddenError(
        `${describeRoute(rule)} needs the "${rule.scope}" scope, which this key does not have`,
      );
    if (rule.job) await checkJobAllowed(c.env, principal, rule.job, params);
    c.set("principal", principal);
    return next();
  };
}

/** The credential a request presents: `Authorization: Bearer <token or key>`. */
export function readCredential(c: Context<AppEnv>): string | null {
  const match = c.req.header("Authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/**
 * A key limited to some jobs may start and steer only their runs. The job of a run comes
 * from the run index; a run the index does not know is a 404 (its job cannot be shown to
 * be one of the key's), as the route itself would answer.
 */
async function checkJobAllowed(
  env: Env,
  principal: Principal,
  jobOf: JobOf,
  params: Record<string, string>,
): Promise<void> {
  if (principal.jobs === null) return;
  const job = jobOf === "path" ? params.name : await jobOfRun(env, params.id ?? "");
  if (job !== undefined && mayRunJob(principal, job)) return;
  throw new ForbiddenError(
    `this key has the "run" scope only for the jobs ${principal.jobs.join(", ")}`,
  );
}

async function jobOfRun(env: Env, runId: string): Promise<string> {
  const row = /^[0-9a-f]{32}$/.test(runId) ? await getRunIndex(getDb(env.DB), runId) : null;
  if (!row) throw new NotFoundError(`Run ${runId}`);
  return row.job;
}

function describeRoute(rule: RouteScope): string {
  return `${rule.method.toUpperCase()} ${rule.path}`;
}
