/**
 * The harness's storage behaves as a Durable Object's where the engine relies on it:
 * transactions that nest and roll back, scripts, cursors, rows written, and deleteAll.
 */
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/harness/sqlite-storage";

function storage(): SqliteStorage {
  const opened = new SqliteStorage(new DatabaseSync(":memory:"));
  opened.sql.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE u (x)");
  return opened;
}

const names = (s: SqliteStorage) =>
  s.sql
    .exec<{ name: string }>("SELECT name FROM t ORDER BY id")
    .toArray()
    .map((row) => row.name);

describe("SqliteStorage", () => {
  it("rolls back an inner transaction that throws, and keeps the outer one's writes", () => {
    const s = storage();
    s.transactionSync(() => {
      s.sql.exec("INSERT INTO t (name) VALUES (?)", "outer");
      expect(() =>
        s.transactionSync(() => {
          s.sql.exec("INSERT INTO t (name) VALUES (?)", "inner");
          throw new Error("boom");
        }),
      ).toThrow("boom");
    });
    expect(names(s)).toEqual(["outer"]);
  });

  it("rolls back everything when the outer transaction throws", () => {
    const s = storage();
    expect(() =>
      s.transactionSync(() => {
        s.transactionSync(() => s.sql.exec("INSERT INTO t (name) VALUES ('a')"));
        throw new Error("late");
      }),
    ).toThrow("late");
    expect(names(s)).toEqual([]);
  });

  it("counts rows written, returns RETURNING rows, and insists on one row for one()", () => {
    const s = storage();
    const inserted = s.sql.exec<{ id: number }>("INSERT INTO t (name) VALUES ('a') RETURNING id");
    expect(inserted.one()).toEqual({ id: 1 });
    expect(s.sql.exec("DELETE FROM t WHERE id = ?", 1).rowsWritten).toBe(1);
    expect(s.sql.exec("DELETE FROM t WHERE id = ?", 1).rowsWritten).toBe(0);
    expect(() => s.sql.exec("SELECT * FROM t").one()).toThrow(/exactly one/);
    s.sql.exec("INSERT INTO t (name) VALUES ('b'), ('c')");
    expect([...s.sql.exec("SELECT name FROM t ORDER BY id").raw()]).toEqual([["b"], ["c"]]);
  });

  it("holds the alarm as a value, and deleteAll takes the tables and the alarm", async () => {
    const s = storage();
    await s.setAlarm(new Date(5_000));
    expect(await s.getAlarm()).toBe(5_000);
    await s.deleteAll();
    expect(await s.getAlarm()).toBeNull();
    const tables = s.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray();
    expect(tables).toEqual([]);
  });
});
