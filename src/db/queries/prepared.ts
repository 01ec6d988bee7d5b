import { fillPlaceholders } from "drizzle-orm";
import type { Db } from "../client";

/**
 * A statement drizzle builds once per database client instead of at every call: building a
 * query walks its tables and columns (drizzle's `is` checks), which the start profile showed
 * at about 6 ms of CPU per run start for the four statements on that path (bench/README.md).
 * `build` makes the statement with `sql.placeholder`s for its parameters.
 */
export function prepareOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}

/**
 * A statement built once, bound to `values`, as one statement of a `D1Database.batch`:
 * drizzle's own `batch` takes only query builders, and builds each of them again.
 */
export function bindPrepared(
  d1: D1Database,
  prepared: { getQuery(): { sql: string; params: unknown[] } },
  values: Record<string, unknown> = {},
): D1PreparedStatement {
  const { sql, params } = prepared.getQuery();
  return d1.prepare(sql).bind(...fillPlaceholders(params, values));
}
