import type { SubscriptionRoute } from "../db/queries/subscriptions";

/** How long a run trusts its copy of the subscription list: 30 s (new ones reach running runs by then). */
const ROUTES_TTL_MS = 30_000;

/**
 * A run object's copy of the subscription routes, trusted for ROUTES_TTL_MS. A new run's first
 * index write reads them in its batch (mirror.ts) and hands them over with `receive`, so the
 * forwarder's first round waits for that write instead of a D1 round trip of its own; when
 * the write fails, `get` reads them itself, so a failed mirror never leaves the run without.
 */
export class RouteCache {
  private copy: { loadedAt: number; list: SubscriptionRoute[] } | null = null;
  private coming: Promise<void> | null = null;

  constructor(private readonly read: () => Promise<SubscriptionRoute[]>) {}

  /** Routes a write in progress is reading: the next `get` waits for them. */
  receive(routes: Promise<SubscriptionRoute[]>): void {
    this.await(
      routes.then((list) => {
        this.copy = { loadedAt: Date.now(), list };
      }),
    );
  }

  /**
   * A new run's start in progress, whose first index write will read the routes along: the
   * next `get` waits for the start (the run's forwarder wakes at its first commit, before that
   * write has begun), then reads them itself only if no write brought them.
   */
  awaitStart(start: Promise<unknown>): void {
    this.await(start);
  }

  private await(work: Promise<unknown>): void {
    // The work's own caller reports its failure; `get` then reads the routes itself.
    const coming = work.then(
      () => undefined,
      () => undefined,
    );
    this.coming = coming;
    void coming.finally(() => {
      if (this.coming === coming) this.coming = null;
    });
  }

  async get(): Promise<SubscriptionRoute[]> {
    if (this.coming) await this.coming;
    if (this.copy === null || Date.now() - this.copy.loadedAt > ROUTES_TTL_MS) {
      this.copy = { loadedAt: Date.now(), list: await this.read() };
    }
    return this.copy.list;
  }
}
