/**
 * Typed steps at run time: a task's input and output checked against the JSON Schemas it
 * (or its action) declares. The engine calls these; they are pure.
 */

import type { JsonObject, JsonValue } from "../core/json";
import type { ActionSpec, TaskStep } from "./ir";
import { joinPath } from "./issues";
import { findValueProblems } from "./json-schema";

/**
 * Validates a step's output. Returns null when it is valid, else one line naming the first
 * failing instance path: `output.items.0.id: Instance type "number" is invalid. Expected "string".`
 */
export function validateOutput(schema: JsonObject, value: JsonValue): string | null {
  return describeFirstProblem(schema, value, "output");
}

/** Validates a step's input (its rendered `with:`) the same way, with paths under `input`. */
export function validateInput(schema: JsonObject, value: JsonValue): string | null {
  return describeFirstProblem(schema, value, "input");
}

/** The schemas that apply to a task: the step's own, else its action's (absent: unchecked). */
export function resolveStepSchemas(
  step: TaskStep,
  action: ActionSpec,
): { input_schema?: JsonObject; output_schema?: JsonObject } {
  const input = step.input_schema ?? action.input_schema;
  const output = step.output_schema ?? action.output_schema;
  return {
    ...(input === undefined ? {} : { input_schema: input }),
    ...(output === undefined ? {} : { output_schema: output }),
  };
}

function describeFirstProblem(schema: JsonObject, value: JsonValue, root: string): string | null {
  const [first] = findValueProblems(schema, value, `the ${root}_schema`);
  if (!first) return null;
  return `${joinPath([root, ...first.path])}: ${first.message}`;
}
