/**
 * Mocked actions for offline runs. A mock file (JSON or YAML) is one of:
 * - any value: the action's output, on every call;
 * - `{ "error": { "type", "message", "retryable"?, "status"? } }`: every call fails so
 *   (retryable unless `retryable: false`, so retry policies and `catch` apply as online);
 * - `{ "responses": [ <mock>, ... ] }`: one mock per call in order, the last repeating.
 * A task's action is mocked by the stored action's name, an inline action by its step's
 * id. Without a mock, a `handler` action runs the registered handler for real (it gets no
 * Worker bindings); any other fails its step, naming the mock it needs.
 */

import { z } from "zod";
import { executeAction } from "../actions/execute";
import type { ActionOutcome } from "../actions/types";
import { ValidationError } from "../core/errors";
import type { JsonValue } from "../core/json";
import { type StepError, stepError } from "../core/step-error";
import type { TaskStep } from "../definition/ir";
import { toIssues } from "../definition/issues";
import type { ActionRequest } from "../engine/ports";
import type { Env } from "../env";

type Response = { ok: true; output: JsonValue } | { ok: false; error: StepError };

/** An action's answers, one per call; the last repeats. */
export interface Mock {
  responses: readonly [Response, ...Response[]];
}

const MockErrorSchema = z
  .object({
    error: z
      .object({
        type: z.string().min(1),
        message: z.string(),
        retryable: z.boolean().optional(),
        status: z.number().int().optional(),
      })
      .strict(),
  })
  .strict();

/** Reads a mock document; throws ValidationError naming the field that is wrong. */
export function parseMock(value: unknown): Mock {
  if (!onlyKey(value, "responses")) return { responses: [parseResponse(value, [])] };
  const list: unknown = value.responses;
  if (!Array.isArray(list) || list.length === 0)
    throw new ValidationError([{ path: "responses", message: "must be a non-empty list" }]);
  const [first, ...rest] = list.map((item, index) => parseResponse(item, ["responses", index]));
  if (!first) throw new ValidationError([{ path: "responses", message: "must not be empty" }]);
  return { responses: [first, ...rest] };
}

function parseResponse(value: unknown, path: readonly PropertyKey[]): Response {
  if (!onlyKey(value, "error")) {
    const output = z.json().safeParse(value);
    if (!output.success) throw new ValidationError(toIssues(output.error.issues, path));
    return { ok: true, output: output.data };
  }
  const parsed = MockErrorSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error.issues, path));
  const { type, message, retryable, status } = parsed.data.error;
  const extra = { retryable: retryable ?? true, ...(status === undefined ? {} : { status }) };
  return { ok: false, error: stepError(type, message, extra) };
}

/** The name a task's action is mocked by: the stored action's, else the step's id. */
export function mockName(step: TaskStep, instance: string): string {
  if (step.action.kind === "named") return step.action.name;
  return instance.slice(instance.lastIndexOf("/") + 1);
}

/** The action port of an offline run: answers from the mocks, counting calls per name. */
export function mockedActions(
  mocks: ReadonlyMap<string, Mock>,
): (call: ActionRequest) => Promise<ActionOutcome> {
  const calls = new Map<string, number>();
  return async (call) => {
    const name = mockName(call.step, call.instance);
    const mock = mocks.get(name);
    if (!mock) {
      if (call.spec.type === "handler") return executeAction({ ...call, env: NO_BINDINGS });
      const error = stepError("failed", `no mock for action "${name}": pass --mock ${name}=<file>`);
      return { ok: false, error };
    }
    const count = calls.get(name) ?? 0;
    calls.set(name, count + 1);
    const response =
      mock.responses[Math.min(count, mock.responses.length - 1)] ?? mock.responses[0];
    return { ...response, call: { kind: call.spec.type, duration_ms: 0 } };
  };
}

/** A handler run offline has no Worker bindings: reading one fails, naming it. */
const NO_BINDINGS: Env = new Proxy(Object.create(null), {
  get(_target, key) {
    throw new Error(`cairn test has no Worker binding ${String(key)}; mock this action`);
  },
});

function onlyKey<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    key in value
  );
}
