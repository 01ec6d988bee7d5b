/**
 * The run's tables that exist only once used (schema.ts `LAZY_TABLES`): each repository
 * asks for its table before a statement on it, and the first ask of an instance creates it
 * if missing (`IF NOT EXISTS`, so a run that has it, an older one above all, is unchanged).
 */
import { LAZY_TABLES, type LazyTable } from "./schema";
import type { RunSql } from "./storage";

export class LazyTables {
  private readonly ready = new Set<LazyTable>();

  constructor(private readonly sql: RunSql) {}

  ensure(table: LazyTable): void {
    if (this.ready.has(table)) return;
    this.sql.exec(LAZY_TABLES[table]);
    this.ready.add(table);
  }

  /** After a rollback or a deleteAll, a table created since may be gone: ask SQLite again. */
  forget(): void {
    this.ready.clear();
  }
}
