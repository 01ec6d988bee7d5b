import { Hono } from "hono";
import { z } from "zod";
import { actionDocs, actionRoutes } from "./actions";
import type { AppEnv } from "./app-env";
import { requireAccess } from "./auth";
import { bodyLimit } from "./body-limit";
import { dashboardDocs, dashboardRoutes } from "./dashboard";
import { serveDocsPage } from "./docs-page";
import { hookDocs, hookRoutes } from "./hooks";
import { jobDocs, jobRoutes } from "./jobs";
import { keyDocs, keyRoutes } from "./keys";
import { buildOpenApi, type RouteDoc } from "./openapi";
import { operationDocs, operationRoutes } from "./operations";
import { handleError, handleNotFound } from "./problem";
import { rateLimit } from "./rate-limit";
import { runDocs, runRoutes } from "./runs";
import { scheduleDocs, scheduleRoutes } from "./schedules";
import { schemaDocs, schemaRoutes } from "./schemas";
import { sessionDocs, sessionRoutes } from "./session";
import { subscriptionDocs, subscriptionRoutes } from "./subscriptions";
import { webhookDocs, webhookRoutes } from "./webhooks";

const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

/** Routes served by app.ts itself. */
const appDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness check",
    tag: "meta",
    responses: {
      200: { description: "The Worker is up", schema: z.object({ ok: z.literal(true) }) },
    },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This API as an OpenAPI 3.1 document",
    tag: "meta",
    responses: { 200: { description: "The OpenAPI document", schema: OpenApiDocumentSchema } },
  },
  {
    method: "get",
    path: "/docs",
    summary: "This API as a browsable HTML page",
    tag: "meta",
    responses: {
      200: { description: "HTML documentation", schema: z.string(), contentType: "text/html" },
    },
  },
];

/** Every documented operation, in the order the docs list them. */
export const apiDocs: RouteDoc[] = [
  ...appDocs,
  ...schemaDocs,
  ...actionDocs,
  ...jobDocs,
  ...runDocs,
  ...operationDocs,
  ...scheduleDocs,
  ...webhookDocs,
  ...hookDocs,
  ...subscriptionDocs,
  ...keyDocs,
  ...sessionDocs,
  ...dashboardDocs,
];

/** The Cairn HTTP API: auth and body limit on every route, one sub-app per resource. */
export const app = new Hono<AppEnv>();

app.onError(handleError);
app.notFound(handleNotFound);
app.use("*", requireAccess());
app.use("*", rateLimit());
app.use("*", bodyLimit());

app.get("/health", (c) => c.json({ ok: true }));
app.get("/openapi.json", (c) => c.json(buildOpenApi(apiDocs, new URL(c.req.url).origin)));
app.get("/docs", serveDocsPage);

app.route("/schemas", schemaRoutes);
app.route("/actions", actionRoutes);
app.route("/jobs", jobRoutes);
app.route("/", runRoutes);
app.route("/operations", operationRoutes);
app.route("/", scheduleRoutes);
app.route("/", webhookRoutes);
app.route("/", hookRoutes);
app.route("/", subscriptionRoutes);
app.route("/keys", keyRoutes);
app.route("/ui/session", sessionRoutes);
app.route("/", dashboardRoutes);
