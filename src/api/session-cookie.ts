/**
 * The dashboard's session cookie, stateless: it carries the credential the user signed in
 * with (the token or an API key) and an expiry, sealed with AES-GCM under a key derived
 * from API_TOKEN. Each request opens it and authenticates exactly as if the credential had
 * come as a bearer token, so a revoked or narrowed API key takes effect at once; rotating
 * API_TOKEN signs everyone out.
 */

export const SESSION_COOKIE = "cairn_session";
/** How long a sign-in lasts (12 hours); the cookie's Max-Age and the sealed expiry agree. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const IV_BYTES = 12;
const encoder = new TextEncoder();

export interface SealedSession {
  credential: string;
  expires_at: number;
}

/** AES-GCM key derived from API_TOKEN with HKDF (SHA-256); the info string versions the format. */
async function sessionKey(apiToken: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(apiToken), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("cairn dashboard session"),
      info: encoder.encode("cookie v1"),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Seals `credential` until `expiresAt` (ms) into a cookie-safe base64url string. */
export async function sealSession(
  apiToken: string,
  credential: string,
  expiresAt: number,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(JSON.stringify({ credential, expires_at: expiresAt }));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await sessionKey(apiToken), plain),
  );
  const joined = new Uint8Array(IV_BYTES + sealed.length);
  joined.set(iv);
  joined.set(sealed, IV_BYTES);
  return toBase64Url(joined);
}

/**
 * Opens a sealed session: the credential and expiry, or null when the value was not sealed
 * under this API_TOKEN, was altered, or has expired by `now`.
 */
export async function openSession(
  apiToken: string,
  value: string,
  now: number,
): Promise<SealedSession | null> {
  const bytes = fromBase64Url(value);
  if (bytes === null || bytes.length <= IV_BYTES) return null;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) },
      await sessionKey(apiToken),
      bytes.slice(IV_BYTES),
    );
  } catch {
    // Wrong key or tampered bytes: the authentication tag does not match.
    return null;
  }
  const session = JSON.parse(new TextDecoder().decode(plain)) as SealedSession;
  return session.expires_at > now ? session : null;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    // A length no base64 string has.
    return null;
  }
}
