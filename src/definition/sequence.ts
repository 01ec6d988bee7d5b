/** Checks of sequence (state-machine) jobs: every target exists and every step is reachable. */
import type { Issue } from "../core/errors";
import { listTargets, resolveNext } from "./compile-step";
import { joinPath } from "./issues";
import type { StepEntry } from "./step-entries";

/**
 * Reports targets (`next`, choice `if`/`default`, `catch`) naming no step, and — when every
 * step is valid, so the graph is complete — steps that no path from the first step reaches.
 */
export function checkSequence(
  entries: readonly StepEntry[],
  ids: ReadonlyMap<string, number>,
): Issue[] {
  const issues: Issue[] = [];
  for (const entry of entries) {
    for (const { path, target } of entry.step ? listTargets(entry.step) : []) {
      if (!ids.has(target)) {
        issues.push({
          path: joinPath(["steps", entry.index, ...path]),
          message: `step "${target}" does not exist`,
        });
      }
    }
  }
  if (entries.every((entry) => entry.step !== undefined))
    issues.push(...findUnreachable(entries, ids));
  return issues;
}

function findUnreachable(entries: readonly StepEntry[], ids: ReadonlyMap<string, number>): Issue[] {
  const reached = new Set<number>();
  const pending = entries.length > 0 ? [0] : [];
  while (pending.length > 0) {
    const index = pending.pop() ?? 0;
    const step = entries[index]?.step;
    if (reached.has(index) || !step) continue;
    reached.add(index);
    const successors = listTargets(step).map(({ target }) => target);
    const next = resolveNext(step, entries[index + 1]?.id);
    if (next !== null) successors.push(next);
    for (const target of successors) {
      const targetIndex = ids.get(target);
      if (targetIndex !== undefined) pending.push(targetIndex);
    }
  }
  return entries
    .filter((entry) => !reached.has(entry.index) && ids.get(entry.id ?? "") === entry.index)
    .map((entry) => ({
      path: `steps.${entry.index}`,
      message: `step "${entry.id}" is unreachable`,
    }));
}
