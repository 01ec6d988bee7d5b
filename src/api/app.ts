import { Hono } from "hono";
import { dashboardDocs, dashboardRoutes } from "../ui/routes";
import { actionDocs, actionRoutes } from "./actions";
import type { AppEnv } from "./app-env";
import { bearerAuth } from "./auth";
import { bodyLimit } from "./body-limit";
import { renderDocsPage } from "./docs-page";
import { hookDocs, hookRoutes } from "./hooks";
import { jobDocs, jobRoutes } from "./jobs";
import { buildOpenApi, type RouteDoc } from "./openapi";
import { handleError, handleNotFound } from "./problem";
import { runDocs, runRoutes } from "./runs";
import { scheduleDocs, scheduleRoutes } from "./schedules";
import { schemaDocs, schemaRoutes } from "./schemas";
import { sessionDocs, sessionRoutes } from "./session";
import { subscriptionDocs, subscriptionRoutes } from "./subscriptions";
import { webhookDocs, webhookRoutes } from "./webhooks";

/** Routes served by app.ts itself. */
const appDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness check",
    tag: "meta",
    auth: false,
    responses: { 200: { description: "The Worker is up" } },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This API as an OpenAPI 3.1 document",
    tag: "meta",
    auth: false,
    responses: { 200: { description: "The OpenAPI document" } },
  },
  {
    method: "get",
    path: "/docs",
    summary: "This API as a browsable HTML page",
    tag: "meta",
    auth: false,
    responses: { 200: { description: "HTML documentation" } },
  },
];

/** Every documented operation, in the order the docs list them. */
export const apiDocs: RouteDoc[] = [
  ...appDocs,
  ...schemaDocs,
  ...actionDocs,
  ...jobDocs,
  ...runDocs,
  ...scheduleDocs,
  ...webhookDocs,
  ...hookDocs,
  ...subscriptionDocs,
  ...sessionDocs,
  ...dashboardDocs,
];

/** The Cairn HTTP API: auth and body limit on every route, one sub-app per resource. */
export const app = new Hono<AppEnv>();

app.onError(handleError);
app.notFound(handleNotFound);
app.use("*", bearerAuth());
app.use("*", bodyLimit());

app.get("/health", (c) => c.json({ ok: true }));
app.get("/openapi.json", (c) => c.json(buildOpenApi(apiDocs)));
app.get("/docs", (c) => c.html(renderDocsPage(buildOpenApi(apiDocs))));

app.route("/schemas", schemaRoutes);
app.route("/actions", actionRoutes);
app.route("/jobs", jobRoutes);
app.route("/", runRoutes);
app.route("/", scheduleRoutes);
app.route("/", webhookRoutes);
app.route("/", hookRoutes);
app.route("/", subscriptionRoutes);
app.route("/ui/session", sessionRoutes);
app.route("/", dashboardRoutes);
