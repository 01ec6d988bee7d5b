import { decodeBase64, encodeBase64 } from "./hmac";

/** Prefix of Standard Webhooks secrets; the rest is the base64 of the key bytes. */
export const SECRET_PREFIX = "whsec_";

/** Key size of new secrets: 32 random bytes, the HMAC-SHA256 block-size guidance. */
const SECRET_BYTES = 32;

/** A new Standard Webhooks secret: `whsec_<base64 of 32 random bytes>`. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/**
 * The HMAC key of a Standard Webhooks secret: the base64-decoded part after `whsec_` (the
 * prefix is optional, as in the reference libraries). Null when that part is not base64.
 */
export function decodeWebhookSecret(secret: string): Uint8Array | null {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = decodeBase64(encoded);
  return key === null || key.length === 0 ? null : key;
}
