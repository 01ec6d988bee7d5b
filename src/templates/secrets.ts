import { looksLikeKey } from "../access/key-format";

/** Values shorter than this are not redacted: replacing "a" or "123" everywhere would mangle data, not hide secrets. */
export const MIN_REDACTED_LENGTH = 4;
export const REDACTED = "[redacted]";

/**
 * Secrets that guard Cairn itself: a template that could read them could hand the keys of
 * the API (or of the stored signing secrets) to any URL, so TEMPLATE_SECRETS never exposes
 * them, under their own name or under another binding holding the same value.
 */
const KEY_MATERIAL = ["API_TOKEN", "SECRETS_KEY", "SECRETS_KEY_PREVIOUS"] as const;

/**
 * The secrets templates may read as `secrets.<NAME>`: only the names listed in the
 * comma-separated TEMPLATE_SECRETS whose binding is a string, less Cairn's own key material
 * ({@link KEY_MATERIAL}, API keys), which is refused with a warning in the log. Everything
 * else in the environment stays out of reach of templates.
 */
export function readSecrets(env: object): Record<string, string> {
  // Typed as `object` so both the app's Env and the test runtime's env fit without casts.
  const bindings = env as Record<string, unknown>;
  const listed = typeof bindings.TEMPLATE_SECRETS === "string" ? bindings.TEMPLATE_SECRETS : "";
  const guarded = new Set(
    KEY_MATERIAL.map((name) => bindings[name]).filter(
      (v): v is string => typeof v === "string" && v !== "",
    ),
  );
  const secrets: Record<string, string> = {};
  for (const raw of listed.split(",")) {
    const name = raw.trim();
    if (name === "" || !Object.hasOwn(env, name)) continue;
    const value = bindings[name];
    if (typeof value !== "string") continue;
    if (
      (KEY_MATERIAL as readonly string[]).includes(name) ||
      guarded.has(value) ||
      looksLikeKey(value)
    ) {
      console.warn(
        `TEMPLATE_SECRETS: ${name} is Cairn's own key material; templates cannot read it`,
      );
      continue;
    }
    secrets[name] = value;
  }
  return secrets;
}

/**
 * Returns a copy of `value` in which every occurrence of a secret value inside any string
 * (object keys included) is replaced by `[redacted]`, in its common encodings too (see
 * {@link encodedForms}). Values shorter than 4 characters are ignored. Longer forms are
 * replaced first, so a secret that contains another one disappears whole. Non-string
 * leaves are returned unchanged.
 */
export function redact<T>(value: T, secretValues: readonly string[]): T {
  const secrets = [
    ...new Set(
      secretValues.filter((secret) => secret.length >= MIN_REDACTED_LENGTH).flatMap(encodedForms),
    ),
  ].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return value;
  return redactDeep(value, secrets) as T;
}

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      result[redactString(key, secrets)] = redactDeep(item, secrets);
    return result;
  }
  return value;
}

function redactString(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/** Shortest base64 run redacted: shorter runs match unrelated data by chance. */
const MIN_BASE64_FORM = 8;

/**
 * The forms a secret takes when a template or a target encodes it: as is, URL-encoded
 * (`url_encode`, form style with `+`), JSON-escaped, and base64 (standard and URL-safe) at
 * each of the three byte alignments, which is what makes it findable inside a longer
 * base64 text such as `Basic base64(user:secret)`. For an alignment, only the characters
 * that depend on the secret's bytes alone are kept, so the form matches whatever precedes
 * or follows it.
 */
export function encodedForms(secret: string): string[] {
  const uriEncoded = encodeURIComponent(secret);
  const forms = [
    secret,
    uriEncoded,
    uriEncoded.replaceAll("%20", "+"),
    JSON.stringify(secret).slice(1, -1),
  ];
  const bytes = new TextEncoder().encode(secret);
  for (const offset of [0, 1, 2]) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = btoa(Array.from(padded, (byte) => String.fromCharCode(byte)).join(""));
    // Leading characters mix in the padding bytes; trailing ones mix in what follows.
    const start = [0, 2, 3][offset] ?? 0;
    const end = Math.floor(padded.length / 3) * 4;
    const stable = encoded.slice(start, end);
    if (stable.length < MIN_BASE64_FORM) continue;
    forms.push(stable, stable.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms;
}
