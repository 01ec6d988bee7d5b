import { env } from "cloudflare:workers";
import type { ActionCall } from "../../src/actions/execute";
import type { ActionSpec, HttpActionSpec } from "../../src/definition/ir";
import type { Env } from "../../src/env";
import { makeScope } from "../templates/scope-fixture";

/** An http spec with defaults (GET, no headers/query, body output); override what a test needs. */
export function httpSpec(url: string, overrides: Partial<HttpActionSpec> = {}): HttpActionSpec {
  return { type: "http", method: "GET", url, headers: {}, query: {}, output: "body", ...overrides };
}

/** An action call against the test Worker's env (private network allowed), 5 s timeout. */
export function makeCall(spec: ActionSpec, overrides: Partial<ActionCall> = {}): ActionCall {
  return {
    spec,
    scope: makeScope({ secrets: { API_KEY: "s3cr3t-value-for-tests" } }),
    idempotencyKey: "run-1:check_jira:1",
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    env: env as unknown as Env,
    ...overrides,
  };
}
