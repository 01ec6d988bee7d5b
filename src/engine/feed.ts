import type { JsonObject, JsonValue } from "../core/json";
import type { CompiledStep, StepGraph } from "../definition/ir";
import { isPlainObject } from "../definition/json-schema";
import type { StepRow } from "./store/run-store";

/**
 * The input of a task without `with:`: what fed it, as the save-time check of typed steps
 * (src/definition/schema-flow.ts) assumes and as in JDTR, where each step's output is the
 * next step's input.
 * - In a DAG, its dependencies: one dependency's output as it is; several dependencies'
 *   object outputs merged in `depends_on` order (a dependency that did not succeed adds
 *   nothing).
 * - In a sequence, the output of the step it was reached from: of the steps that lead to it
 *   (`next`, a choice's targets, a `catch` route), the one that settled last.
 * - Otherwise (the first step of its graph) `start`: the run's params for the job, the item
 *   inside a map, null inside a parallel branch.
 *
 * `rows` are the rows of the step's own graph, keyed by the step's id in that graph.
 */
export function feedInput(
  graph: StepGraph,
  id: string,
  rows: ReadonlyMap<string, StepRow>,
  start: JsonValue,
): JsonValue {
  const step = graph.steps[id];
  if (!step) return start;
  if (graph.mode === "dag") return dependencyInput(step, rows, start);
  const reachedFrom = feederIds(graph, id)
    .map((other) => rows.get(other))
    .filter((row): row is StepRow => row !== undefined && settledWithOutput(row))
    .sort((a, b) => (b.finished_at ?? 0) - (a.finished_at ?? 0))[0];
  return reachedFrom ? (reachedFrom.output ?? null) : start;
}

/**
 * The steps whose rows `feedInput` reads for step `id`: its dependencies in a DAG, the steps
 * that lead to it in a sequence. None: it is fed `start`, and its graph's rows need no read.
 */
export function feederIds(graph: StepGraph, id: string): readonly string[] {
  const step = graph.steps[id];
  if (!step) return [];
  if (graph.mode === "dag") return step.depends_on;
  return Object.values(graph.steps)
    .filter((other) => leadsTo(other, id))
    .map((other) => other.id);
}

function dependencyInput(
  step: CompiledStep,
  rows: ReadonlyMap<string, StepRow>,
  start: JsonValue,
): JsonValue {
  if (step.depends_on.length === 0) return start;
  const outputs = step.depends_on
    .map((dependency) => rows.get(dependency))
    .filter((row): row is StepRow => row?.status === "succeeded")
    .map((row) => row.output ?? null);
  if (step.depends_on.length === 1) return outputs[0] ?? null;
  const merged: JsonObject = {};
  for (const output of outputs)
    if (isPlainObject(output)) Object.assign(merged, output as JsonObject);
  return merged;
}

function leadsTo(step: CompiledStep, id: string): boolean {
  if (step.next === id) return true;
  if (step.type === "choice")
    return step.default === id || step.conditions.some((condition) => condition.next === id);
  return "catch" in step && step.catch.some((route) => route.next === id);
}

/** Succeeded, or failed into a `catch` route (whose output is the error). */
function settledWithOutput(row: StepRow): boolean {
  return row.status === "succeeded" || (row.status === "failed" && row.output !== null);
}
