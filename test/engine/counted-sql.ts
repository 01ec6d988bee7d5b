/**
 * A statement counter for tests: a RunSql that passes every `exec` to the real storage's
 * SQL and records its text, so a test can see what a move costs in crossings into SQLite.
 */
import type { RunSql } from "../../src/engine/store/storage";

export interface CountedSql extends RunSql {
  /** The text of every statement executed, in order. */
  readonly statements: string[];
}

export function countedSql(sql: SqlStorage): CountedSql {
  const statements: string[] = [];
  return {
    statements,
    exec(query, ...bindings) {
      statements.push(query.replace(/\s+/g, " ").trim());
      return sql.exec(query, ...bindings);
    },
  };
}
