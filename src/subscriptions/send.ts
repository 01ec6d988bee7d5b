import { checkOutboundUrl } from "../actions/net-guard";
import { signStandardWebhook } from "../webhooks";

/** How long a subscriber has to answer one delivery: 10 s, so a slow one ties up nothing long. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The outcome of one attempt: an HTTP status, or an error (refused URL, timeout, network). */
export type AttemptOutcome = { ok: boolean; status: number | null; error: string | null };

export interface Target {
  url: string;
  /** Null when no configured key opens the stored secret (SECRETS_KEY changed without SECRETS_KEY_PREVIOUS). */
  secret: string | null;
  allowPrivate: boolean;
}

const encoder = new TextEncoder();

/**
 * POSTs one event, signed the Standard Webhooks way: `webhook-id` is the event id (stable
 * across retries, so subscribers can dedupe), `webhook-timestamp` the attempt's time. Only a
 * 2xx counts as delivered. Redirects are not followed: the URL was checked, its target was not.
 */
export async function sendEvent(target: Target, id: string, body: string): Promise<AttemptOutcome> {
  const refused = checkOutboundUrl(target.url, target.allowPrivate);
  if (refused !== null) return { ok: false, status: null, error: `url refused: ${refused}` };
  if (target.secret === null)
    return {
      ok: false,
      status: null,
      error: "the signing secret cannot be opened with SECRETS_KEY",
    };
  const secret = target.secret;
  const bytes = encoder.encode(body);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Cairn-Webhooks/1",
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signStandardWebhook(secret, id, timestamp, bytes),
      },
      body: bytes,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describeError(error) };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}
