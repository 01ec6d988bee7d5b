import { subscriptionClient } from "../clients/subscription";
import type { OutgoingEvent } from "../clients/subscription-payload";
import type { HistoryEvent, HistoryRecord } from "../core/history";
import { matchesEvent, toLifecycleEvent } from "../core/lifecycle";
import type { SubscriptionRoute } from "../db/queries/subscriptions";
import type { Env } from "../env";
import type { RouteCache } from "./route-cache";
import { Outbox } from "./store/outbox";
import type { RunStore } from "./store/run-store";

/** History events read per forwarding round. */
const PAGE = 200;
/** After a failed hand-over, try again this much later (a later event also retries). */
const RETRY_MS = 5_000;

/**
 * Hands a run's lifecycle events to the matching subscriptions, off the drive loop: `poke()`
 * only starts a background round, which reads the history after the outbox cursor, maps it
 * to lifecycle events and enqueues them in each matching subscription object. The cursor
 * moves only once every hand-over succeeded, so nothing is lost to a crash or a failed call.
 */
export class LifecycleForwarder {
  private readonly outbox: Outbox;
  private running = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly env: Env,
    private readonly store: RunStore,
    sql: SqlStorage,
    /** The subscription routes, shared with the run's first index write (route-cache.ts). */
    private readonly routes: RouteCache,
  ) {
    this.outbox = new Outbox(sql);
  }

  /** Starts a forwarding round unless one is running (which then goes round once more). */
  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    // After the engine's synchronous move is over: one round takes all the events it committed.
    void Promise.resolve()
      .then(() => this.forwardAll())
      .finally(() => {
        this.running = false;
      });
  }

  private async forwardAll(): Promise<void> {
    try {
      do {
        this.again = false;
        while (await this.forwardPage()) {}
      } while (this.again);
    } catch (error) {
      console.warn("cairn: lifecycle events not handed to subscriptions yet", error);
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        this.poke();
      }, RETRY_MS);
    }
  }

  /** Forwards one page after the cursor; true when there may be more. */
  private async forwardPage(): Promise<boolean> {
    if (!this.store.exists()) return false;
    const { run_id, job } = this.store.readRun();
    const routes = (await this.routes.get()).filter(
      (route) => route.jobs === null || route.jobs.includes(job),
    );
    // Nobody listens to this job: nothing to read. The cursor stays; a later subscriber's
    // first round reads past the old events, which it does not hear (they predate it).
    if (routes.length === 0) return false;
    const after = this.outbox.readForwardedSeq();
    const records = this.store.history.readHistory(after, PAGE);
    const last = records.at(-1);
    if (last === undefined) return false;
    const events = records.flatMap((record) => toOutgoing(record, run_id, job));
    if (events.length > 0) await this.handOver(routes, events);
    this.outbox.writeForwardedSeq(last.seq);
    return records.length === PAGE;
  }

  private async handOver(routes: SubscriptionRoute[], events: OutgoingEvent[]): Promise<void> {
    await Promise.all(
      routes.map((route) => {
        // Only what happened since it subscribed: a run forwarding its whole history (one
        // that predates subscriptions) must not replay old events to a new subscriber.
        const matched = events.filter(
          (event) =>
            Date.parse(event.payload.at) >= route.created_at &&
            matchesEvent(route.events, event.payload.type),
        );
        if (matched.length === 0) return undefined;
        return subscriptionClient(this.env, route.id).enqueue(route.id, matched);
      }),
    );
  }
}

/** The lifecycle event of a stored history record, if it announces one. */
function toOutgoing(record: HistoryRecord, runId: string, job: string): OutgoingEvent[] {
  const type = toLifecycleEvent(record as unknown as HistoryEvent);
  if (type === null) return [];
  return [
    {
      id: `${runId}:${record.seq}`,
      payload: {
        type,
        run_id: runId,
        job,
        ...(record.step_id === null ? {} : { step_id: record.step_id }),
        at: record.at,
        data: record.data,
      },
    },
  ];
}
