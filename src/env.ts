import type { RunObject } from "./engine/run-object";
import type { ActionGate } from "./gates/action-gate";
import type { JobCoordinator } from "./schedule/coordinator";
import type { SubscriptionObject } from "./subscriptions/subscription-object";

/** Bindings and configuration of the Cairn Worker (names are part of the public contract). */
export interface Env {
  DB: D1Database;
  RUNS: DurableObjectNamespace<RunObject>;
  /** One JobCoordinator per job (named by the job): its schedule and alarm. */
  SCHEDULES: DurableObjectNamespace<JobCoordinator>;
  /** One SubscriptionObject per subscription (named by its id): its delivery queue and alarm. */
  SUBSCRIPTIONS: DurableObjectNamespace<SubscriptionObject>;
  /** One ActionGate per action with `concurrency` (named by the action): its slots and queue. */
  ACTION_GATES: DurableObjectNamespace<ActionGate>;
  /** The dashboard's bundled files (Workers static assets from dist/assets, see src/ui). */
  ASSETS: Fetcher;
  /** Cap on runs in progress at once (positive integer); absent: no cap. Runs beyond it stay queued. */
  MAX_RUNNING_RUNS?: string;
  /** Bearer token for the REST API (Worker secret). */
  API_TOKEN?: string;
  /** "true" lets HTTP actions reach http: URLs and private, loopback or link-local hosts. */
  ALLOW_PRIVATE_NETWORK?: string;
  /** "false" turns off the one-JSON-line-per-run-event log (on by default). */
  LOG_EVENTS?: string;
  /** The Worker's public origin (https://cairn.example.com); makes `callbacks.<step>` full URLs. */
  PUBLIC_URL?: string;
  /** Comma-separated names of Worker secrets exposed to templates as `secrets.<NAME>`. */
  TEMPLATE_SECRETS?: string;
  /** Any other binding: Worker secrets named in TEMPLATE_SECRETS, service bindings for `worker` actions. */
  [binding: string]: unknown;
}
