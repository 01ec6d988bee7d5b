import type { Env } from "../env";

/** Hono environment shared by every route module. */
export type AppEnv = { Bindings: Env };
