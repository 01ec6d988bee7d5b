/** Imports raw key bytes for HMAC-SHA256 signing and verification. */
export function importHmacKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

/** HMAC-SHA256 of `data` under `key`. */
export async function signHmac(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
}

/**
 * Whether `signature` is the HMAC-SHA256 of `data` under `key`. `crypto.subtle.verify`
 * compares in constant time, so a caller never compares MACs itself.
 */
export function verifyHmac(
  key: CryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  return crypto.subtle.verify("HMAC", key, signature, data);
}

/**
 * Constant-time equality of a computed MAC and a received one. A length mismatch is
 * answered at once: the length of a MAC is public (32 bytes for SHA-256).
 */
export function isSameMac(expected: Uint8Array, received: Uint8Array): boolean {
  if (expected.byteLength !== received.byteLength) return false;
  return crypto.subtle.timingSafeEqual(expected, received);
}

/** Decodes standard base64 (with padding); null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** Encodes bytes as standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
}

/** Decodes lowercase or uppercase hex; null when it is not an even run of hex digits. */
export function decodeHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** Encodes bytes as lowercase hex. */
export function encodeHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
