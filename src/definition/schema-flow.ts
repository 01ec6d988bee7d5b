/**
 * Save-time check of typed steps: where a task's output feeds a task that declares an
 * `input_schema`, the producer's `output_schema` must be able to satisfy it. The check is
 * structural and conservative (it reports only what is certainly missing or conflicting):
 * types must overlap, and every `required` property of the input must be declared
 * (`required` or under `properties`) by a producer, recursively through `properties`.
 * Composite schemas (`$ref`, `allOf`, `anyOf`, ...) are not analysed.
 */
import type { Issue } from "../errors";
import { resolveNext } from "./compile-step";
import type { ActionSpec, JsonObject, JsonValue } from "./ir";
import { isPlainObject, readTypes } from "./json-schema";
import type { StepEntry } from "./step-entries";
import type { StepSource } from "./step-schema";

type TaskSource = Extract<StepSource, { type: "task" }>;

interface Producer {
  id: string;
  schema: JsonValue;
}

interface Consumer {
  id: string;
  index: number;
  schema: JsonObject;
  /** Where the input schema was declared: the step's own field or its action reference. */
  field: string;
}

const OPAQUE_KEYWORDS = ["$ref", "allOf", "anyOf", "oneOf", "not", "if", "$dynamicRef"];

/**
 * Checks each producer → consumer edge: in a sequence job a task and the step its `next`
 * resolves to; in a DAG each step and its dependencies (a property is satisfied when any
 * dependency declares it; a dependency without an `output_schema` could supply anything, so
 * missing properties are then not reported). Issues are located at the consumer's
 * `steps.N.input_schema` (or at its action when the schema is the action's).
 */
export function checkSchemaFlow(
  entries: readonly StepEntry[],
  actions: ReadonlyMap<string, ActionSpec>,
  isDag: boolean,
): Issue[] {
  const steps = entries.map((entry) => entry.step);
  if (steps.some((step) => step === undefined)) return [];
  const byId = new Map(entries.map((entry) => [entry.id ?? "", entry]));
  const issues: Issue[] = [];
  for (const entry of entries) {
    const consumer = readConsumer(entry, actions);
    if (!consumer) continue;
    const sources = isDag
      ? (entry.step?.depends_on ?? []).map((id) => byId.get(id)?.step)
      : entries.filter((other) => nextOf(other, entries) === entry.id).map((other) => other.step);
    for (const producers of groupProducers(sources, actions, isDag)) {
      const problems = compareSchemas(consumer.schema, producers.list, producers.complete, []);
      issues.push(
        ...problems.map((message) => ({
          path: `steps.${consumer.index}.${consumer.field}`,
          message: `step "${consumer.id}" ${message}`,
        })),
      );
    }
  }
  return issues;
}

function nextOf(entry: StepEntry, entries: readonly StepEntry[]): string | null {
  const step = entry.step;
  return step ? resolveNext(step, entries[entry.index + 1]?.id) : null;
}

/**
 * The producers a consumer is compared with, in groups checked separately: in a sequence
 * each predecessor on its own (any of them may hand over control); in a DAG all
 * dependencies together (the consumer sees all of their outputs).
 */
function groupProducers(
  sources: readonly (StepSource | undefined)[],
  actions: ReadonlyMap<string, ActionSpec>,
  isDag: boolean,
): { list: Producer[]; complete: boolean }[] {
  const declared = sources.map((step) => (step ? readOutputSchema(step, actions) : undefined));
  const producers = sources.flatMap((step, index) => {
    const schema = declared[index];
    return step && schema !== undefined ? [{ id: step.id, schema }] : [];
  });
  if (!isDag) return producers.map((producer) => ({ list: [producer], complete: true }));
  if (producers.length === 0) return [];
  return [{ list: producers, complete: declared.every((schema) => schema !== undefined) }];
}

