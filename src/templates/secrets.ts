/** Values shorter than this are not redacted: replacing "a" or "123" everywhere would mangle data, not hide secrets. */
export const MIN_REDACTED_LENGTH = 4;
export const REDACTED = "[redacted]";

/**
 * The secrets templates may read as `secrets.<NAME>`: only the names listed in the
 * comma-separated TEMPLATE_SECRETS whose binding is a string. Everything else in the
 * environment stays out of reach of templates.
 */
export function readSecrets(env: object): Record<string, string> {
  // Typed as `object` so both the app's Env and the test runtime's env fit without casts.
  const bindings = env as Record<string, unknown>;
  const listed = typeof bindings.TEMPLATE_SECRETS === "string" ? bindings.TEMPLATE_SECRETS : "";
  const secrets: Record<string, string> = {};
  for (const raw of listed.split(",")) {
    const name = raw.trim();
    if (name === "" || !Object.hasOwn(env, name)) continue;
    const value = bindings[name];
    if (typeof value === "string") secrets[name] = value;
  }
  return secrets;
}

/**
 * Returns a copy of `value` in which every occurrence of a secret value inside any string
 * (object keys included) is replaced by `[redacted]`. Values shorter than 4 characters are
 * ignored. Longer secrets are replaced first, so a secret that contains another one
 * disappears whole. Non-string leaves are returned unchanged.
 */
export function redact<T>(value: T, secretValues: readonly string[]): T {
  const secrets = [...new Set(secretValues)]
    .filter((secret) => secret.length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b.length - a.length);
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
