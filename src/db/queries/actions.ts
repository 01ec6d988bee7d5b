import { and, asc, eq, gt, sql } from "drizzle-orm";
import { ConflictError } from "../../core/errors";
import { parseAction } from "../../definition";
import type { ActionSpec } from "../../definition/ir";
import type { Db } from "../client";
import { actions } from "../schema";
import { selectJobsUsingAction } from "./jobs";
import { type Page, toPage } from "./page";

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
 * named actions against and what a run's plan freezes. Stored sources were valid when
 * saved; one that no longer parses (after a schema change) is left out and logged, so the
 * jobs using it fail validation with "unknown action" instead of the whole catalog failing.
 */
export async function loadActionCatalog(db: Db): Promise<Map<string, ActionSpec>> {
  const rows = await db.select().from(actions);
  const catalog = new Map<string, ActionSpec>();
  for (const row of rows) {
    const parsed = parseAction({ ...(row.spec as Record<string, unknown>), name: row.name });
    if (parsed.ok) catalog.set(row.name, stripName(parsed.action));
    else console.warn(`stored action ${row.name} no longer validates`, parsed.errors);
  }
  return catalog;
}

function stripName(action: ActionSpec & { name: string; description?: string }): ActionSpec {
  const { name: _name, description: _description, ...spec } = action;
  return spec as ActionSpec;
}

function toRecord(row: typeof actions.$inferSelect): ActionRecord {
  return { ...row, spec: row.spec as Record<string, unknown> };
}
