import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** The catalog database: drizzle over the D1 binding, typed by the schema. */
export type Db = DrizzleD1Database<typeof schema>;

const clients = new WeakMap<D1Database, Db>();

/**
 * Drizzle over the D1 binding, one per binding. The binding lives as long as the isolate's
 * `env` and drizzle adds no I/O state of its own, so sharing it across requests is safe;
 * building it costs a walk of the whole schema, which was measurable on every run start.
 */
export function getDb(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    clients.set(d1, db);
  }
  return db;
}
