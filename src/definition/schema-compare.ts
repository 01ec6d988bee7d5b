/**
 * Structural comparison of JSON Schemas, for the save-time check of typed steps. It is
 * conservative: it reports only what is certainly missing or conflicting. Types must overlap,
 * and every `required` property of the consumer must be declared (`required` or under
 * `properties`) by a producer, recursively through `properties`. Composite producer schemas
 * (`$ref`, `allOf`, `anyOf`, ...) are not analysed.
 */
import type { JsonObject, JsonValue } from "../core/json";
import { isPlainObject, readTypes } from "./json-schema";

/** A step's output schema, or the part of it at some property path. */
export interface Producer {
  id: string;
  schema: JsonValue;
}

const OPAQUE_KEYWORDS = ["$ref", "allOf", "anyOf", "oneOf", "not", "if", "$dynamicRef"];

/**
 * Compares what a consumer expects at `path` with what the producers declare there. The
 * consumer sees all the producers' outputs together: a property is satisfied when any of
 * them declares it. `complete` says the producers describe everything the consumer can
 * receive; when false (a dependency without an output_schema) nothing is reported missing.
 * Returns messages that read after the consumer's name (`requires property "id" that ...`).
 */
export function compareSchemas(
  consumer: JsonValue,
  producers: readonly Producer[],
  complete: boolean,
  path: readonly string[] = [],
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
  const known = typed.flatMap(({ id, schema }) => (isAnalysable(schema) ? [{ id, schema }] : []));
  const isKnown = complete && known.length === typed.length && typed.length > 0;
  const required = readRequired(consumer);
  const properties = isPlainObject(consumer.properties) ? consumer.properties : {};
  for (const name of new Set([...required, ...Object.keys(properties)])) {
    const holders = known.filter((producer) => declares(producer.schema, name));
    const propertyPath = [...path, name];
    if (holders.length === 0) {
      if (required.includes(name) && isKnown) problems.push(describeMissing(propertyPath, typed));
      continue;
    }
    const inner = holders.map((producer) => ({
      id: producer.id,
      schema: readProperty(producer.schema, name) ?? true,
    }));
    const isComplete = isKnown && holders.length === typed.length;
    problems.push(...compareSchemas(properties[name] ?? true, inner, isComplete, propertyPath));
  }
  return problems;
}

/** The part of a schema at a property path, when plain `properties` lead there. */
export function readSchemaAt(schema: JsonValue, path: readonly string[]): JsonValue | undefined {
  let node: JsonValue | undefined = schema;
  for (const name of path) {
    if (node === undefined || !isAnalysable(node)) return undefined;
    node = readProperty(node, name);
  }
  return node;
}

/** The `required` property names of a schema. */
export function readRequired(schema: JsonObject): string[] {
  const required = schema.required;
  return Array.isArray(required)
    ? required.filter((name): name is string => typeof name === "string")
    : [];
}

function isAnalysable(schema: JsonValue): schema is JsonObject {
  return isPlainObject(schema) && OPAQUE_KEYWORDS.every((keyword) => !(keyword in schema));
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
