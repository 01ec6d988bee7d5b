import { decodeHex, encodeHex, importHmacKey, signHmac, verifyHmac } from "./hmac";
import type { VerifyResult } from "./standard-webhooks";

const encoder = new TextEncoder();

/**
 * Verifies GitHub's `X-Hub-Signature-256: sha256=<hex>` (HMAC-SHA256 of the raw body)
 * against any of `secrets`. GitHub keys the HMAC with the secret exactly as typed into its
 * settings, so the key is the UTF-8 of the whole secret string, `whsec_` prefix included.
 * GitHub signs no timestamp: replays are stopped by the delivery id alone.
 */
export async function verifyGithubSignature(
  header: string | null,
  body: Uint8Array,
  secrets: readonly string[],
): Promise<VerifyResult> {
  const match = header?.match(/^sha256=([0-9a-fA-F]{64})$/);
  const signature = match?.[1] === undefined ? null : decodeHex(match[1]);
  if (!signature)
    return { ok: false, reason: "X-Hub-Signature-256 must be sha256=<64 hex digits>" };
  for (const secret of secrets) {
    const key = await importHmacKey(encoder.encode(secret));
    if (await verifyHmac(key, signature, body)) return { ok: true };
  }
  return { ok: false, reason: "no signature matches" };
}

/** The `X-Hub-Signature-256` value for a body, as GitHub computes it (for tests and tools). */
export async function signGithubPayload(secret: string, body: Uint8Array): Promise<string> {
  const mac = await signHmac(await importHmacKey(encoder.encode(secret)), body);
  return `sha256=${encodeHex(mac)}`;
}
