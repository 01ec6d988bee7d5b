import type { z } from "zod";
import type { Issue } from "../core/errors";

type PathPart = PropertyKey;

/** Joins path parts the way every Issue spells them: `steps.2.next`. */
export function joinPath(parts: readonly PathPart[]): string {
  return parts.map((part) => String(part)).join(".");
}

/**
 * Converts zod issues into Issues, located under `prefix`. An unknown field becomes one
 * issue per field, at the field's own path, so the message can name it.
 */
export function toIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathPart[] = [],
): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: joinPath([...path, key]),
        message: `unknown field "${key}"`,
      }));
    }
    return [{ path: joinPath(path), message: describeIssue(issue) }];
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && "options" in issue && Array.isArray(issue.options)) {
    return `must be one of ${issue.options.map(String).join(", ")}`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}
