import type { WorkerActionSpec } from "../definition/ir";
import { stepError } from "../engine/step-error";
import type { Env } from "../env";
import type { TemplateScope } from "../templates/scope";
import { type ExchangeResult, exchange, prepareRequest } from "./exchange";

interface FetcherLike {
  fetch(request: Request): Promise<Response>;
}

function isFetcher(value: unknown): value is FetcherLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { fetch?: unknown }).fetch === "function"
  );
}

/**
 * Runs a `worker` action: the same request and response handling as `http`, sent to the
 * service binding `spec.binding` at `https://<binding>.internal<path>`. No net guard (the
 * binding is the operator's own Worker) and no redirects followed. A missing or non-service
 * binding fails with the non-retryable type `worker`.
 */
export async function runWorkerAction(
  spec: WorkerActionSpec,
  scope: TemplateScope,
  idempotencyKey: string,
  signal: AbortSignal,
  env: Env,
): Promise<ExchangeResult> {
  const binding = Object.hasOwn(env, spec.binding) ? env[spec.binding] : undefined;
  if (!isFetcher(binding)) {
    return {
      ok: false,
      error: stepError("worker", `no service binding named ${JSON.stringify(spec.binding)}`),
    };
  }
  const path = spec.path.startsWith("/") ? spec.path : `/${spec.path}`;
  const baseUrl = `https://${spec.binding.toLowerCase()}.internal${path}`;
  const prepared = await prepareRequest(spec, baseUrl, scope, idempotencyKey);
  return exchange(prepared, { send: (request) => binding.fetch(request) }, spec.output, signal);
}
