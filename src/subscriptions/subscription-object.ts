import { DurableObject } from "cloudflare:workers";
import { secretBox } from "../access/stored-secrets";
import type { DeliveryView, SubscriptionProtocol } from "../clients/subscription";
import type { OutgoingEvent } from "../clients/subscription-payload";
import { getDb } from "../db/client";
import { getSubscriptionTarget } from "../db/queries/subscriptions";
import type { Env } from "../env";
import { DeliveryStore, type DueDelivery } from "./delivery-store";
import { DELIVERY_TIMEOUT_MS, sendEvent, type Target } from "./send";

/** Deliveries one alarm sends at once: enough to drain a burst, few enough to stay polite. */
const BATCH = 20;
/** When the subscription row cannot be read, the next try: 30 s. */
const TARGET_RETRY_MS = 30_000;

/**
 * One subscription's delivery queue. Runs hand it events (`enqueue`, a quick local write);
 * its own alarm sends them, retries with backoff and records every attempt. Being one object
 * per subscription, a dead or slow subscriber only ever delays its own queue.
 */
export class SubscriptionObject extends DurableObject<Env> implements SubscriptionProtocol {
  private readonly store: DeliveryStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new DeliveryStore(ctx.storage.sql);
  }

  /** Queues events for delivery (repeats of an event id are ignored) and wakes the sender. */
  async enqueue(subscriptionId: string, events: readonly OutgoingEvent[]): Promise<void> {
    const now = Date.now();
    this.store.writeSubscriptionId(subscriptionId);
    for (const { id, payload } of events)
      this.store.add(id, payload.type, payload.run_id, JSON.stringify(payload), now);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > now) await this.ctx.storage.setAlarm(now);
  }

  /** Recent deliveries, newest first. */
  deliveries(limit = 100): DeliveryView[] {
    return this.store.list(limit);
  }

  /** Forgets everything: the subscription was deleted. */
  async destroy(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    let target: Target | null;
    try {
      target = await this.readTarget();
    } catch (error) {
      // D1 unreachable: try later ourselves rather than spend the runtime's few alarm retries.
      console.warn("cairn: subscription target unreadable, delivering later", error);
      await this.ctx.storage.setAlarm(Date.now() + TARGET_RETRY_MS);
      return;
    }
    if (target === null) return this.destroy();
    const due = this.store.takeDue(Date.now(), BATCH);
    await Promise.all(due.map((delivery) => this.attempt(target, delivery)));
    this.store.prune();
    const next = this.store.nextDueAt();
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, Date.now()));
  }

  private async attempt(target: Target, delivery: DueDelivery): Promise<void> {
    // A lease past the call's timeout: a crash mid-call leaves the row due again later.
    this.store.startAttempt(delivery.id, Date.now() + DELIVERY_TIMEOUT_MS + 5_000);
    const outcome = await sendEvent(target, delivery.id, delivery.body);
    this.store.recordAttempt(delivery, outcome, Date.now());
  }

  /** The subscription's URL and secret from D1 (the truth); null once it was deleted. */
  private async readTarget(): Promise<Target | null> {
    const id = this.store.readSubscriptionId();
    if (id === null) return null;
    const row = await getSubscriptionTarget(getDb(this.env.DB), secretBox(this.env), id);
    if (row === null) return null;
    return {
      url: row.url,
      secret: row.secret,
      allowPrivate: this.env.ALLOW_PRIVATE_NETWORK === "true",
    };
  }
}
