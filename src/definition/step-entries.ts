/** Each raw step parsed on its own, so one bad step doesn't hide the others' problems. */
import type { Issue } from "../core/errors";
import { toIssues } from "./issues";
import { describeUnknownType, STEP_TYPES, type StepSource, StepSourceSchema } from "./step-schema";

export interface StepEntry {
  index: number;
  /** The step's id when it is a string, even if the rest of the step is invalid. */
  id: string | undefined;
  /** The validated step, when it is valid. */
  step: StepSource | undefined;
  /** Whether the raw step declares `depends_on` (which makes the job a DAG). */
  hasDependencies: boolean;
}

/** Parses every raw step; issues are located under `steps.<index>`. */
export function parseStepEntries(rawSteps: readonly unknown[]): {
  entries: StepEntry[];
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const entries = rawSteps.map((raw, index): StepEntry => {
    const record = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const result = StepSourceSchema.safeParse(raw);
    if (isUnknownType(record.type)) {
      issues.push({ path: `steps.${index}.type`, message: describeUnknownType(record.type) });
    } else if (!result.success) {
      issues.push(...toIssues(result.error.issues, ["steps", index]));
    }
    return {
      index,
      id: typeof record.id === "string" ? record.id : undefined,
      step: result.success ? result.data : undefined,
      hasDependencies: record.depends_on !== undefined,
    };
  });
  return { entries, issues };
}

// A step of an unknown type has no schema to report against; its type is the one problem.
function isUnknownType(type: unknown): type is string {
  return typeof type === "string" && !(STEP_TYPES as readonly string[]).includes(type);
}

/** Maps each id to the index of its first step; later steps with the same id are reported. */
export function indexStepIds(entries: readonly StepEntry[]): {
  ids: Map<string, number>;
  issues: Issue[];
} {
  const ids = new Map<string, number>();
  const issues: Issue[] = [];
  for (const entry of entries) {
    if (entry.id === undefined) continue;
    const first = ids.get(entry.id);
    if (first === undefined) ids.set(entry.id, entry.index);
    else
      issues.push({
        path: `steps.${entry.index}.id`,
        message: `duplicate step id "${entry.id}" (also steps.${first})`,
      });
  }
  return { ids, issues };
}
