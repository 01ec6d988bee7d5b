/**
 * The HTTP exchange shared by `http` and `worker` actions: build the request from a rendered
 * spec, send it (following redirects when allowed, each one re-checked), read the response
 * under a size cap and classify it into an output or a StepError.
 */

import type { JsonObject, JsonValue } from "../core/json";
import { type StepError, stepError } from "../core/step-error";
import type { HttpMethod } from "../definition/ir";
import { renderString, renderValue, TemplateError } from "../templates/render";
import type { TemplateScope } from "../templates/scope";

/** Responses larger than this fail with `response_too_large`; the body is streamed and cut early. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Redirects followed per attempt before the call fails. */
export const MAX_REDIRECTS = 5;
const SNIPPET_CHARS = 200;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The request headers a redirect to another origin keeps: content negotiation and the
 * idempotency key. Anything else (credentials under any name: `Authorization`, `Cookie`,
 * `X-Api-Key`, a vendor's token header) was meant for the first origin only.
 */
const CROSS_ORIGIN_HEADERS = new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "content-language",
  "content-type",
  "idempotency-key",
  "user-agent",
]);

/**
 * Response headers `output: "response"` never keeps: they carry credentials (a session a
 * target sets, a token it echoes) that would otherwise be stored in the run and shown.
 */
const CREDENTIAL_HEADER =
  /(?:^|-)(?:cookie2?|authorization|authenticat\w*|auth|token|secret|session|password|api-?key|credentials?)(?:$|-)/;

/** The request-shaped part of `http` and `worker` specs. */
export interface RequestSpec {
  method: HttpMethod;
  headers: Record<string, string>;
  query: Record<string, string>;
  body?: JsonValue;
  output: "body" | "response";
}

export interface PreparedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

export interface Transport {
  send(request: Request): Promise<Response>;
  /** Null when a redirect to `url` may be followed; else why not. Absent: redirects are not followed. */
  checkRedirect?: (url: string) => string | null;
}

export type ExchangeResult =
  | { ok: true; output: JsonValue; status: number; url: URL; method: string }
  | { ok: false; error: StepError; status?: number; url?: URL; method?: string };

/**
 * Renders headers, query and body of `spec` and joins them to `baseUrl`. A JSON body
 * (object, array, number, boolean) is sent as JSON with `Content-Type: application/json`
 * unless a content type is given; a string body is sent as is; GET and HEAD send no body.
 * `Idempotency-Key` is always set, replacing any given one.
 */
export async function prepareRequest(
  spec: RequestSpec,
  baseUrl: string,
  scope: TemplateScope,
  idempotencyKey: string,
): Promise<PreparedRequest> {
  const url = new URL(baseUrl);
  for (const [name, template] of Object.entries(spec.query)) {
    url.searchParams.append(name, await renderString(template, scope));
  }
  const headers = new Headers();
  for (const [name, template] of Object.entries(spec.headers)) {
    const value = await renderString(template, scope);
    // A CR or LF would split the header (or make fetch throw a retryable network error):
    // it is the template's fault, so it fails as one, without quoting the value.
    if (/[\r\n\0]/.test(value))
      throw new TemplateError(`header ${name}: the rendered value contains CR, LF or NUL`);
    headers.set(name, value);
  }
  headers.set("Idempotency-Key", idempotencyKey);
  const rendered =
    spec.method === "GET" || spec.method === "HEAD"
      ? undefined
      : await renderValue(spec.body, scope);
  let body: string | null = null;
  if (typeof rendered === "string") body = rendered;
  else if (rendered !== undefined && rendered !== null) {
    body = JSON.stringify(rendered);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return { method: spec.method, url, headers, body };
}

/** Sends the request, following redirects the transport allows, and classifies the response. */
export async function exchange(
  prepared: PreparedRequest,
  transport: Transport,
  output: RequestSpec["output"],
  signal: AbortSignal,
): Promise<ExchangeResult> {
  let hop: PreparedRequest = prepared;
  for (let redirects = 0; ; redirects++) {
    const { method, url, headers, body } = hop;
    const response = await transport.send(
      new Request(url, { method, headers, body, redirect: "manual", signal }),
    );
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null || !transport.checkRedirect) {
      return classify(response, { method, url }, output);
    }
    await response.body?.cancel();
    const next = followRedirect(hop, response.status, location, redirects, transport.checkRedirect);
    if ("ok" in next) return next;
    hop = next;
  }
}

