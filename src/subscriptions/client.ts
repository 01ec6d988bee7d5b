import type { Env } from "../env";
import type { DeliveryView } from "./delivery-store";
import type { OutgoingEvent } from "./payload";

/** The subscription object's RPC surface, typed (the raw stub's mapped types are too deep). */
export interface SubscriptionClient {
  enqueue(subscriptionId: string, events: readonly OutgoingEvent[]): Promise<void>;
  deliveries(limit?: number): Promise<DeliveryView[]>;
  destroy(): Promise<void>;
}

/** The delivery queue of subscription `id` (its name in the namespace is the id). */
export function subscriptionClient(env: Env, id: string): SubscriptionClient {
  return env.SUBSCRIPTIONS.get(env.SUBSCRIPTIONS.idFromName(id)) as unknown as SubscriptionClient;
}
