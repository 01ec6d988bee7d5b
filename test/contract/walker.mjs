// Calls Cairn's routes as the document describes them and checks each answer against it:
// the status is documented, a 2xx body has a documented media type and validates against
// its schema (ajv, JSON Schema 2020-12), and bodies the document rejects get a 4xx problem.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe } from "../e2e/http.mjs";

const REQUEST_TIMEOUT_MS = 15_000;

/** Bodies of every JSON type; each one a route's schema rejects must be refused with a 4xx. */
const CANDIDATE_BODIES = [null, [], 0, "text", true, { unknown_field_of_the_contract_test: 1 }];

/** A JSON pointer into the document as a URI fragment (RFC 6901 §6). */
function pointer(...segments) {
  return `openapi#/${segments
    .map((s) => encodeURIComponent(String(s).replaceAll("~", "~0").replaceAll("/", "~1")))
    .join("/")}`;
}

function mediaTypeOf(headers) {
  return (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * A walker over `document` for the Cairn at `baseUrl`. `send` makes one documented call and
 * checks its answer; `refuseInvalidBodies` sends the bodies an operation's schema rejects;
 * `uncovered` lists the documented 2xx answers no call has produced yet.
 */
export function createWalker({ baseUrl, token, document, report }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi");
  const covered = new Set();

  function validatorAt(...segments) {
    const validate = ajv.getSchema(pointer(...segments));
    if (!validate) throw new Error(`no schema at ${segments.join("/")}`);
    return validate;
  }

  async function request(method, template, { params = {}, query = "", body, headers = {}, auth }) {
    const path = template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name]));
    const sent = new Headers(headers);
    if (auth) sent.set("authorization", `Bearer ${token}`);
    let payload = body;
    if (body !== undefined && typeof body !== "string") {
      payload = JSON.stringify(body);
      if (!sent.has("content-type")) sent.set("content-type", "application/json");
    }
    const res = await fetch(new URL(`${path}${query}`, baseUrl), {
      method: method.toUpperCase(),
      headers: sent,
      body: payload,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const mediaType = mediaTypeOf(res.headers);
    const parsed = /json$/.test(mediaType) && text !== "" ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, mediaType, text, body: parsed };
  }

  function operationOf(method, template) {
    const operation = document.paths[template]?.[method];
    if (!operation) throw new Error(`${method} ${template} is not in the document`);
    return operation;
  }

  /** Checks one answer against the operation's documented responses; returns the problems. */
  function problemsOf(method, template, res) {
    const documented = operationOf(method, template).responses[res.status];
    if (!documented) return [`${res.status} is not a documented answer`];
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0)
      return res.text === ""
        ? []
        : [`${res.status} documents no body, got ${describe(res.text, 200)}`];
    if (!content[res.mediaType])
      return [`media type ${res.mediaType} is not one of ${Object.keys(content).join(", ")}`];
    const validate = validatorAt(
      "paths",
      template,
      method,
      "responses",
      res.status,
      "content",
      res.mediaType,
      "schema",
    );
    if (validate(res.body)) return [];
    return validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}`);
  }

  return {
    /**
     * One call of a documented operation, expected to answer `status` (a 2xx): fails the
     * check, naming what differs, when the answer is not what the document says.
     */
    async send(method, template, { status, auth = true, ...options }) {
      const res = await request(method, template, { ...options, auth });
      const problems = res.status === status ? problemsOf(method, template, res) : [];
      if (res.status !== status) problems.push(`expected ${status}: ${describe(res.text, 300)}`);
      covered.add(`${method} ${template} ${res.status}`);
      report.check(
        problems.length === 0,
        `${method.toUpperCase()} ${template} → ${res.status} as documented`,
        problems.join("; "),
      );
      return res;
    },

    /** One call whose answer is not checked (repeated calls, as for a rate limit): its status. */
    async peek(method, template, { auth = true, ...options }) {
      return (await request(method, template, { ...options, auth })).status;
    },

    /**
     * Sends every candidate body the operation's JSON schema rejects; each must get a 4xx
     * documented for the operation, as a problem the document describes.
     */
    async refuseInvalidBodies(method, template, { params = {}, auth = true } = {}) {
      const schema = operationOf(method, template).requestBody;
      if (!schema) throw new Error(`${method} ${template} documents no body`);
      const accepts = validatorAt(
        "paths",
        template,
        method,
        "requestBody",
        "content",
        "application/json",
        "schema",
      );
      const rejected = CANDIDATE_BODIES.filter((body) => !accepts(body));
      const problems = [];
      for (const body of rejected) {
        const res = await request(method, template, {
          params,
          body: JSON.stringify(body),
          auth,
          headers: { "content-type": "application/json" },
        });
        const isProblem =
          res.status >= 400 && res.status < 500 && res.mediaType === "application/problem+json";
        if (!isProblem)
          problems.push(`${JSON.stringify(body)} → ${res.status} ${describe(res.text, 200)}`);
        else
          problems.push(
            ...problemsOf(method, template, res).map((p) => `${JSON.stringify(body)}: ${p}`),
          );
      }
      report.check(
        problems.length === 0,
        `${method.toUpperCase()} ${template}: the ${rejected.length} bodies its schema rejects get a documented 4xx problem`,
        problems.join("\n       "),
      );
    },

    /**
     * Calls every operation that needs a token without one: each must answer the 401
     * problem it documents, whatever its path parameters and body.
     */
    async refuseWithoutToken() {
      const problems = [];
      let count = 0;
      for (const [template, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (operation.security?.length === 0) continue;
          count += 1;
          const params = Object.fromEntries(
            (operation.parameters ?? []).map((parameter) => [parameter.name, "x"]),
          );
          const res = await request(method, template, { params, auth: false });
          const where = `${method} ${template}`;
          if (res.status !== 401) problems.push(`${where} → ${res.status}`);
          else problems.push(...problemsOf(method, template, res).map((p) => `${where}: ${p}`));
        }
      }
      report.check(
        problems.length === 0,
        `the ${count} operations that need a token answer its documented 401 problem without one`,
        problems.join("\n       "),
      );
    },

    /** Documented 2xx answers of every operation that no call has produced. */
    uncovered() {
      const missing = [];
      for (const [template, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          for (const status of Object.keys(operation.responses).filter((s) => /^2/.test(s))) {
            if (!covered.has(`${method} ${template} ${status}`))
              missing.push(`${method} ${template} ${status}`);
          }
        }
      }
      return missing;
    },
  };
}
