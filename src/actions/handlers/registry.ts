import type { JsonObject, JsonValue } from "../../core/json";
import type { Env } from "../../env";
import type { RunMeta } from "../../templates/scope";

/** What a handler receives: the step's rendered `with:` as `input`, and the run around it. */
export interface HandlerContext {
  input: JsonValue | undefined;
  params: JsonObject;
  meta: RunMeta;
  /** Aborted on timeout or cancel; long handlers should honour it. */
  signal: AbortSignal;
  env: Env;
}

/** A TypeScript function a `handler` action calls by name; its return value is the step's output. */
export type Handler = (ctx: HandlerContext) => Promise<JsonValue> | JsonValue;

/** Thrown by a handler to fail the step without retries (any other error is retryable). */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}

const handlers = new Map<string, Handler>();

/**
 * Registers `fn` under `name` (replacing an earlier one). Register at module load, before
 * jobs that use the name are saved, so definitions can be checked against `handlerNames()`.
 */
export function registerHandler(name: string, fn: Handler): void {
  handlers.set(name, fn);
}

export function getHandler(name: string): Handler | undefined {
  return handlers.get(name);
}

/** Every registered name, for validating definitions at save time. */
export function handlerNames(): ReadonlySet<string> {
  return new Set(handlers.keys());
}
