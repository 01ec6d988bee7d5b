import { parseDocument as parseYamlDocument } from "yaml";
import { ValidationError } from "../core/errors";
import { findJsonErrorOffset, toLineColumn } from "./json-position";

/** Most YAML aliases one document may use: a guard against "billion laughs" expansion. */
export const YAML_MAX_ALIAS_COUNT = 100;

/** Deepest nesting of objects and arrays accepted: validators and templates recurse. */
export const MAX_DOCUMENT_DEPTH = 64;

const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml"]);

/**
 * Parses a request body holding a definition into a plain value.
 *
 * JSON for `application/json` (and `+json` types); YAML for `application/yaml`,
 * `application/x-yaml` and `text/yaml`. For any other or no content type (curl sends
 * form-urlencoded by default) the text is sniffed: JSON when it starts with `{` or `[`,
 * YAML otherwise. YAML uses the 1.2 core schema: no custom tags, unique keys, aliases capped
 * at YAML_MAX_ALIAS_COUNT. Malformed input throws a ValidationError (path "") naming the
 * line and column, and so does nesting deeper than MAX_DOCUMENT_DEPTH.
 */
export function parseDocument(text: string, contentType: string | undefined): unknown {
  const value = chooseFormat(text, contentType) === "json" ? parseJson(text) : parseYaml(text);
  if (measureDepth(value) > MAX_DOCUMENT_DEPTH) {
    throw new ValidationError([
      { path: "", message: `objects and arrays nest deeper than ${MAX_DOCUMENT_DEPTH} levels` },
    ]);
  }
  return value;
}

// Iterative on purpose: the point is to refuse input too deep for recursive code.
function measureDepth(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 0]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [value, depth] = item;
    if (typeof value !== "object" || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DOCUMENT_DEPTH) return deepest;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function chooseFormat(text: string, contentType: string | undefined): "json" | "yaml" {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || mediaType.endsWith("+json")) return "json";
  if (YAML_TYPES.has(mediaType) || mediaType.endsWith("+yaml")) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = findJsonErrorOffset(text) ?? 0;
    const { line, column } = toLineColumn(text, offset);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([
      { path: "", message: `invalid JSON at line ${line}, column ${column}: ${reason}` },
    ]);
  }
}

function parseYaml(text: string): unknown {
  let document: ReturnType<typeof parseYamlDocument>;
  try {
    document = parseYamlDocument(text, {
      schema: "core",
      uniqueKeys: true,
      strict: true,
      prettyErrors: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: "", message: `invalid YAML: ${firstLine(reason)}` }]);
  }
  // An unknown tag is only a warning in `yaml`; here it is an error, so no tag is ever trusted.
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const position = problem.linePos?.[0];
    const where = position ? ` at line ${position.line}, column ${position.col}` : "";
    throw new ValidationError([
      { path: "", message: `invalid YAML${where}: ${firstLine(problem.message)}` },
    ]);
  }
  try {
    return document.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: "", message: `invalid YAML: ${firstLine(reason)}` }]);
  }
}

// With prettyErrors, `yaml` appends " at line L, column C:" and a code frame; keep the reason.
function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
