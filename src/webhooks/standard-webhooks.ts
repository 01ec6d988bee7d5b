import { decodeBase64, encodeBase64, importHmacKey, isSameMac, signHmac } from "./hmac";
import { decodeWebhookSecret } from "./secret";

/** How far `webhook-timestamp` may be from now, either way: 5 minutes, as the scheme advises. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Most `v1,` entries a `webhook-signature` may carry. Senders list one per active secret
 * (two during a rotation); the cap keeps an unauthenticated request from costing more than
 * a few comparisons.
 */
export const MAX_SIGNATURE_ENTRIES = 8;

/** The three Standard Webhooks headers, as received (absent ones as null). */
export interface StandardWebhookHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/** The outcome of a verification; `reason` is safe to show the sender. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };

const encoder = new TextEncoder();

/**
 * Verifies a Standard Webhooks delivery against any of `secrets` (several during a
 * rotation). The signed content is `<id>.<timestamp>.<body>` over the raw body bytes;
 * `webhook-signature` holds space-separated `v1,<base64>` entries (at most
 * {@link MAX_SIGNATURE_ENTRIES}) and any match passes. Each secret costs one HMAC over the
 * content, compared in constant time with every entry, however many entries there are.
 * The timestamp (unix seconds) must be within `toleranceMs` of `now` (default
 * {@link TIMESTAMP_TOLERANCE_MS}), which bounds how long a captured delivery can be replayed.
 */
export async function verifyStandardWebhook(
  headers: StandardWebhookHeaders,
  body: Uint8Array,
  secrets: readonly string[],
  now: number,
  toleranceMs = TIMESTAMP_TOLERANCE_MS,
): Promise<VerifyResult> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature)
    return fail("webhook-id, webhook-timestamp and webhook-signature are required");
  if (!/^\d{1,15}$/.test(timestamp)) return fail("webhook-timestamp is not unix seconds");
  if (Math.abs(now - Number(timestamp) * 1000) > toleranceMs)
    return fail("webhook-timestamp is too old or too far in the future");
  if (signature.split(" ").length > MAX_SIGNATURE_ENTRIES)
    return fail(`webhook-signature has more than ${MAX_SIGNATURE_ENTRIES} entries`);
  const candidates = readV1Signatures(signature);
  if (candidates.length === 0) return fail("webhook-signature has no v1 signature");
  const content = signedContent(id, timestamp, body);
  for (const secret of secrets) {
    const keyBytes = decodeWebhookSecret(secret);
    if (keyBytes === null) continue;
    const expected = await signHmac(await importHmacKey(keyBytes), content);
    // Every entry is compared, so the time taken does not tell which one matched.
    let matched = false;
    for (const candidate of candidates) matched = isSameMac(expected, candidate) || matched;
    if (matched) return { ok: true };
  }
  return fail("no signature matches");
}

/**
 * The `webhook-signature` value (`v1,<base64>`) for a delivery, as a sender computes it.
 * Used by tests and by anything Cairn itself sends signed.
 */
export async function signStandardWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: Uint8Array,
): Promise<string> {
  const keyBytes = decodeWebhookSecret(secret);
  if (keyBytes === null) throw new Error("the secret is not whsec_<base64>");
  const mac = await signHmac(
    await importHmacKey(keyBytes),
    signedContent(id, String(timestamp), body),
  );
  return `v1,${encodeBase64(mac)}`;
}

/** The decoded `v1` entries; other versions and malformed entries are ignored. */
function readV1Signatures(header: string): Uint8Array[] {
  const signatures: Uint8Array[] = [];
  for (const entry of header.split(" ")) {
    const [version, encoded] = entry.split(",", 2);
    if (version !== "v1" || encoded === undefined) continue;
    const bytes = decodeBase64(encoded);
    if (bytes !== null) signatures.push(bytes);
  }
  return signatures;
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  return content;
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}
