import { stepError } from "../core/step-error";
import type { HttpActionSpec } from "../definition/ir";
import type { Env } from "../env";
import { renderString } from "../templates/render";
import type { TemplateScope } from "../templates/scope";
import { type ExchangeResult, exchange, prepareRequest } from "./exchange";
import { checkOutboundUrl } from "./net-guard";

/** True when the operator lets actions reach http: and private hosts (local development, tests). */
export function isPrivateNetworkAllowed(env: Env): boolean {
  return env.ALLOW_PRIVATE_NETWORK === "true";
}

/**
 * Runs an `http` action: renders the URL, headers, query and body, checks the URL (and every
 * redirect) with the net guard, and sends it with `fetch`. Throws TemplateError on template
 * failures; network failures and aborts are thrown for `executeAction` to classify.
 */
export async function runHttpAction(
  spec: HttpActionSpec,
  scope: TemplateScope,
  idempotencyKey: string,
  signal: AbortSignal,
  env: Env,
): Promise<ExchangeResult> {
  const allowPrivate = isPrivateNetworkAllowed(env);
  const rawUrl = await renderString(spec.url, scope);
  if (!URL.canParse(rawUrl)) {
    return {
      ok: false,
      error: stepError(
        "blocked_url",
        // The template, not what it rendered: a rendered URL may carry a secret.
        `${spec.method} refused: the URL ${JSON.stringify(spec.url)} does not render to an absolute URL`,
      ),
    };
  }
  const prepared = await prepareRequest(spec, rawUrl, scope, idempotencyKey);
  const refusal = checkOutboundUrl(prepared.url, allowPrivate);
  if (refusal) {
    const where = { method: prepared.method, url: prepared.url };
    return {
      ok: false,
      error: stepError("blocked_url", `${spec.method} refused: ${refusal}`),
      ...where,
    };
  }
  return exchange(
    prepared,
    {
      send: (request) => fetch(request),
      checkRedirect: (url) => checkOutboundUrl(url, allowPrivate),
    },
    spec.output,
    signal,
  );
}
