// Placeholder replaced by the runs routes (engine owner). Mounted by app.ts at `/`.
import { Hono } from "hono";
import type { AppEnv } from "./app-env";
import type { RouteDoc } from "./openapi";

export const runRoutes = new Hono<AppEnv>();

/** OpenAPI description of the runs routes. */
export const runDocs: RouteDoc[] = [];
