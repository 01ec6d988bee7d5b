import { classifyFailure } from "../core/failure";
import { type StepError, stepError } from "../core/step-error";
import type { ActionSpec } from "../definition/ir";
import { holdsTemplate } from "../templates/render";
import { type ExchangeResult, urlWithoutQuery } from "./exchange";
import { type HandlerResult, runHandlerAction } from "./handler";
import { runHttpAction } from "./http";
import type { ActionCall, ActionOutcome, CallRecord } from "./types";
import { runWorkerAction } from "./worker";

export type { ActionCall, ActionOutcome, CallRecord } from "./types";

/**
 * Runs one attempt of an action. Never throws for expected failures: template errors
 * (`template`, not retryable), blocked URLs, HTTP statuses, network failures (`network`,
 * retryable), the per-attempt timeout (`timeout`, retryable) and handler errors all come
 * back as `{ ok: false, error }`. `call.signal` (the engine's cancel) and `call.timeoutMs`
 * are combined, so whichever comes first ends the attempt; a cancel gives `interrupted`.
 */
export async function executeAction(call: ActionCall): Promise<ActionOutcome> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(Math.max(1, call.timeoutMs));
  const signal = AbortSignal.any([call.signal, timeout]);
  try {
    const result = await untilAborted(dispatch(call, signal), signal);
    return toOutcome(call.spec, result, Date.now() - started);
  } catch (error) {
    const failure = classifyThrown(error, call, timeout);
    return {
      ok: false,
      error: failure,
      call: { kind: call.spec.type, duration_ms: Date.now() - started },
    };
  }
}

function dispatch(call: ActionCall, signal: AbortSignal): Promise<ExchangeResult | HandlerResult> {
  const { spec, scope, idempotencyKey, env } = call;
  switch (spec.type) {
    case "http":
      return runHttpAction(spec, scope, idempotencyKey, signal, env);
    case "worker":
      return runWorkerAction(spec, scope, idempotencyKey, signal, env);
    case "handler":
      return runHandlerAction(spec, scope, signal, env);
    default:
      return assertNever(spec);
  }
}

/**
 * Whether an attempt of `spec` reads its scope: a handler is handed its input, params and meta;
 * a request reads it only where its url or path, query, headers or body hold a template.
 */
export function readsScope(spec: ActionSpec): boolean {
  switch (spec.type) {
    case "http":
      return [spec.url, spec.query, spec.headers, spec.body].some(holdsTemplate);
    case "worker":
      return [spec.path, spec.query, spec.headers, spec.body].some(holdsTemplate);
    case "handler":
      return true;
    default:
      return assertNever(spec);
  }
}

function toOutcome(
  spec: ActionSpec,
  result: ExchangeResult | HandlerResult,
  durationMs: number,
): ActionOutcome {
  const call: CallRecord = { kind: spec.type, duration_ms: durationMs };
  if ("url" in result && result.url) {
    call.method = result.method;
    call.url = urlWithoutQuery(result.url);
  }
  if ("status" in result && result.status !== undefined) call.status = result.status;
  return result.ok
    ? { ok: true, output: result.output, call }
    : { ok: false, error: result.error, call };
}

/**
 * Whatever was thrown, as a StepError: abort reasons first, then a step failure (a
 * StepFailure keeps its type, a TemplateError is `template`), then the handler or the network.
 */
function classifyThrown(error: unknown, call: ActionCall, timeout: AbortSignal): StepError {
  if (timeout.aborted && !call.signal.aborted) {
    return stepError("timeout", `${call.spec.type} action timed out after ${call.timeoutMs} ms`, {
      retryable: true,
    });
  }
  if (call.signal.aborted) {
    return stepError("interrupted", `attempt cancelled: ${describeReason(call.signal.reason)}`);
  }
  const failure = classifyFailure(error);
  if (failure.kind === "step") return failure.error;
  const message = error instanceof Error ? error.message : String(error);
  if (call.spec.type === "handler") return stepError("handler", message, { retryable: true });
  return stepError("network", `${call.spec.type} action failed: ${message}`, { retryable: true });
}

/** Rejects as soon as `signal` aborts, even when the work ignores it (a handler that never checks). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

function assertNever(value: never): never {
  throw new Error(`unknown action type ${JSON.stringify(value)}`);
}
