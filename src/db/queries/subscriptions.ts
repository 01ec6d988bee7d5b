import { desc, eq } from "drizzle-orm";
import type { SecretBox } from "../../access/stored-secrets";
import { type Db, getDb } from "../client";
import { subscriptions } from "../schema";
import { bindPrepared, prepareOnce } from "./prepared";

/**
 * A subscription row. Its `secret` is stored sealed (src/access/stored-secrets.ts): only
 * {@link insertSubscription} and {@link getSubscriptionTarget} see it in clear. Times in ms.
 */
export type SubscriptionRecord = typeof subscriptions.$inferSelect;

/** What a run needs to route its events: no URL, no secret. */
export type SubscriptionRoute = Pick<SubscriptionRecord, "id" | "events" | "jobs" | "created_at">;

/** Inserts a subscription; `record.secret` is given in clear and stored sealed by `box`. */
export async function insertSubscription(
  db: Db,
  box: SecretBox,
  record: SubscriptionRecord,
): Promise<void> {
  await db.insert(subscriptions).values({ ...record, secret: await box.seal(record.secret) });
}

/**
 * Where and how a subscription's deliveries go: its URL and its secret opened (null when no
 * configured key opens it). Null when the subscription is gone.
 */
export async function getSubscriptionTarget(
  db: Db,
  box: SecretBox,
  id: string,
): Promise<{ url: string; secret: string | null } | null> {
  const row = await getSubscription(db, id);
  return row ? { url: row.url, secret: await box.open(row.secret) } : null;
}

/** Every subscription, newest first (secrets sealed: callers strip them). */
export function listSubscriptions(db: Db): Promise<SubscriptionRecord[]> {
  return db.select().from(subscriptions).orderBy(desc(subscriptions.created_at), subscriptions.id);
}

export async function getSubscription(db: Db, id: string): Promise<SubscriptionRecord | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

/** True when a row was deleted. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  const deleted = await db
    .delete(subscriptions)
    .where(eq(subscriptions.id, id))
    .returning({ id: subscriptions.id });
  return deleted.length > 0;
}

// Read by every new run object: built once, not per run.
const selectRoutes = prepareOnce((db) =>
  db
    .select({
      id: subscriptions.id,
      events: subscriptions.events,
      jobs: subscriptions.jobs,
      created_at: subscriptions.created_at,
    })
    .from(subscriptions)
    .prepare(),
);

/** The routing view of every subscription, which runs cache to match their events. */
export function listSubscriptionRoutes(db: Db): Promise<SubscriptionRoute[]> {
  return selectRoutes(db).all();
}

/**
 * The route list as the last statement of a `D1Database.batch` (a new run's first index
 * write: src/engine/mirror.ts), and how to read it from the batch's results.
 */
export function routesInBatch(d1: D1Database): {
  statement: D1PreparedStatement;
  read(results: D1Result[]): SubscriptionRoute[];
} {
  const prepared = selectRoutes(getDb(d1));
  return {
    statement: bindPrepared(d1, prepared),
    read(results) {
      const result = results.at(-1);
      if (result === undefined) throw new Error("the batch answered no route list");
      // The same column mapping (JSON columns) as `.all()`, from a batch's raw result.
      return prepared.mapAllResult(result, true) as SubscriptionRoute[];
    },
  };
}
