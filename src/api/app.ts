import { Hono } from "hono";
import type { AppEnv } from "./app-env";
import { requireAccess } from "./auth";
import { bodyLimit } from "./body-limit";
import { routerOf } from "./define-route";
import type { RouteDoc } from "./openapi";
import { handleError, handleNotFound } from "./problem";
import { rateLimit } from "./rate-limit";
import { API_DOCS, API_GROUPS } from "./routes";

/** Every documented operation, in the order the docs list them. */
export const apiDocs: readonly RouteDoc[] = API_DOCS;

/**
 * The Cairn HTTP API: auth, rate limit and body limit on every route (each route's rule is
 * declared with it), then one sub-app per resource (`/runs`, `/callbacks`, `/jobs`...).
 */
export const app = new Hono<AppEnv>();

app.onError(handleError);
app.notFound(handleNotFound);
app.use("*", requireAccess());
app.use("*", rateLimit());
app.use("*", bodyLimit());

for (const { prefix, routes } of API_GROUPS) app.route(prefix || "/", routerOf(prefix, routes));
