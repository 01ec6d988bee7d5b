import { stepError } from "../core/step-error";
import type { WorkerActionSpec } from "../definition/ir";
import type { Env } from "../env";
import { renderString, TemplateError } from "../templates/render";
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
 * binding fails with the non-retryable type `worker`. A templated `path` is rendered like
 * the URL of an `http` action and must then start with one `/` (TemplateError otherwise).
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
  const path = await renderPath(spec.path, scope);
  const baseUrl = `https://${spec.binding.toLowerCase()}.internal${path}`;
  const prepared = await prepareRequest(spec, baseUrl, scope, idempotencyKey);
  return exchange(prepared, { send: (request) => binding.fetch(request) }, spec.output, signal);
}

async function renderPath(template: string, scope: TemplateScope): Promise<string> {
  const path = await renderString(template, scope);
  if (!path.startsWith("/") || path.startsWith("//"))
    throw new TemplateError(
      `path ${JSON.stringify(template)} must render to a path starting with one "/"`,
    );
  return path;
}
