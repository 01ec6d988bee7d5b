import type { Principal } from "../access/scopes";
import type { Env } from "../env";

/**
 * Hono environment shared by every route module. `principal` is who sent the request, set
 * by the auth middleware on every route that needs a credential (absent on open routes).
 */
export type AppEnv = { Bindings: Env; Variables: { principal?: Principal } };
