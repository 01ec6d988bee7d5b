import type { JsonValue } from "../core/json";
import { type StepError, stepError } from "../core/step-error";
import type { HandlerActionSpec } from "../definition/ir";
import type { Env } from "../env";
import type { TemplateScope } from "../templates/scope";
import { getHandler, NonRetryableError } from "./handlers/index";

export type HandlerResult = { ok: true; output: JsonValue } | { ok: false; error: StepError };

/**
 * Runs a `handler` action: the registered function gets the rendered `with:` as `input`.
 * A thrown error fails the attempt with type `handler`, retryable unless it is a
 * NonRetryableError; an unknown name is not retryable. Aborts are rethrown for
 * `executeAction` to classify (timeout or cancel).
 */
export async function runHandlerAction(
  spec: HandlerActionSpec,
  scope: TemplateScope,
  signal: AbortSignal,
  env: Env,
): Promise<HandlerResult> {
  const handler = getHandler(spec.handler);
  if (!handler)
    return {
      ok: false,
      error: stepError("handler", `no handler named ${JSON.stringify(spec.handler)}`),
    };
  try {
    const output = await handler({
      input: scope.input,
      params: scope.params,
      meta: scope.meta,
      signal,
      env,
    });
    return { ok: true, output: output === undefined ? null : output };
  } catch (error) {
    if (signal.aborted) throw error;
    const message = `handler ${spec.handler} failed: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      error: stepError("handler", message, { retryable: !(error instanceof NonRetryableError) }),
    };
  }
}
