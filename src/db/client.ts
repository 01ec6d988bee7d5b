import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** The catalog database: drizzle over the D1 binding, typed by the schema. */
export type Db = DrizzleD1Database<typeof schema>;

/**
 * Wraps the D1 binding in drizzle. Cheap (no I/O), so callers create one per request
 * instead of sharing a client across requests, which Workers does not allow for I/O objects.
 */
export function getDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}
