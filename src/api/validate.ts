import type { Context } from "hono";
import type { z } from "zod";
import { invalid, UnsupportedMediaTypeError, ValidationError } from "../core/errors";
import { parseDocument } from "../definition";
import { toIssues } from "../definition/issues";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const YAML_TYPE = /^(?:application\/(?:[\w.+-]+\+)?|text\/)(?:x-)?yaml$/;

/**
 * Reads the request body as a JSON or YAML document, chosen by Content-Type (absent: JSON
 * when the text starts with `{` or `[`, YAML otherwise). An empty body reads as `undefined`, so the route's
 * schema decides whether a body is required. 415 for any other content type; 400, naming
 * the line, for a document that does not parse.
 */
export async function readDocument(c: Context): Promise<unknown> {
  const contentType = c.req.header("Content-Type");
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType !== "" && !JSON_TYPE.test(mediaType) && !YAML_TYPE.test(mediaType)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type ${mediaType} is not supported: send application/json or application/yaml`,
    );
  }
  const text = decodeUtf8(await c.req.arrayBuffer());
  if (text.trim() === "") return undefined;
  return parseDocument(text, contentType);
}

/**
 * The body as readDocument reads it, or `fallback` when there is none. Only an empty body
 * is absent: a JSON `null` (or YAML `~`) is a body, which the route's schema then judges.
 */
export async function readDocumentOr(c: Context, fallback: unknown): Promise<unknown> {
  const document = await readDocument(c);
  return document === undefined ? fallback : document;
}

function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid("", "the request body is not valid UTF-8");
  }
}

/**
 * Checks `value` against `schema` and returns the parsed value, or throws one
 * ValidationError naming every bad field by its dotted path (`steps.2.next`), each path
 * under `prefix` when given (for example `params`).
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.infer<S> {
  // zod drops each issue's input unless asked, and toIssues needs it to tell a missing
  // field ("is required") from one of the wrong type (a JSON null body, `"limit": "x"`).
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const base = prefix === "" ? [] : prefix.split(".");
  throw new ValidationError(toIssues(result.error.issues, base));
}

/**
 * For `PUT /<resource>/{name}`: the body's `name` may be absent (the path names it) or
 * equal to the path's; anything else is a 400 on `name`. Non-objects pass through for the
 * schema to reject.
 */
export function withPathName(source: unknown, name: string): unknown {
  if (source === null || typeof source !== "object" || Array.isArray(source)) return source;
  const written = (source as { name?: unknown }).name;
  if (written === undefined) return { ...source, name };
  if (written !== name)
    throw invalid("name", `must match the name in the path (${name}) or be absent`);
  return source;
}
