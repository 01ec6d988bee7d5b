/**
 * `cairn apply`'s plan, as pure data: what the files say against what the server stores.
 * "Unchanged" compares documents, never timestamps: a job whose stored source equals the
 * file's (keys in any order) gets no new version, and an equal action is not rewritten.
 */
import { isDeepStrictEqual } from "node:util";
import type { Source } from "./sources";

export type Kind = Source["kind"];

export type Change =
  | { op: "create"; kind: Kind; name: string; source: Source }
  | { op: "update"; kind: Kind; name: string; source: Source; version?: number }
  | { op: "unchanged"; kind: Kind; name: string; source: Source }
  | { op: "delete"; kind: Kind; name: string };

export interface StoredJob {
  version: number;
  definition: unknown;
}

/** What the server has: actions as written (no timestamps), jobs' current version and source. */
export interface RemoteState {
  actions: ReadonlyMap<string, unknown>;
  jobs: ReadonlyMap<string, StoredJob>;
}

/**
 * The changes in the order they are applied: actions before the jobs that may use them,
 * then (with `prune`) deletions of jobs before deletions of the actions they used.
 * Every source must have a name (the checks before planning make sure of it).
 */
export function planChanges(
  sources: readonly Source[],
  remote: RemoteState,
  prune: boolean,
): Change[] {
  const actions = sources.filter((source) => source.kind === "action");
  const jobs = sources.filter((source) => source.kind === "job");
  const changes: Change[] = [
    ...actions.map((source) => compare(source, remote.actions.get(nameOf(source)))),
    ...jobs.map((source) => compareJob(source, remote.jobs.get(nameOf(source)))),
  ];
  if (prune) {
    changes.push(...deletions("job", remote.jobs.keys(), jobs));
    changes.push(...deletions("action", remote.actions.keys(), actions));
  }
  return changes;
}

/** Names the server has that no file defines: what `--prune` deletes. */
export function prunedNames(names: Iterable<string>, sources: readonly Source[]): Set<string> {
  const kept = new Set(sources.map(nameOf));
  return new Set([...names].filter((name) => !kept.has(name)));
}

function compare(source: Source, stored: unknown): Change {
  const name = nameOf(source);
  if (stored === undefined) return { op: "create", kind: source.kind, name, source };
  const op = isDeepStrictEqual(source.value, stored) ? "unchanged" : "update";
  return { op, kind: source.kind, name, source };
}

function compareJob(source: Source, stored: StoredJob | undefined): Change {
  const change = compare(source, stored?.definition);
  return change.op === "update" && stored ? { ...change, version: stored.version + 1 } : change;
}

function deletions(kind: Kind, names: Iterable<string>, sources: readonly Source[]): Change[] {
  return [...prunedNames(names, sources)].sort().map((name) => ({ op: "delete", kind, name }));
}

function nameOf(source: Source): string {
  return source.name ?? "";
}
