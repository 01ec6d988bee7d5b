import { app } from "./api/app";
import { rearmLostAlarms } from "./engine/watchdog";
import type { Env } from "./env";
import { sweepExpiredQueuedRuns } from "./schedule/expiry";
import { rearmSchedules } from "./schedule/watchdog";

export { RateLimiter } from "./access/rate-limiter";
export { RunObject } from "./engine/run-object";
export { ActionGate } from "./gates/action-gate";
export { OperationObject } from "./operations/operation-object";
export { JobCoordinator } from "./schedule/coordinator";
export { SubscriptionObject } from "./subscriptions/subscription-object";

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(rearmLostAlarms(env));
    ctx.waitUntil(rearmSchedules(env));
    ctx.waitUntil(sweepExpiredQueuedRuns(env));
  },
} satisfies ExportedHandler<Env>;
