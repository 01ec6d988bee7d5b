/**
 * API key strings: `cairn_<id>_<secret>`. The id (12 hex digits) is not secret: it names
 * the key in `GET /keys` and finds its row; the secret (32 random bytes, base64url) is
 * what proves possession. Only the SHA-256 of the whole string is stored.
 */
export const KEY_PREFIX = "cairn_";

const ID_BYTES = 6;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^cairn_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A new key: its id and the full string shown once to its creator. */
export function generateKey(): { id: string; key: string } {
  const id = toHex(crypto.getRandomValues(new Uint8Array(ID_BYTES)));
  const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
  return { id, key: `${KEY_PREFIX}${id}_${secret}` };
}

/** The id inside a key string, or null when the string is not shaped like a key. */
export function readKeyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Whether a string looks like a Cairn API key (for refusing it as a template secret). */
export function looksLikeKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** The stored form of a key: hex SHA-256 of the whole string. */
export async function hashKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return toHex(new Uint8Array(digest));
}

/** Constant-time equality of two hex digests of equal length. */
export function isSameHash(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function toBase64Url(bytes: Uint8Array): string {
  const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
  return base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
