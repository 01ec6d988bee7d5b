// Placeholder replaced by the runs routes (engine owner). Mounted by app.ts at `/`.
import { Hono } from "hono";
import type { AppEnv } from "./app-env";

export const runRoutes = new Hono<AppEnv>();
