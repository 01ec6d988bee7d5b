import type { Env } from "../env";
import type { DeliveryView } from "../subscriptions/delivery-store";
import { type Remote, remote } from "./rpc";
import type { OutgoingEvent } from "./subscription-payload";

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
