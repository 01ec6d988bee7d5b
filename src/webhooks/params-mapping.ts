import type { Issue } from "../core/errors";
import type { JsonObject, JsonValue } from "../core/json";
import { checkTemplate } from "../templates/check";
import { isTemplate } from "../templates/liquid";
import { renderValue } from "../templates/render";
import type { TemplateScope } from "../templates/scope";

/** What a params mapping may read besides the usual (empty) template scope. */
export interface Delivery {
  job: string;
  /** The body parsed as JSON, or its text when it is not JSON. */
  payload: JsonValue;
  /** Request headers by lower-case name, without the signature and credential headers. */
  headers: Record<string, string>;
}

/**
 * Headers a mapping never sees: credentials, and the signature headers, which change on
 * every retry of a delivery and would make a retry's params differ from the first run's.
 */
const HIDDEN_HEADERS = new Set([
  "authorization",
  "cookie",
  "webhook-signature",
  "webhook-timestamp",
  "x-hub-signature",
  "x-hub-signature-256",
]);

/** Checks every template string in a mapping; issues at `<field>.<path>` (`params.repo`). */
export function checkParamsMapping(mapping: JsonObject, field = "params"): Issue[] {
  const issues: Issue[] = [];
  collectTemplateIssues(mapping, field, issues);
  return issues;
}

function collectTemplateIssues(value: JsonValue, path: string, issues: Issue[]): void {
  if (typeof value === "string") {
    const problem = isTemplate(value) ? checkTemplate(value) : null;
    if (problem !== null) issues.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries())
      collectTemplateIssues(item, `${path}.${index}`, issues);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      collectTemplateIssues(item, `${path}.${key}`, issues);
  }
}

/**
 * Renders a mapping into a run's params, with `payload` and `headers` in scope and empty
 * `params`, `output` and `secrets` (a delivery's params are stored with the run, so no
 * secret may flow into them). Throws TemplateError.
 */
export async function renderParamsMapping(
  mapping: JsonObject,
  delivery: Delivery,
  now: number,
): Promise<JsonObject> {
  const scope: TemplateScope & Pick<Delivery, "payload" | "headers"> = {
    params: {},
    output: {},
    context: {},
    meta: {
      run_id: "",
      job: delivery.job,
      current_step: "",
      attempt: 0,
      step_retries: {},
      current_time: new Date(now).toISOString(),
    },
    secrets: {},
    payload: delivery.payload,
    headers: delivery.headers,
  };
  // renderValue keeps the shape of what it renders, so an object comes back an object.
  return (await renderValue(mapping, scope)) as JsonObject;
}

/**
 * Renders a tags mapping like a params mapping; a value that renders to a number or any
 * other non-string becomes its JSON text, since tag values are strings.
 */
export async function renderTagsMapping(
  mapping: Record<string, string>,
  delivery: Delivery,
  now: number,
): Promise<Record<string, string>> {
  const rendered = await renderParamsMapping(mapping, delivery, now);
  return Object.fromEntries(
    Object.entries(rendered).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/** The headers a mapping may read, by lower-case name. */
export function readVisibleHeaders(headers: Headers): Record<string, string> {
  const visible: Record<string, string> = {};
  for (const [name, value] of headers) if (!HIDDEN_HEADERS.has(name)) visible[name] = value;
  return visible;
}

/** The payload a mapping reads: the body as JSON when it parses, otherwise its text. */
export function readPayload(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
