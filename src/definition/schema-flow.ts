/**
 * Save-time check of typed steps: where a task's output feeds a task that declares an
 * `input_schema`, the producer's `output_schema` must be able to satisfy it (compared by
 * schema-compare.ts). What feeds a task:
 * - without `with:`, its neighbours: in a sequence job the steps whose `next` it is, in a DAG
 *   its dependencies (together);
 * - with `with:`, the `with:` itself (a task's input is its rendered `with:`): an object
 *   must set every required property, and a value that is exactly `{{ output.<step>... }}`
 *   is compared with that step's output_schema. Other templates are not analysed.
 */
import type { Issue } from "../core/errors";
import type { JsonObject, JsonValue } from "../core/json";
import { resolveNext } from "./compile-step";
import type { ActionSpec } from "./ir";
import { isPlainObject } from "./json-schema";
import { compareSchemas, type Producer, readRequired, readSchemaAt } from "./schema-compare";
import type { StepEntry } from "./step-entries";
import type { StepSource } from "./step-schema";

type TaskSource = Extract<StepSource, { type: "task" }>;
type Actions = ReadonlyMap<string, ActionSpec>;

interface Consumer {
  step: TaskSource;
  index: number;
  schema: JsonObject;
  /** Where the input schema was declared: the step's own field or its action reference. */
  field: string;
}

/** `{{ output.fetch.user }}` as a whole value: the step or save_as name, then the path. */
const OUTPUT_REFERENCE = /^\{\{\s*output\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_]\w*)*)\s*\}\}$/;

/**
 * Checks every task with an input schema (its own, else its action's) against what feeds
 * it. Neighbour problems are located at `steps.N.input_schema` (or the action reference
 * when the schema is the action's); `with:` problems at `steps.N.with...`. Returns nothing
 * unless every step is valid, so it runs on a complete graph.
 */
export function checkSchemaFlow(
  entries: readonly StepEntry[],
  actions: Actions,
  isDag: boolean,
): Issue[] {
  if (entries.some((entry) => entry.step === undefined)) return [];
  const issues: Issue[] = [];
  for (const entry of entries) {
    const consumer = readConsumer(entry, actions);
    if (!consumer) continue;
    issues.push(
      ...(consumer.step.with === undefined
        ? checkNeighbours(consumer, entries, actions, isDag)
        : checkWith(consumer, consumer.step.with, entries, actions)),
    );
  }
  return issues;
}

function checkNeighbours(
  consumer: Consumer,
  entries: readonly StepEntry[],
  actions: Actions,
  isDag: boolean,
): Issue[] {
  const { step } = consumer;
  const sources = isDag
    ? step.depends_on?.map((id) => entries.find((entry) => entry.id === id)?.step)
    : entries.filter((other) => nextOf(other, entries) === step.id).map((other) => other.step);
  const declared = (sources ?? []).map((source) => {
    const schema = source ? readOutputSchema(source, actions) : undefined;
    return source && schema ? { id: source.id, schema } : undefined;
  });
  const producers = declared.filter((producer) => producer !== undefined);
  // A sequence step is reached from one predecessor at a time; a DAG step sees all its dependencies.
  const groups = isDag
    ? [{ list: producers, complete: declared.every((producer) => producer !== undefined) }]
    : producers.map((producer) => ({ list: [producer], complete: true }));
  const path = `steps.${consumer.index}.${consumer.field}`;
  return groups.flatMap(({ list, complete }) =>
    compareSchemas(consumer.schema, list, complete).map((message) => ({
      path,
      message: `step "${step.id}" ${message}`,
    })),
  );
}

function checkWith(
  consumer: Consumer,
  value: JsonValue,
  entries: readonly StepEntry[],
  actions: Actions,
): Issue[] {
  const base = `steps.${consumer.index}.with`;
  const name = consumer.step.id;
  if (typeof value === "string") {
    return compareReference(consumer.schema, value, entries, actions).map((message) => ({
      path: base,
      message: `step "${name}" ${message}`,
    }));
  }
  if (!isPlainObject(value)) return [];
  const issues = readRequired(consumer.schema)
    .filter((key) => !Object.hasOwn(value, key))
    .map((key) => ({
      path: base,
      message: `step "${name}" requires input property "${key}" that its with: does not set`,
    }));
  const properties = isPlainObject(consumer.schema.properties) ? consumer.schema.properties : {};
  for (const [key, item] of Object.entries(value)) {
    const wanted = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (wanted === undefined || typeof item !== "string") continue;
    for (const message of compareReference(wanted, item, entries, actions, [key])) {
      issues.push({ path: `${base}.${key}`, message: `step "${name}" ${message}` });
    }
  }
  return issues;
}

/** Compares `wanted` with the output a whole-value `{{ output.x.y }}` template reads. */
function compareReference(
  wanted: JsonValue,
  template: string,
  entries: readonly StepEntry[],
  actions: Actions,
  path: string[] = [],
): string[] {
  const match = OUTPUT_REFERENCE.exec(template);
  if (!match?.[1]) return [];
  const producer = findProducer(match[1], entries, actions);
  const schema = producer && readSchemaAt(producer.schema, (match[2] ?? "").split(".").slice(1));
  if (!producer || schema === undefined) return [];
  const where = ` (${["with", ...path].join(".")} is ${template.replace(/^\{\{\s*|\s*\}\}$/g, "")})`;
  return compareSchemas(wanted, [{ id: producer.id, schema }], true, path).map(
    (message) => `${message}${where}`,
  );
}

/** The step whose output `output.<name>` holds (its id or save_as), with its output_schema. */
function findProducer(
  name: string,
  entries: readonly StepEntry[],
  actions: Actions,
): Producer | undefined {
  for (const { step } of entries) {
    if (step?.type !== "task") continue;
    const saveAs = step.save_as ?? readAction(step, actions)?.save_as;
    if (step.id !== name && saveAs !== name) continue;
    const schema = readOutputSchema(step, actions);
    return schema ? { id: step.id, schema } : undefined;
  }
  return undefined;
}

function nextOf(entry: StepEntry, entries: readonly StepEntry[]): string | null {
  return entry.step ? resolveNext(entry.step, entries[entry.index + 1]?.id) : null;
}

function readConsumer(entry: StepEntry, actions: Actions): Consumer | undefined {
  const step = entry.step;
  if (step?.type !== "task") return undefined;
  if (step.input_schema !== undefined) {
    return { step, index: entry.index, schema: step.input_schema, field: "input_schema" };
  }
  const schema = readAction(step, actions)?.input_schema;
  if (schema === undefined) return undefined;
  return { step, index: entry.index, schema, field: step.http ? "http.input_schema" : "action" };
}

function readOutputSchema(step: StepSource, actions: Actions): JsonObject | undefined {
  if (step.type !== "task") return undefined;
  return step.output_schema ?? readAction(step, actions)?.output_schema;
}

function readAction(step: TaskSource, actions: Actions): ActionSpec | undefined {
  if (step.http !== undefined) return step.http;
  return step.action === undefined ? undefined : actions.get(step.action);
}
