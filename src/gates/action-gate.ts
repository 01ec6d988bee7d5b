/**
 * ActionGate: one Durable Object per action name with `concurrency` (named by the action).
 * It holds the action's slots and a durable FIFO queue of the attempts waiting for one,
 * across all runs. A run asks before it journals an attempt (`acquire`) and gives the slot
 * back when the attempt settles (`release`); a waiter is told in turn by a call to its run
 * object (`grantSlot`), repeated from the alarm until the run answers, so a grant survives
 * a crash of either side. Holders that never release (their run vanished) expire after
 * SLOT_LEASE_MS.
 */
import { DurableObject } from "cloudflare:workers";
import type { GateProtocol, GateView, SlotRow } from "../clients/gate";
import { runClient } from "../clients/run";
import {
  type AcquireResult,
  type GateTerms,
  GRANT_RETRY_MS,
  type GrantAnswer,
  type SlotKey,
} from "../clients/slot";
import type { Env } from "../env";
import { GateStore, sameSlot } from "./gate-store";

export class ActionGate extends DurableObject<Env> implements GateProtocol {
  private readonly store: GateStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new GateStore(ctx.storage.sql);
  }

  /**
   * Asks for a slot for one attempt; idempotent (a repeat after a crash finds its own row:
   * a holder keeps its slot, a waiter its place). Waiters ahead are served first.
   */
  async acquire(key: SlotKey, terms: GateTerms): Promise<AcquireResult> {
    const now = Date.now();
    const result = this.ctx.storage.transactionSync((): AcquireResult => {
      this.store.setTerms(terms);
      this.store.expire(now);
      let row = this.store.find(key.run_id, key.instance);
      if (row && !sameSlot(row, key)) {
        this.store.remove(row.seq);
        row = null;
      }
      if (!row) this.store.enqueue(key);
      this.promote(now);
      const own = this.store.find(key.run_id, key.instance);
      if (own?.state === "waiting") return "queued";
      if (own) this.store.update(own.seq, "held", leaseUntil(terms, now), null);
      return "granted";
    });
    await this.arm();
    return result;
  }

  /** Gives a slot back (or leaves the queue); the next waiter is granted. Idempotent. */
  async release(key: SlotKey): Promise<void> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      const row = this.store.find(key.run_id, key.instance);
      if (row && sameSlot(row, key)) this.store.remove(row.seq);
      this.store.expire(now);
      this.promote(now);
    });
    await this.arm();
  }

  describe(): GateView {
    return { ...this.store.terms(), slots: this.store.all() };
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      this.store.expire(now);
      this.promote(now);
    });
    for (const grant of this.store.dueGrants(now)) await this.deliver(grant);
    await this.arm();
  }

  /** Grants waiters in order while the limit allows; each grant is delivered by the alarm. */
  private promote(now: number): void {
    const terms = this.store.terms();
    while (this.store.activeCount() < terms.limit) {
      const next = this.store.firstWaiting();
      if (!next) return;
      this.store.update(next.seq, "granted", leaseUntil(terms, now), now);
    }
  }

  /** Tells a run its step may go; only the answer moves the row (it may have changed meanwhile). */
  private async deliver(grant: SlotRow): Promise<void> {
    let answer: GrantAnswer | "failed";
    try {
      answer = await runClient(this.env, grant.run_id).grantSlot(keyOf(grant));
    } catch (error) {
      console.error(`cairn: grant to run ${grant.run_id} failed`, error);
      answer = "failed";
    }
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      const row = this.store.find(grant.run_id, grant.instance);
      if (!row || !sameSlot(row, grant) || row.state !== "granted") return;
      if (answer === "accepted") this.store.update(row.seq, "held", row.lease_until, null);
      else if (answer === "declined") {
        this.store.remove(row.seq);
        this.promote(now);
      } else this.store.update(row.seq, "granted", row.lease_until, now + GRANT_RETRY_MS);
    });
  }

  private async arm(): Promise<void> {
    const next = this.store.nextDue();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }
}

function leaseUntil(terms: GateTerms, now: number): number | null {
  return terms.lease_ms === null ? null : now + terms.lease_ms;
}

function keyOf(row: SlotRow): SlotKey {
  return {
    run_id: row.run_id,
    instance: row.instance,
    execution: row.execution,
    attempt: row.attempt,
  };
}
