import { and, asc, eq, gt, sql } from "drizzle-orm";
import { ConflictError } from "../../core/errors";
import type { Db } from "../client";
import { actions } from "../schema";
import { selectJobsUsingAction } from "./jobs";
import { type Page, toPage } from "./page";
import { prepareOnce } from "./prepared";
import { type StoredActions, toStoredActions } from "./stored-actions";

/** A stored action: `spec` is the action as written, without its name. Times in ms. */
export interface ActionRecord {
  name: string;
  type: string;
  spec: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

/** What a write stores; `spec` is the validated source without its `name`. */
export interface ActionInput {
  name: string;
  type: string;
  spec: Record<string, unknown>;
}

/** Inserts a new action; ConflictError (409) if the name is taken. */
export async function createAction(db: Db, input: ActionInput, now: number): Promise<ActionRecord> {
  const row = { ...input, created_at: now, updated_at: now };
  const inserted = await db
    .insert(actions)
    .values(row)
    .onConflictDoNothing()
    .returning({ name: actions.name });
  if (inserted.length === 0) throw new ConflictError(`Action ${input.name} already exists`);
  return row;
}

/** Creates the action or replaces its definition (keeping `created_at`); says which happened. */
export async function replaceAction(
  db: Db,
  input: ActionInput,
  now: number,
): Promise<{ action: ActionRecord; created: boolean }> {
  const [row] = await db
    .insert(actions)
    .values({ ...input, created_at: now, updated_at: now })
    .onConflictDoUpdate({
      target: actions.name,
      set: { type: input.type, spec: input.spec, updated_at: now },
    })
    .returning();
  if (!row) throw new Error(`upsert of action ${input.name} returned no row`);
  const action = toRecord(row);
  // An update keeps the original created_at; a fresh insert has created_at == now. A replace
  // within the same millisecond as the create is reported as a create, which is harmless.
  return { action, created: action.created_at === now };
}

export async function getAction(db: Db, name: string): Promise<ActionRecord | null> {
  const [row] = await db.select().from(actions).where(eq(actions.name, name)).limit(1);
  return row ? toRecord(row) : null;
}

/** Actions in name order after `cursor` (a name), at most `limit`. */
export async function listActions(
  db: Db,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ActionRecord>> {
  const rows = await db
    .select()
    .from(actions)
    .where(cursor === undefined ? undefined : gt(actions.name, cursor))
    .orderBy(asc(actions.name))
    .limit(limit + 1);
  return toPage(rows.map(toRecord), limit, (row) => row.name);
}

/**
 * Deletes the action unless the current version of some job uses it; the check and the
 * delete are one statement, so a job saved in between cannot be left pointing at nothing.
 * False when nothing was deleted (absent, or in use: see `jobsUsingAction`).
 */
export async function deleteUnusedAction(db: Db, name: string): Promise<boolean> {
  const deleted = await db
    .delete(actions)
    .where(and(eq(actions.name, name), sql`NOT EXISTS (${selectJobsUsingAction(name)})`))
    .returning({ name: actions.name });
  return deleted.length > 0;
}

/**
 * Every stored action compiled to its ActionSpec, by name: what `compileJob` resolves
 * named actions against (a stored source that no longer validates is left out: see
 * `readStoredAction` in stored-actions.ts).
 */
export async function loadActionCatalog(db: Db): Promise<StoredActions> {
  const rows = await db.select({ name: actions.name, spec: actions.spec }).from(actions);
  return toStoredActions(rows);
}

// A start of a job read without its actions (a schedule fire from the coordinator's copy,
// an `after` trigger) reads these: built once, not per start.
const selectNamedActions = prepareOnce((db) =>
  db
    .select({ name: actions.name, spec: actions.spec })
    .from(actions)
    .where(sql`${actions.name} IN (SELECT value FROM json_each(${sql.placeholder("names")}))`)
    .prepare(),
);

/** The stored actions of the given names (the ones that exist and validate), in one read. */
export async function loadActions(db: Db, names: Iterable<string>): Promise<StoredActions> {
  // One JSON parameter however many names: D1 binds at most 100 per statement.
  const rows = await selectNamedActions(db).all({ names: JSON.stringify([...names]) });
  return toStoredActions(rows);
}

function toRecord(row: typeof actions.$inferSelect): ActionRecord {
  return { ...row, spec: row.spec as Record<string, unknown> };
}
