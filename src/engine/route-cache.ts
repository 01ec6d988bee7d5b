import type { SubscriptionRoute } from "../db/queries/subscriptions";

/** How long a run trusts its copy of the subscription list: 30 s (new ones reach running runs by then). */
const ROUTES_TTL_MS = 30_000;

/**
 * A run object's copy of the subscription routes, trusted for ROUTES_TTL_MS. While the copy
 * is missing or stale, the run's next index write reads them in its batch (mirror.ts) and
 * hands them over with `receive`, so the forwarder waits for that write instead of a D1 round
 * trip of its own: a new run's first write, and a woken run's first write after its alarm
 * (every sleeper wakes in a fresh instance; bench/README.md, "Sleepers' lateness, session 13").
 * When the write fails, or the invocation writes nothing, `get` reads them itself, so the run
 * is never left without.
 */
export class RouteCache {
  private copy: { loadedAt: number; list: SubscriptionRoute[] } | null = null;
  private coming: Promise<void> | null = null;
  private reading = false;
  /** Wakes the `get`s waiting for an invocation once its first write brought the routes. */
  private onReceived: (() => void) | null = null;

  constructor(private readonly read: () => Promise<SubscriptionRoute[]>) {}

  /** Whether the next index write should read the routes along. */
  get wanted(): boolean {
    return !this.reading && (this.copy === null || this.isStale(this.copy.loadedAt));
  }

  /** Routes a write in progress is reading: the next `get` waits for them. */
  receive(routes: Promise<SubscriptionRoute[]>): void {
    this.reading = true;
    const received = routes.then(
      (list) => {
        this.copy = { loadedAt: Date.now(), list };
      },
      // The write's own caller reports its failure; `get` then reads the routes itself.
      () => undefined,
    );
    const waiting = this.onReceived;
    this.onReceived = null;
    this.expect(received);
    void received.finally(() => {
      this.reading = false;
      waiting?.();
    });
  }

  /**
   * A start or an alarm in progress, whose index writes read the routes along while they are
   * wanted: the next `get` waits until its first write brought them or, if it writes none,
   * until it ends or goes idle with calls in flight (`stopAwaiting`) (the run's forwarder wakes at its first commit, before that write has
   * begun), then reads them itself only if no write brought them.
   */
  awaitInvocation(invocation: Promise<unknown>): void {
    if (!this.wanted) return;
    let resolve: () => void = () => {};
    const settled = new Promise<void>((done) => {
      resolve = done;
    });
    this.onReceived = resolve;
    void invocation.then(resolve, resolve);
    this.expect(settled);
  }

  /**
   * Stops the `get`s waiting for the invocation: its loop went idle with calls in flight, and
   * its index write may be held until they settle (driver.ts, the departure hold), which must
   * not hold lifecycle events back as long.
   */
  stopAwaiting(): void {
    const waiting = this.onReceived;
    this.onReceived = null;
    waiting?.();
  }

  async get(): Promise<SubscriptionRoute[]> {
    if (this.coming) await this.coming;
    if (this.copy === null || this.isStale(this.copy.loadedAt)) {
      this.copy = { loadedAt: Date.now(), list: await this.read() };
    }
    return this.copy.list;
  }

  private expect(coming: Promise<void>): void {
    this.coming = coming;
    void coming.finally(() => {
      if (this.coming === coming) this.coming = null;
    });
  }

  private isStale(loadedAt: number): boolean {
    return Date.now() - loadedAt > ROUTES_TTL_MS;
  }
}