/**
 * The request a redirect leads to, or the failure that ends the chain: too many hops, an
 * unreadable Location, or a target the net guard refuses. 303 turns into GET without a body
 * (as browsers do), and so does a 301 or 302 of a POST to another origin, so the body is
 * not sent where it was not meant to go; a hop to another origin keeps only the headers in
 * {@link CROSS_ORIGIN_HEADERS}.
 */
function followRedirect(
  hop: PreparedRequest,
  status: number,
  location: string,
  redirects: number,
  checkRedirect: (url: string) => string | null,
): PreparedRequest | ExchangeResult {
  const where = { method: hop.method, url: hop.url };
  const fail = (type: "network" | "blocked_url", why: string): ExchangeResult => ({
    ok: false,
    error: stepError(type, `${describe(where)} → ${status}: ${why}`),
    ...where,
  });
  if (redirects >= MAX_REDIRECTS) return fail("network", `more than ${MAX_REDIRECTS} redirects`);
  if (!URL.canParse(location, hop.url)) return fail("network", "unreadable Location header");
  const url = new URL(location, hop.url);
  const refusal = checkRedirect(url.href);
  if (refusal) return fail("blocked_url", `redirected to a blocked URL: ${refusal}`);
  const isCrossOrigin = url.origin !== hop.url.origin;
  const headers = new Headers();
  for (const [name, value] of hop.headers)
    if (!isCrossOrigin || CROSS_ORIGIN_HEADERS.has(name)) headers.set(name, value);
  const dropsBody = status === 303 || (isCrossOrigin && (status === 301 || status === 302));
  if (dropsBody && hop.method !== "HEAD" && hop.method !== "GET") {
    headers.delete("content-type");
    return { method: "GET", url, headers, body: null };
  }
  return { ...hop, url, headers };
}

async function classify(
  response: Response,
  where: { method: string; url: URL },
  output: RequestSpec["output"],
): Promise<ExchangeResult> {
  const read = await readCapped(response);
  if (read === null) {
    const message = `${describe(where)}: response body exceeds ${MAX_RESPONSE_BYTES} bytes`;
    return {
      ok: false,
      error: stepError("response_too_large", message, { status: response.status }),
      status: response.status,
      ...where,
    };
  }
  const status = response.status;
  const parsed = parseBody(read, response.headers.get("content-type"));
  if (status >= 200 && status < 300) {
    const value =
      output === "response"
        ? { status, headers: headersObject(response.headers), body: parsed }
        : parsed;
    return { ok: true, output: value, status, ...where };
  }
  const message = `${describe(where)} → ${status}${snippet(read)}`;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const extra = { status, ...(retryAfter === undefined ? {} : { retry_after_ms: retryAfter }) };
  let error: StepError;
  if (status === 429) error = stepError("http_429", message, { ...extra, retryable: true });
  else if (status >= 500) error = stepError("http_5xx", message, { ...extra, retryable: true });
  else error = stepError("http_4xx", message, { status });
  return { ok: false, error, status, ...where };
}

/** Reads the body as text, stopping as soon as it passes MAX_RESPONSE_BYTES (then null). */
async function readCapped(response: Response): Promise<string | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** JSON when the content type says so (and it parses), else the text; an empty body is null. */
function parseBody(text: string, contentType: string | null): JsonValue {
  if (text === "") return null;
  if (contentType && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * `Retry-After` as milliseconds from now: delta-seconds or an HTTP date (in the past: 0).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names a weekday and month; this keeps Date.parse from reading "-5" as a year.
  const date = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The response headers a run may keep: all but those in {@link CREDENTIAL_HEADER}. */
function headersObject(headers: Headers): JsonObject {
  const result: JsonObject = {};
  for (const [name, value] of headers) if (!CREDENTIAL_HEADER.test(name)) result[name] = value;
  return result;
}

/** `METHOD origin/path`: the query is left out because it may carry secrets. */
export function describe(where: { method: string; url: URL }): string {
  return `${where.method} ${urlWithoutQuery(where.url)}`;
}

export function urlWithoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function snippet(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "";
  return `: ${line.length > SNIPPET_CHARS ? `${line.slice(0, SNIPPET_CHARS)}…` : line}`;
}
