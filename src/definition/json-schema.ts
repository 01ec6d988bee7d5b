/**
 * JSON Schema (draft 2020-12) as Cairn uses it for params and for steps' input and output:
 * a usability check when a definition is saved, and validation of values when a run goes.
 */
import { Validator } from "@cfworker/json-schema";
import type { JsonObject, JsonValue } from "../core/json";

/** A problem located by path parts relative to the schema or value checked. */
export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

const INSTANCE_TYPES = new Set([
  "array",
  "boolean",
  "integer",
  "null",
  "number",
  "object",
  "string",
]);
const SCHEMA_MAP_KEYWORDS = [
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
];
const SCHEMA_KEYWORDS = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
];
const SCHEMA_LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems"];
// Keywords whose own error only says "a subschema failed"; the subschema's error is the useful one.
const WRAPPER_KEYWORDS = new Set([
  "properties",
  "patternProperties",
  "items",
  "prefixItems",
  "allOf",
  "$ref",
  "then",
  "else",
  "dependentSchemas",
]);

/**
 * Checks that a schema is usable: an object, well-formed keywords (types, `required`,
 * patterns) in every subschema, references that resolve inside it (the validator fetches
 * nothing), and a validator that accepts it. Catching this at save time means a run never
 * fails on a schema the author could have fixed.
 */
export function findSchemaProblems(schema: unknown): SchemaProblem[] {
  if (!isPlainObject(schema)) return [{ path: [], message: "must be a JSON Schema object" }];
  const problems = [...checkSubschema(schema, []), ...checkReferences(schema)];
  if (problems.length > 0) return problems;
  try {
    new Validator(schema as JsonObject, "2020-12", false).validate({});
    return [];
  } catch (error) {
    return [{ path: [], message: `unusable schema: ${describeError(error)}` }];
  }
}

/**
 * Validates a value against a schema, returning each leaf problem at the instance path
 * (wrapper errors such as "a property failed" are dropped in favour of the property's own).
 * A schema the validator refuses gives one problem at the root, naming it by `schemaName`,
 * rather than throwing: schemas saved before a check existed must not crash a run.
 */
export function findValueProblems(
  schema: JsonObject,
  value: unknown,
  schemaName = "the schema",
): SchemaProblem[] {
  let result: ReturnType<Validator["validate"]>;
  try {
    result = new Validator(schema, "2020-12", false).validate(value);
  } catch (error) {
    return [{ path: [], message: `${schemaName} is unusable: ${describeError(error)}` }];
  }
  if (result.valid) return [];
  const useful = result.errors.filter(
    (error) =>
      !WRAPPER_KEYWORDS.has(error.keyword) ||
      !result.errors.some(
        (other) => other !== error && other.keywordLocation.startsWith(`${error.keywordLocation}/`),
      ),
  );
  return useful.map((error) => ({
    path: toInstancePath(error.instanceLocation),
    message: error.error,
  }));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The type names a schema allows (`integer` counts as a `number`), or null for any. */
export function readTypes(schema: JsonValue | undefined): Set<string> | null {
  if (!isPlainObject(schema)) return null;
  const type = schema.type;
  const names = Array.isArray(type) ? type : typeof type === "string" ? [type] : null;
  if (names === null) return null;
  return new Set(names.map((name) => (name === "integer" ? "number" : String(name))));
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? message).trim();
}

function checkReferences(root: Record<string, unknown>): SchemaProblem[] {
  const anchors = new Set<string>();
  const refs: { path: (string | number)[]; ref: string }[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    }
    if (!isPlainObject(node)) return;
    if (typeof node.$anchor === "string") anchors.add(node.$anchor);
    if (typeof node.$ref === "string") refs.push({ path: [...path, "$ref"], ref: node.$ref });
    for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  walk(root, []);
  return refs
    .filter(({ ref }) => !resolvesLocally(root, ref, anchors))
    .map(({ path, ref }) => ({
      path,
      message: `reference "${ref}" does not resolve inside the schema`,
    }));
}

function resolvesLocally(root: unknown, ref: string, anchors: ReadonlySet<string>): boolean {
  if (!ref.startsWith("#")) return false;
  if (ref === "#") return true;
  if (!ref.startsWith("#/")) return anchors.has(ref.slice(1));
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodePointerPart(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isPlainObject(node)) node = node[key];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

function checkSubschema(schema: unknown, path: (string | number)[]): SchemaProblem[] {
  if (typeof schema === "boolean") return [];
  if (!isPlainObject(schema))
    return [{ path, message: "must be a schema (an object or a boolean)" }];
  const problems = checkKeywords(schema, path);
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (map === undefined) continue;
    if (!isPlainObject(map))
      problems.push({ path: [...path, keyword], message: "must be an object" });
    else
      for (const [key, sub] of Object.entries(map))
        problems.push(...checkSubschema(sub, [...path, keyword, key]));
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (schema[keyword] !== undefined)
      problems.push(...checkSubschema(schema[keyword], [...path, keyword]));
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      problems.push({ path: [...path, keyword], message: "must be an array of schemas" });
    else
      list.forEach((sub, index) => {
        problems.push(...checkSubschema(sub, [...path, keyword, index]));
      });
  }
  return problems;
}

function checkKeywords(
  schema: Record<string, unknown>,
  path: (string | number)[],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? []
      : [schema.type];
  if (!types.every((type) => typeof type === "string" && INSTANCE_TYPES.has(type))) {
    problems.push({
      path: [...path, "type"],
      message: `must be one of ${[...INSTANCE_TYPES].join(", ")}`,
    });
  }
  const required = schema.required;
  if (
    required !== undefined &&
    !(Array.isArray(required) && required.every((key) => typeof key === "string"))
  ) {
    problems.push({ path: [...path, "required"], message: "must be an array of property names" });
  }
  if (schema.pattern !== undefined && !isRegExp(schema.pattern)) {
    problems.push({ path: [...path, "pattern"], message: "must be a valid regular expression" });
  }
  return problems;
}

function isRegExp(pattern: unknown): boolean {
  if (typeof pattern !== "string") return false;
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function toInstancePath(instanceLocation: string): string[] {
  return instanceLocation
    .replace(/^#\/?/, "")
    .split("/")
    .filter((part) => part !== "")
    .map(decodePointerPart);
}

function decodePointerPart(part: string): string {
  return decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
}
