/**
 * A run object's copy of the subscription routes (src/engine/route-cache.ts): the routes a
 * new run's first index write reads along (src/engine/mirror.ts, real D1) are used without a
 * read of their own, and a write that failed leaves the copy to be read from D1 (through
 * `read`, here the real query).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { listSubscriptionRoutes, type SubscriptionRoute } from "../../src/db/queries/subscriptions";
import { mirrorRun } from "../../src/engine/mirror";
import { RouteCache } from "../../src/engine/route-cache";
import type { RunRow } from "../../src/engine/store/run-store";
import { db } from "../api/api-client";
import { subscribe } from "../subscriptions/support";
import { uniquePath } from "../support/target";

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

/** A new run's row as the run object hands it to its first index write. */
function newRun(): RunRow {
  return {
    run_id: crypto.randomUUID().replaceAll("-", ""),
    job: "routes-ride-along",
    version: 1,
    trigger: "api",
    idempotency_key: null,
    params: {},
    status: "queued",
    output: null,
    error: null,
    failed_step: null,
    created_at: Date.now(),
    started_at: null,
    finished_at: null,
    deadline_at: null,
    executions: 0,
    seq: 1,
    mirrored_seq: -1,
    parent: null,
  };
}

describe("the first index write", () => {
  it("hands the subscription routes it read in its batch to the cache", async () => {
    const subscription = await subscribe(uniquePath("routes"), { events: ["run.succeeded"] });
    const { cache, reads } = countingCache();
    const run = newRun();
    await mirrorRun(db, run, { lot: "a" }, cache);
    const routes = await cache.get();
    expect(reads()).toBe(0);
    expect(routes).toEqual(await listSubscriptionRoutes(getDb(db)));
    expect(routes).toContainEqual(
      expect.objectContaining({ id: subscription.id, events: ["run.succeeded"], jobs: null }),
    );
    const row = await db.prepare("SELECT status FROM runs WHERE id = ?").bind(run.run_id).first();
    expect(row).toEqual({ status: "queued" });
  });

  it("carries no routes in a later write while the cache holds a fresh copy", async () => {
    const { cache, reads } = countingCache();
    await cache.get();
    await mirrorRun(db, { ...newRun(), seq: 2, mirrored_seq: 1 }, undefined, cache);
    await cache.get();
    expect(reads()).toBe(1);
  });

  it("carries the routes in a later write when the cache has none (a woken run's fresh instance)", async () => {
    const subscription = await subscribe(uniquePath("routes-wake"), { events: ["run.*"] });
    const { cache, reads } = countingCache();
    const run = { ...newRun(), seq: 2, mirrored_seq: 1, status: "succeeded" as const };
    expect(cache.wanted).toBe(true);
    await mirrorRun(db, run, undefined, cache);
    expect(await cache.get()).toContainEqual(expect.objectContaining({ id: subscription.id }));
    expect(reads()).toBe(0);
    const row = await db.prepare("SELECT status FROM runs WHERE id = ?").bind(run.run_id).first();
    expect(row).toEqual({ status: "succeeded" });
  });

  it("still learns about listeners when the routes ride along", async () => {
    const { cache } = countingCache();
    const run = { ...newRun(), seq: 2, mirrored_seq: 1, status: "succeeded" as const };
    expect(await mirrorRun(db, run, undefined, cache, true)).toEqual({ listened: false });
    expect(cache.wanted).toBe(false);
  });
});

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

  it("waits for an invocation in progress, whose first write brings the routes, reading nothing itself", async () => {
    const { cache, reads } = countingCache();
    let finish: () => void = () => {};
    cache.awaitInvocation(new Promise<void>((resolve) => (finish = resolve)));
    const got = cache.get();
    // The start's first index write begins after the forwarder asked, and brings the routes.
    cache.receive(Promise.resolve([route]));
    finish();
    expect(await got).toEqual([route]);
    expect(reads()).toBe(0);
  });

  it("answers at the invocation's first write, not at its end", async () => {
    const { cache, reads } = countingCache();
    cache.awaitInvocation(new Promise<void>(() => {}));
    const got = cache.get();
    cache.receive(Promise.resolve([route]));
    expect(await got).toEqual([route]);
    expect(reads()).toBe(0);
  });

  it("reads the routes itself once the invocation's loop idles with calls in flight", async () => {
    const { cache, reads } = countingCache();
    cache.awaitInvocation(new Promise<void>(() => {}));
    const got = cache.get();
    cache.stopAwaiting();
    expect(await got).toEqual(await listSubscriptionRoutes(getDb(db)));
    expect(reads()).toBe(1);
  });

  it("reads the routes itself after an invocation that wrote no index", async () => {
    const { cache, reads } = countingCache();
    cache.awaitInvocation(Promise.reject(new Error("the start failed")));
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
