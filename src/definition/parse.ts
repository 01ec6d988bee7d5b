import { parseDocument as parseYamlDocument } from "yaml";
import { ValidationError } from "../errors";
import { findJsonErrorOffset, toLineColumn } from "./json-position";

/** Most YAML aliases one document may use: a guard against "billion laughs" expansion. */
export const YAML_MAX_ALIAS_COUNT = 100;

const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml"]);

/**
 * Parses a request body holding a definition into a plain value.
 *
 * JSON for `application/json` (and `+json` types); YAML for `application/yaml`,
 * `application/x-yaml` and `text/yaml`. For any other or no content type (curl sends
 * form-urlencoded by default) the text is sniffed: JSON when it starts with `{` or `[`,
 * YAML otherwise. YAML uses the 1.2 core schema: no custom tags, unique keys, aliases capped
 * at YAML_MAX_ALIAS_COUNT. Malformed input throws a ValidationError (path "") naming the
 * line and column.
 */
export function parseDocument(text: string, contentType: string | undefined): unknown {
  return chooseFormat(text, contentType) === "json" ? parseJson(text) : parseYaml(text);
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
  const document = parseYamlDocument(text, {
    schema: "core",
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
  });
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
