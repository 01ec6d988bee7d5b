/**
 * A job's `params` is a JSON Schema (draft 2020-12) for a run's input. It is checked for
 * usability when the job is saved, and each run's params are validated against it.
 */
import type { Issue } from "../core/errors";
import type { JsonObject } from "../core/json";
import { joinPath } from "./issues";
import { findSchemaProblems, findValueProblems, isPlainObject } from "./json-schema";

/**
 * Validates a run's params against the job's schema. No schema: anything that is a JSON
 * object passes. Issues are located under `params` (`params.ticket_id`).
 */
export function validateParams(schema: JsonObject | undefined, params: unknown): Issue[] {
  if (schema === undefined) {
    return isPlainObject(params) ? [] : [{ path: "params", message: "must be an object" }];
  }
  return findValueProblems(schema, params, "the job's params schema").map((problem) => ({
    path: joinPath(["params", ...problem.path]),
    message: problem.message,
  }));
}

/**
 * Checks at save time that a params schema is usable (see findSchemaProblems) and is an
 * object schema: `type`, when given, is or includes "object". Issues are located under `params`.
 */
export function checkParamsSchema(schema: unknown): Issue[] {
  const issues = findSchemaProblems(schema).map((problem) => ({
    path: joinPath(["params", ...problem.path]),
    message: problem.message,
  }));
  if (!isPlainObject(schema)) return issues;
  const type = schema.type;
  if (
    type !== undefined &&
    type !== "object" &&
    !(Array.isArray(type) && type.includes("object"))
  ) {
    issues.push({
      path: "params.type",
      message: 'params are an object, so the schema\'s type must be "object"',
    });
  }
  return issues;
}
