/**
 * The body of `POST /runs`: a job defined inline and its params, in Cairn's shape
 * (`{ job, params, idempotency_key? }`) or Karya's (`{ workflow_name, parameters, steps }`).
 * Only the envelope is checked here; the job itself goes through `compileJob`.
 */
import type { Issue } from "../core/errors";
import type { JsonObject } from "../core/json";
import { JOB_NAME_PATTERN } from "./job-schema";

export type InlineRun =
  | {
      ok: true;
      /** The job definition to hand to `compileJob`. */
      source: unknown;
      params: JsonObject;
      idempotency_key?: string;
      /** The start's tags as given (the API checks them); absent when not given. */
      tags?: unknown;
      /** Where the job sits in the body (`job`, or "" for Karya's form), to locate compile errors. */
      prefix: string;
    }
  | { ok: false; errors: Issue[] };

const MAX_IDEMPOTENCY_KEY_LENGTH = 256;
const CAIRN_FIELDS = new Set(["job", "params", "parameters", "idempotency_key", "tags"]);

/**
 * Reads an inline run request. `parameters` is an alias of `params` in both shapes (giving
 * both is an error); params default to `{}`. In Karya's shape every other field is part of
 * the job, whose name is `workflow_name` lower-cased with other characters mapped to `-`
 * (`JiraEscalation` → `jiraescalation`), and whose description, when absent, notes the
 * original workflow name.
 */
export function readInlineRun(body: unknown): InlineRun {
  if (!isObject(body)) return fail("", "must be a JSON object");
  const errors: Issue[] = [];
  const params = readParams(body, errors);
  const key = body.idempotency_key;
  if (
    key !== undefined &&
    (typeof key !== "string" || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
  ) {
    errors.push({
      path: "idempotency_key",
      message: `must be a string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    });
  }
  const job = "workflow_name" in body ? readKaryaJob(body, errors) : readCairnJob(body, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    source: job.source,
    params,
    prefix: job.prefix,
    ...(typeof key === "string" ? { idempotency_key: key } : {}),
    ...(body.tags === undefined ? {} : { tags: body.tags }),
  };
}

function readParams(body: Record<string, unknown>, errors: Issue[]): JsonObject {
  if (body.params !== undefined && body.parameters !== undefined) {
    errors.push({ path: "parameters", message: "give params or parameters (its alias), not both" });
    return {};
  }
  const path = body.params !== undefined ? "params" : "parameters";
  const params = body[path] ?? {};
  if (isObject(params)) return params as JsonObject;
  errors.push({ path, message: "must be an object" });
  return {};
}

function readCairnJob(
  body: Record<string, unknown>,
  errors: Issue[],
): { source: unknown; prefix: string } {
  for (const field of Object.keys(body)) {
    if (!CAIRN_FIELDS.has(field)) errors.push({ path: field, message: `unknown field "${field}"` });
  }
  if (body.job === undefined) {
    errors.push({ path: "job", message: "is required (or Karya's workflow_name and steps)" });
  } else if (!isObject(body.job)) {
    errors.push({ path: "job", message: "must be a job definition object" });
  }
  return { source: body.job, prefix: "job" };
}

function readKaryaJob(
  body: Record<string, unknown>,
  errors: Issue[],
): { source: unknown; prefix: string } {
  const {
    workflow_name: workflowName,
    params: _params,
    parameters: _parameters,
    idempotency_key: _key,
    tags: _tags,
    ...job
  } = body;
  if (job.job !== undefined)
    errors.push({ path: "job", message: "give job or workflow_name, not both" });
  if (typeof workflowName !== "string") {
    errors.push({ path: "workflow_name", message: "must be a string" });
    return { source: job, prefix: "" };
  }
  const name = toJobName(workflowName);
  if (!JOB_NAME_PATTERN.test(name)) {
    errors.push({
      path: "workflow_name",
      message: `gives the job name "${name}", which must start with a letter or digit and be at most 64 characters`,
    });
  }
  const description = job.description ?? `Karya workflow "${workflowName}"`;
  return { source: { ...job, name, description }, prefix: "" };
}

/** `JiraEscalation` → `jiraescalation`, `Nightly Report!` → `nightly-report-`. */
export function toJobName(workflowName: string): string {
  return workflowName.toLowerCase().replace(/[^a-z0-9_-]/g, "-");
}

function fail(path: string, message: string): InlineRun {
  return { ok: false, errors: [{ path, message }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
