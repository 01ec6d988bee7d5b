/**
 * A run object's copy of the subscription routes (src/engine/route-cache.ts): the routes a
 * new run's first index write reads along are used without a read of their own, and a write
 * that failed leaves the copy to be read from D1 (through `read`, here the real query).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { listSubscriptionRoutes, type SubscriptionRoute } from "../../src/db/queries/subscriptions";
import { RouteCache } from "../../src/engine/route-cache";
import { db } from "../api/api-client";

const route: SubscriptionRoute = { id: "sub-1", events: ["run.*"], jobs: null, created_at: 1 };

/** A cache over the real route query, counting its own reads. */
function countingCache(): { cache: RouteCache; reads: () => number } {
  let reads = 0;
  const cache = new RouteCache(() => {
    reads += 1;
    return listSubscriptionRoutes(getDb(db));
  });
  return { cache, reads: () => reads };
}

describe("RouteCache", () => {
  it("answers with the routes a write in progress reads along, reading nothing itself", async () => {
    const { cache, reads } = countingCache();
    let answer: (routes: SubscriptionRoute[]) => void = () => {};
    cache.receive(new Promise((resolve) => (answer = resolve)));
    const got = cache.get();
    answer([route]);
    expect(await got).toEqual([route]);
    expect(await cache.get()).toEqual([route]);
    expect(reads()).toBe(0);
  });

  it("reads the routes itself when the write carrying them failed", async () => {
    const { cache, reads } = countingCache();
    cache.receive(Promise.reject(new Error("D1 is down")));
    expect(await cache.get()).toEqual(await listSubscriptionRoutes(getDb(db)));
    expect(reads()).toBe(1);
  });

  it("reads the routes on first use when no write brought them", async () => {
    const { cache, reads } = countingCache();
    await cache.get();
    await cache.get();
    expect(reads()).toBe(1);
  });
});
