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
