import { actionRoutes } from "./actions";
import { dashboardRoutes } from "./dashboard";
import type { DefinedRoute } from "./define-route";
import { hookRoutes } from "./hooks";
import { jobRoutes } from "./jobs";
import { keyRoutes } from "./keys";
import { metaRoutes } from "./meta";
import type { RouteDoc } from "./openapi";
import { operationRoutes } from "./operations";
import { callbackRoutes } from "./runs/callbacks";
import { controlRunRoutes } from "./runs/control";
import { listRunsRoute } from "./runs/list";
import { readRunRoutes } from "./runs/read";
import { startInlineRunRoute, startJobRunRoute } from "./runs/start";
import { scheduleRoutes } from "./schedules";
import { schemaRoutes } from "./schemas";
import { sessionRoutes } from "./session";
import { subscriptionRoutes } from "./subscriptions";
import { webhookRoutes } from "./webhooks";

/** One sub-app: the routes app.ts mounts at `prefix` (each route's path starts with it). */
export interface RouteGroup {
  prefix: string;
  routes: readonly DefinedRoute[];
}

/**
 * Every route of the API, by the sub-app that serves it, in the order the OpenAPI document
 * lists them. The one list: app.ts mounts it, the access table (route-scopes.ts) and the
 * document are read from it. Within a sub-app, a route is tried in this order.
 */
export const API_GROUPS: readonly RouteGroup[] = [
  { prefix: "", routes: metaRoutes(() => API_DOCS) },
  { prefix: "/schemas", routes: schemaRoutes },
  { prefix: "/actions", routes: actionRoutes },
  { prefix: "/jobs", routes: [...jobRoutes, startJobRunRoute] },
  {
    prefix: "/runs",
    routes: [startInlineRunRoute, listRunsRoute, ...readRunRoutes, ...controlRunRoutes],
  },
  { prefix: "/callbacks", routes: callbackRoutes },
  { prefix: "/operations", routes: operationRoutes },
  // `/schedules` and `/jobs/{name}/pause|resume`, `/jobs/{name}/webhook`: mounted at the root.
  { prefix: "", routes: scheduleRoutes },
  { prefix: "", routes: webhookRoutes },
  { prefix: "/hooks", routes: hookRoutes },
  { prefix: "/subscriptions", routes: subscriptionRoutes },
  { prefix: "/keys", routes: keyRoutes },
  // Before the dashboard's `/ui/*`, which would answer these paths with its page.
  { prefix: "/ui/session", routes: sessionRoutes },
  { prefix: "", routes: dashboardRoutes },
];

export const API_ROUTES: readonly DefinedRoute[] = API_GROUPS.flatMap((group) => group.routes);

/** Every documented operation, in the order the docs list them. */
export const API_DOCS: readonly RouteDoc[] = API_ROUTES.map((route) => route.doc);
