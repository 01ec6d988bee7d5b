import type { Env } from "../env";
import { type Remote, remote } from "./rpc";
import type { OutgoingEvent } from "./subscription-payload";

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One attempt of a delivery, as the deliveries list shows it. */
export interface AttemptRecord {
  at: string;
  status: number | null;
  error: string | null;
}

/** A delivery as `GET /subscriptions/{id}/deliveries` serves it. */
export interface DeliveryView {
  id: string;
  type: string;
  run_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
  attempt_log: AttemptRecord[];
}

/** What a subscription object answers over RPC (SubscriptionObject implements it). */
export interface SubscriptionProtocol {
  enqueue(subscriptionId: string, events: readonly OutgoingEvent[]): Promise<void>;
  deliveries(limit?: number): DeliveryView[];
  destroy(): Promise<void>;
}

export type SubscriptionClient = Remote<SubscriptionProtocol>;

/** The delivery queue of subscription `id` (its name in the namespace is the id). */
export function subscriptionClient(env: Env, id: string): SubscriptionClient {
  return remote(env.SUBSCRIPTIONS, id);
}
