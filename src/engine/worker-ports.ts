/** The engine's ports on Cloudflare: wall time, real calls, D1, and the other Durable Objects. */
import { executeAction } from "../actions/execute";
import type { Env } from "../env";
import { acquireSlot, askForSlot, releaseSlot, returnSlot } from "./action-slots";
import { announceEnd } from "./announce";
import { mirrorRun } from "./mirror";
import { type RunPorts, systemClock } from "./ports";
import type { RouteCache } from "./route-cache";
import { runClaimFor } from "./run-cap";
import { cancelChildRuns, startChildRun } from "./sub-jobs";

/** `routes`: the run's subscription routes, which its first index write reads along (mirror.ts). */
export function workerPorts(env: Env, routes?: RouteCache): RunPorts {
  return {
    clock: systemClock,
    settings: env,
    execute: (call) => executeAction({ ...call, env }),
    children: {
      start: (job, params, parent, key, tags) => startChildRun(env, job, params, parent, key, tags),
      cancel: (runIds) => cancelChildRuns(env, runIds),
    },
    slots: {
      runClaim: (run) => runClaimFor(env, run),
      acquire: (claim) => acquireSlot(env, claim),
      ask: (claim) => askForSlot(env, claim),
      giveBack: (claim) => returnSlot(env, claim),
      release: (claim) => releaseSlot(env, claim),
    },
    mirror: (run, tags, askListeners) => mirrorRun(env.DB, run, tags, routes, askListeners),
    announceEnd: (run, toCoordinator) => announceEnd(env, run, toCoordinator),
  };
}