function readConsumer(entry: StepEntry, actions: ReadonlyMap<string, ActionSpec>) {
  const step = entry.step;
  if (step?.type !== "task") return undefined;
  if (step.input_schema !== undefined) {
    return { id: step.id, index: entry.index, schema: step.input_schema, field: "input_schema" };
  }
  const schema = readAction(step, actions)?.input_schema;
  if (schema === undefined) return undefined;
  const field = step.http !== undefined ? "http.input_schema" : "action";
  return { id: step.id, index: entry.index, schema, field } satisfies Consumer;
}

function readOutputSchema(
  step: StepSource,
  actions: ReadonlyMap<string, ActionSpec>,
): JsonObject | undefined {
  if (step.type !== "task") return undefined;
  return step.output_schema ?? readAction(step, actions)?.output_schema;
}

function readAction(step: TaskSource, actions: ReadonlyMap<string, ActionSpec>) {
  if (step.http !== undefined) return step.http;
  return step.action === undefined ? undefined : actions.get(step.action);
}

/** Compares the consumer's schema at `path` with what the producers declare there. */
function compareSchemas(
  consumer: JsonValue,
  producers: readonly Producer[],
  complete: boolean,
  path: readonly string[],
): string[] {
  if (!isPlainObject(consumer) || producers.length === 0) return [];
  const problems: string[] = [];
  const wanted = readTypes(consumer);
  const typed = producers.filter((producer) => {
    const offered = readTypes(producer.schema);
    if (!wanted || !offered || [...offered].some((type) => wanted.has(type))) return true;
    problems.push(describeConflict(path, wanted, producer.id, offered));
    return false;
  });
  // Nothing further is known about a producer whose schema is composite or not an object.
  const open = typed.filter((producer) => !isAnalysable(producer.schema));
  const known = typed.flatMap(({ id, schema }) => (isAnalysable(schema) ? [{ id, schema }] : []));
  const required = readRequired(consumer);
  const properties = isPlainObject(consumer.properties) ? consumer.properties : {};
  const names = new Set([...required, ...Object.keys(properties)]);
  for (const name of names) {
    const holders = known.filter((producer) => declares(producer.schema, name));
    const propertyPath = [...path, name];
    if (holders.length === 0) {
      if (required.includes(name) && complete && open.length === 0 && typed.length > 0) {
        problems.push(describeMissing(propertyPath, typed));
      }
      continue;
    }
    const inner = holders.map((producer) => ({
      id: producer.id,
      schema: readProperty(producer.schema, name) ?? true,
    }));
    const isComplete = complete && open.length === 0 && holders.length === typed.length;
    problems.push(...compareSchemas(properties[name] ?? true, inner, isComplete, propertyPath));
  }
  return problems;
}

function isAnalysable(schema: JsonValue): schema is JsonObject {
  return isPlainObject(schema) && OPAQUE_KEYWORDS.every((keyword) => !(keyword in schema));
}

function readRequired(schema: JsonObject): string[] {
  const required = schema.required;
  return Array.isArray(required)
    ? required.filter((name): name is string => typeof name === "string")
    : [];
}

function declares(schema: JsonObject, name: string): boolean {
  return readRequired(schema).includes(name) || readProperty(schema, name) !== undefined;
}

function readProperty(schema: JsonObject, name: string): JsonValue | undefined {
  const properties = schema.properties;
  return isPlainObject(properties) && Object.hasOwn(properties, name)
    ? properties[name]
    : undefined;
}

function describeMissing(path: readonly string[], producers: readonly Producer[]): string {
  const names = producers.map((producer) => `"${producer.id}"`);
  const who =
    names.length === 1
      ? `step ${names[0]} does not declare in its output_schema`
      : `none of steps ${names.join(", ")} declare in their output_schema`;
  return `requires property "${path.join(".")}" that ${who}`;
}

function describeConflict(
  path: readonly string[],
  wanted: ReadonlySet<string>,
  producer: string,
  offered: ReadonlySet<string>,
): string {
  const what = path.length === 0 ? "its input" : `property "${path.join(".")}"`;
  return `expects ${what} to be ${[...wanted].join(" or ")}, but step "${producer}" declares ${[...offered].join(" or ")} in its output_schema`;
}
