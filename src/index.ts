import { app } from "./api/app";
import { rearmLostAlarms } from "./engine/watchdog";
import type { Env } from "./env";

export { RunObject } from "./engine/run-object";

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(rearmLostAlarms(env));
  },
} satisfies ExportedHandler<Env>;
