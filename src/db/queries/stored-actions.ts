/**
 * What the action and job queries share about stored actions: a row's source read back as
 * the ActionSpec a run uses, and the SQL that finds the actions a compiled graph names.
 */
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { parseAction } from "../../definition";
import type { ActionSpec } from "../../definition/ir";

/**
 * Stored actions compiled to their ActionSpec, by name: the whole catalog (what a job is
 * compiled against) or the ones a job names, read for its start (start-run.ts freezes them).
 */
export type StoredActions = ReadonlyMap<string, ActionSpec>;

/**
 * A stored action's source (`spec`, without its name) as an ActionSpec, or null, logged, when
 * it no longer validates (after a schema change): a job using it then fails validation with
 * "unknown action", and a start of it is refused naming the action, instead of every read
 * of the catalog failing.
 */
function readStoredAction(name: string, spec: Record<string, unknown>): ActionSpec | null {
  const parsed = parseAction({ ...spec, name });
  if (!parsed.ok) {
    console.warn(`stored action ${name} no longer validates`, parsed.errors);
    return null;
  }
  const { name: _name, description: _description, ...action } = parsed.action;
  return action as ActionSpec;
}

/** Stored rows (a name and its `spec`) as StoredActions, leaving out what no longer validates. */
export function toStoredActions(rows: readonly { name: string; spec: unknown }[]): StoredActions {
  const found = new Map<string, ActionSpec>();
  for (const { name, spec } of rows) {
    const action = readStoredAction(name, spec as Record<string, unknown>);
    if (action) found.set(name, action);
  }
  return found;
}

/**
 * SQL selecting the names of the stored actions the compiled graph in `compiled` uses: every
 * `action` field `{ kind: "named", name }`, at any depth (branches and map bodies included).
 * A superset of walk.ts's `namedActions` (a value of that shape inside a step's `with` is
 * found too), so a caller that must be exact picks from it by `namedActions`.
 */
export function namedActionsIn(compiled: AnyColumn | SQL): SQL {
  return sql`SELECT json_extract(t.value, '$.name') FROM json_tree(${compiled}) t
    WHERE t.key = 'action' AND t.type = 'object' AND json_extract(t.value, '$.kind') = 'named'`;
}
