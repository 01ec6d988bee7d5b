import type { JsonValue } from "../core/json";
import { isTemplate, liquid } from "./liquid";
import type { TemplateScope } from "./scope";
import { TemplateError, toTemplateError } from "./template-error";

export { TemplateError };

/**
 * A string that is exactly one `{{ expr }}` (filters allowed, whitespace inside the braces
 * allowed, `{{-`/`-}}` too). Its expression must not contain another tag delimiter, so
 * `{{ a }} and {{ b }}` is not a single expression.
 */
const SINGLE_EXPRESSION = /^\{\{-?\s*((?:(?!\{\{|\}\}|\{%|%\}).)+?)\s*-?\}\}$/s;

/**
 * Deep-renders every string in `value` (object keys are left untouched). A string that is
 * exactly one `{{ expr }}` keeps the JSON type of its value (a number stays a number, an
 * object an object; undefined becomes null); any other template renders to a string; a
 * string without Liquid markup is returned as is. `undefined` stays `undefined`.
 * Throws TemplateError on unknown filters, syntax errors or exceeded limits (a fault in
 * reading a lazy scope is thrown as it is).
 */
export async function renderValue(
  value: JsonValue | undefined,
  scope: TemplateScope,
): Promise<JsonValue | undefined> {
  if (value === undefined || value === null) return value;
  if (typeof value === "string") return renderTemplateString(value, scope);
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) items.push((await renderValue(item, scope)) ?? null);
    return items;
  }
  if (typeof value === "object") {
    const rendered: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value))
      rendered[key] = (await renderValue(item, scope)) ?? null;
    return rendered;
  }
  return value;
}

/** Whether any string in `value` holds Liquid markup: if none, rendering returns it as is. */
export function holdsTemplate(value: JsonValue | undefined): boolean {
  if (typeof value === "string") return isTemplate(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsTemplate);
  return false;
}

/** Renders a template to a string (a non-template string is returned as is). Throws TemplateError. */
export async function renderString(template: string, scope: TemplateScope): Promise<string> {
  if (!isTemplate(template)) return template;
  const context = scopeObject(scope);
  try {
    return String(await liquid.parseAndRender(template, context));
  } catch (error) {
    throw toTemplateError(error, template);
  }
}

/**
 * Evaluates a bare Liquid condition (`output.x.count > 3 and params.force`) with Liquid
 * truthiness: only `false`, `nil` (and missing values) are false. Throws TemplateError.
 */
export async function evaluateCondition(
  expression: string,
  scope: TemplateScope,
): Promise<boolean> {
  // The expression is spliced into a tag, so markup inside it could smuggle in other tags.
  if (/\{\{|\}\}|\{%|%\}/.test(expression)) {
    throw new TemplateError(
      `a condition is a bare expression, without {{ }} or {% %}: ${expression}`,
    );
  }
  const template = `{% if ${expression} %}true{% else %}false{% endif %}`;
  const context = scopeObject(scope);
  try {
    return (await liquid.parseAndRender(template, context)) === "true";
  } catch (error) {
    throw toTemplateError(error, expression);
  }
}

async function renderTemplateString(template: string, scope: TemplateScope): Promise<JsonValue> {
  const single = SINGLE_EXPRESSION.exec(template);
  if (!single?.[1]) return renderString(template, scope);
  const context = scopeObject(scope);
  try {
    return toJsonValue(await liquid.evalValue(single[1], context));
  } catch (error) {
    throw toTemplateError(error, template);
  }
}

/**
 * The scope as liquidjs reads it: a plain object holding only the names templates may see.
 * Each render reads it before its `try`: a lazy scope reads the run's rows here, and a fault
 * in that read is thrown as it is, never as a TemplateError, the definition's fault, which is
 * not retried. (A lazy scope is only built for an action whose fields hold no template,
 * src/actions/execute.ts `readsScope`, so no render reads one today; this keeps a template
 * `readsScope` missed from turning a storage fault into the definition's.)
 */
function scopeObject(scope: TemplateScope): object {
  return { ...scope };
}

/**
 * Turns what liquidjs evaluated into JSON: undefined and non-finite numbers become null,
 * anything that is not plain data (a Drop, a function) becomes its string form.
 */
function toJsonValue(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) result[key] = toJsonValue(item);
    return result;
  }
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
