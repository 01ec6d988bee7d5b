/**
 * Signing secrets at rest (webhook and subscription secrets in D1): AES-256-GCM under a key
 * derived with HKDF-SHA256 from the Worker secret `SECRETS_KEY` (falling back to
 * `API_TOKEN`). HMAC needs the secret itself, so it cannot be hashed like an API key; sealed,
 * a copy of the database alone does not let anyone sign deliveries.
 *
 * Stored form: `enc1:<base64url iv>:<base64url ciphertext+tag>`. A value without the prefix
 * is a row written before encryption and is used as it is. `SECRETS_KEY_PREVIOUS` keeps
 * rows sealed under the previous key readable during a rotation.
 */
const PREFIX = "enc1:";
const IV_BYTES = 12;
const HKDF_SALT = new TextEncoder().encode("cairn");
const HKDF_INFO = new TextEncoder().encode("cairn stored signing secrets v1");

/** The Worker secrets a box derives its keys from. */
export interface SecretKeySource {
  SECRETS_KEY?: string | undefined;
  SECRETS_KEY_PREVIOUS?: string | undefined;
  API_TOKEN?: string | undefined;
}

export interface SecretBox {
  /** The stored form of a secret. Throws when no key is configured. */
  seal(secret: string): Promise<string>;
  /** The secret behind a stored form, or null when no configured key opens it. */
  open(stored: string): Promise<string | null>;
}

/** A box over the current key (SECRETS_KEY, else API_TOKEN) and SECRETS_KEY_PREVIOUS. */
export function secretBox(source: SecretKeySource): SecretBox {
  const current = nonEmpty(source.SECRETS_KEY) ?? nonEmpty(source.API_TOKEN);
  const previous = nonEmpty(source.SECRETS_KEY_PREVIOUS);
  return {
    async seal(secret) {
      if (current === null)
        throw new Error("SECRETS_KEY or API_TOKEN must be set to store signing secrets");
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv },
        await deriveKey(current),
        new TextEncoder().encode(secret),
      );
      return `${PREFIX}${toBase64Url(iv)}:${toBase64Url(new Uint8Array(sealed))}`;
    },
    async open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, data] = stored.slice(PREFIX.length).split(":").map(fromBase64Url);
      if (!iv || !data) return null;
      for (const material of [current, previous]) {
        if (material === null) continue;
        const opened = await decrypt(material, iv, data);
        if (opened !== null) return opened;
      }
      return null;
    },
  };
}

/** Whether a stored value is sealed (for tests and migrations). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

async function decrypt(material: string, iv: Uint8Array, data: Uint8Array): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv },
      await deriveKey(material),
      data,
    );
    return new TextDecoder().decode(plain);
  } catch {
    // The GCM tag does not match: another key sealed it.
    return null;
  }
}

/** Derived keys by their material: HKDF is cheap, but not free on every delivery. */
const derived = new Map<string, Promise<CryptoKey>>();

function deriveKey(material: string): Promise<CryptoKey> {
  let key = derived.get(material);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", new TextEncoder().encode(material), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: HKDF_INFO },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    derived.set(material, key);
  }
  return key;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

function toBase64Url(bytes: Uint8Array): string {
  const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
  return base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
