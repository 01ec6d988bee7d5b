import { app } from "./api/app";
import type { Env } from "./env";

export { RunObject } from "./engine/run-object";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
