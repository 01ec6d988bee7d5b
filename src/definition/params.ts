/**
 * A job's `params` is a JSON Schema (draft 2020-12) for a run's input. It is checked for
 * usability when the job is saved, and each run's params are validated against it.
 */
import { Validator } from "@cfworker/json-schema";
import type { Issue } from "../errors";
import type { JsonObject } from "./ir";

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
 * Validates a run's params against the job's schema. No schema: anything that is a JSON
 * object passes. Issues are located under `params` (`params.ticket_id`).
 */
export function validateParams(schema: JsonObject | undefined, params: unknown): Issue[] {
  if (schema === undefined) {
    return isPlainObject(params) ? [] : [{ path: "params", message: "must be an object" }];
  }
  let result: ReturnType<Validator["validate"]>;
  try {
    result = new Validator(schema, "2020-12", false).validate(params);
  } catch (error) {
    // Saved schemas are checked by checkParamsSchema; this guards schemas saved before a check existed.
    return [
      { path: "params", message: `the job's params schema is unusable: ${describeError(error)}` },
    ];
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
    path: toParamsPath(error.instanceLocation),
    message: error.error,
  }));
}

/**
 * Checks at save time that a params schema is usable: an object schema (`type`, when given,
 * is or includes "object"), well-formed keywords (types, `required`, patterns) in every
 * subschema, and references that resolve. Issues are located under `params`.
 */
export function checkParamsSchema(schema: unknown): Issue[] {
  if (!isPlainObject(schema)) return [{ path: "params", message: "must be a JSON Schema object" }];
  const type = schema.type;
  const issues = [...checkSubschema(schema, "params"), ...checkReferences(schema)];
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
  if (issues.length > 0) return issues;
  try {
    new Validator(schema as JsonObject, "2020-12", false).validate({});
    return [];
  } catch (error) {
    return [{ path: "params", message: `unusable schema: ${describeError(error)}` }];
  }
}

/**
 * Every `$ref` must point inside the schema (`#/$defs/x`, `#anchor`): the validator fetches
 * nothing, and an unresolved reference would otherwise only fail when a run starts.
 */
function checkReferences(root: Record<string, unknown>): Issue[] {
  const anchors = new Set<string>();
  const refs: { path: string; ref: string }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, `${path}.${index}`);
      });
    }
    if (!isPlainObject(node)) return;
    if (typeof node.$anchor === "string") anchors.add(node.$anchor);
    if (typeof node.$ref === "string") refs.push({ path: `${path}.$ref`, ref: node.$ref });
    for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
  };
  walk(root, "params");
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
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isPlainObject(node)) node = node[key];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? message).trim();
}

function checkSubschema(schema: unknown, path: string): Issue[] {
  if (typeof schema === "boolean") return [];
  if (!isPlainObject(schema))
    return [{ path, message: "must be a schema (an object or a boolean)" }];
  const issues = checkKeywords(schema, path);
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (map === undefined) continue;
    if (!isPlainObject(map))
      issues.push({ path: `${path}.${keyword}`, message: "must be an object" });
    else
      for (const [key, sub] of Object.entries(map))
        issues.push(...checkSubschema(sub, `${path}.${keyword}.${key}`));
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (schema[keyword] !== undefined)
      issues.push(...checkSubschema(schema[keyword], `${path}.${keyword}`));
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      issues.push({ path: `${path}.${keyword}`, message: "must be an array of schemas" });
    else
      list.forEach((sub, index) => {
        issues.push(...checkSubschema(sub, `${path}.${keyword}.${index}`));
      });
  }
  return issues;
}

function checkKeywords(schema: Record<string, unknown>, path: string): Issue[] {
  const issues: Issue[] = [];
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? []
      : [schema.type];
  if (!types.every((type) => typeof type === "string" && INSTANCE_TYPES.has(type))) {
    issues.push({
      path: `${path}.type`,
      message: `must be one of ${[...INSTANCE_TYPES].join(", ")}`,
    });
  }
  const required = schema.required;
  if (
    required !== undefined &&
    !(Array.isArray(required) && required.every((key) => typeof key === "string"))
  ) {
    issues.push({ path: `${path}.required`, message: "must be an array of property names" });
  }
  if (schema.pattern !== undefined && !isRegExp(schema.pattern)) {
    issues.push({ path: `${path}.pattern`, message: "must be a valid regular expression" });
  }
  return issues;
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

function toParamsPath(instanceLocation: string): string {
  const parts = instanceLocation
    .replace(/^#\/?/, "")
    .split("/")
    .filter((part) => part !== "")
    .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"));
  return ["params", ...parts].join(".");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
