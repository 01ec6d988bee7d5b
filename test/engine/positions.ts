/**
 * The positions a step can be placed in (DESIGN.md, "Composition"): the top of a job, a
 * parallel branch, a map body, a parallel inside a map body. Each wraps a list of steps and
 * unwraps the run's output back to the output of their graph.
 */
import type { JsonValue } from "../../src/core/json";

export type Steps = Record<string, unknown>[];

/** Where a row's steps are placed, and how the run's output reaches their graph's output. */
export interface Position {
  name: string;
  /** Prefix of the instances of the placed steps (`each/0/fan/0/`). */
  prefix: string;
  inMap: boolean;
  place(steps: Steps): Steps;
  unwrap(output: JsonValue): JsonValue;
}

const first = (output: JsonValue): JsonValue =>
  Array.isArray(output) ? (output[0] ?? null) : null;
const sibling = [{ id: "sibling", type: "pass", output: "other branch" }];
const map = (steps: Steps) => ({ id: "each", type: "map", items: "{{ params.items }}", steps });
const parallel = (steps: Steps) => ({ id: "fan", type: "parallel", branches: [steps, sibling] });

export const POSITIONS: Position[] = [
  { name: "at the top", prefix: "", inMap: false, place: (s) => s, unwrap: (o) => o },
  {
    name: "in a parallel branch",
    prefix: "fan/0/",
    inMap: false,
    place: (s) => [parallel(s)],
    unwrap: first,
  },
  { name: "in a map body", prefix: "each/0/", inMap: true, place: (s) => [map(s)], unwrap: first },
  {
    name: "in a parallel inside a map",
    prefix: "each/0/fan/0/",
    inMap: true,
    place: (s) => [map([parallel(s)])],
    unwrap: (o) => first(first(o)),
  },
];
