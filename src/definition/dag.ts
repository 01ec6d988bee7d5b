/** Checks of DAG jobs (any step has `depends_on`): dependencies exist and form no cycle. */
import type { Issue } from "../core/errors";
import type { StepEntry } from "./step-entries";

/**
 * Reports unknown and self dependencies, and every cycle, named in run order starting at the
 * step defined first: `cycle: a -> b -> c -> a` means b depends on a, c on b, a on c.
 * Also rejects `next`, `catch` and `choice`, which belong to sequence jobs.
 */
export function checkDag(entries: readonly StepEntry[], ids: ReadonlyMap<string, number>): Issue[] {
  const issues: Issue[] = [];
  for (const entry of entries) {
    issues.push(...checkSequenceOnlyFields(entry));
    entry.step?.depends_on?.forEach((dependency, index) => {
      const path = `steps.${entry.index}.depends_on.${index}`;
      if (dependency === entry.id)
        issues.push({ path, message: `step "${dependency}" depends on itself` });
      else if (!ids.has(dependency))
        issues.push({ path, message: `step "${dependency}" does not exist` });
    });
  }
  return [...issues, ...findCycles(entries, ids)];
}

function checkSequenceOnlyFields(entry: StepEntry): Issue[] {
  const step = entry.step;
  const path = `steps.${entry.index}`;
  if (!step) return [];
  if (step.type === "choice") {
    return [
      {
        path: `${path}.type`,
        message:
          "choice steps are not allowed in a DAG job (a step has depends_on); use when: or condition:",
      },
    ];
  }
  const issues: Issue[] = [];
  if ("next" in step && step.next !== undefined) {
    issues.push({
      path: `${path}.next`,
      message: "next is not allowed in a DAG job (a step has depends_on); use depends_on",
    });
  }
  if ("catch" in step && step.catch.length > 0) {
    issues.push({
      path: `${path}.catch`,
      message:
        "catch is not allowed in a DAG job (a step has depends_on); use condition: on_failure",
    });
  }
  return issues;
}

function findCycles(entries: readonly StepEntry[], ids: ReadonlyMap<string, number>): Issue[] {
  const dependencies = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.id === undefined || dependencies.has(entry.id)) continue;
    const known = (entry.step?.depends_on ?? []).filter((dep) => ids.has(dep) && dep !== entry.id);
    dependencies.set(entry.id, known);
  }
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const issues: Issue[] = [];
  const visit = (id: string): void => {
    state.set(id, "visiting");
    stack.push(id);
    for (const dependency of dependencies.get(id) ?? []) {
      const seen = state.get(dependency);
      if (seen === "visiting")
        issues.push(describeCycle(stack.slice(stack.indexOf(dependency)), ids));
      else if (seen === undefined) visit(dependency);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of dependencies.keys()) if (!state.has(id)) visit(id);
  return issues;
}

// `path` follows depends_on edges (each step depends on the next one); runs go the other way.
function describeCycle(path: string[], ids: ReadonlyMap<string, number>): Issue {
  const runOrder = [...path].reverse();
  const first = runOrder.reduce((best, id) =>
    (ids.get(id) ?? 0) < (ids.get(best) ?? 0) ? id : best,
  );
  const start = runOrder.indexOf(first);
  const rotated = [...runOrder.slice(start), ...runOrder.slice(0, start)];
  return {
    path: `steps.${ids.get(first) ?? 0}.depends_on`,
    message: `cycle: ${[...rotated, first].join(" -> ")}`,
  };
}
