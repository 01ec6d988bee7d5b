import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { encodedForms, readSecrets, redact } from "../../src/templates/secrets";

describe("readSecrets", () => {
  it("reads only the listed names whose bindings are strings", () => {
    const bindings = { TEMPLATE_SECRETS: " A, B ,C,,", A: "alpha", B: 42, D: "not listed" };
    const secrets = readSecrets(bindings);
    expect(secrets).toEqual({ A: "alpha" });
  });

  it("is empty without TEMPLATE_SECRETS", () => {
    const bindings = { A: "alpha" };
    expect(readSecrets(bindings)).toEqual({});
  });

  it("reads the test Worker's configured secret", () => {
    expect(readSecrets(env)).toEqual({ API_KEY: "s3cr3t-value-for-tests" });
  });
});

describe("redact", () => {
  it("replaces every occurrence inside nested strings, keys included", () => {
    const value = {
      auth: "Bearer s3cr3t and s3cr3t",
      list: ["x-s3cr3t-y", 3, null, true],
      s3cr3t: "k",
    };
    expect(redact(value, ["s3cr3t"])).toEqual({
      auth: "Bearer [redacted] and [redacted]",
      list: ["x-[redacted]-y", 3, null, true],
      "[redacted]": "k",
    });
  });

  it("ignores empty and very short values", () => {
    expect(redact({ a: "abc" }, ["", "abc"])).toEqual({ a: "abc" });
  });

  it("redacts the longer of overlapping secrets whole", () => {
    expect(redact("token=abcd1234", ["abcd", "abcd1234"])).toBe("token=[redacted]");
  });

  it("does not modify its input", () => {
    const value = { a: "s3cr3t" };
    redact(value, ["s3cr3t"]);
    expect(value).toEqual({ a: "s3cr3t" });
  });
});

describe("redact: encodings of a secret", () => {
  const SECRET = 'pa ss/w+rd"é-1234';
  const base64 = (text: string) =>
    btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(""));

  it.each([
    ["URL-encoded", `https://x.test/?k=${encodeURIComponent(SECRET)}`],
    ["form-encoded", `k=${encodeURIComponent(SECRET).replaceAll("%20", "+")}`],
    ["JSON-escaped", JSON.stringify({ token: SECRET })],
    ["base64", `token ${base64(SECRET)}`],
    [
      "URL-safe base64",
      base64(SECRET).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
    ],
    ["Basic user:secret", `Authorization: Basic ${base64(`user:${SECRET}`)}`],
    ["Basic of a longer user", `Basic ${base64(`someone@example.com:${SECRET}`)}`],
    ["base64 with text after", base64(`${SECRET} and more`)],
  ])("%s", (_, text) => {
    const redacted = redact(text, [SECRET]);
    expect(redacted).toContain("[redacted]");
    expect(redacted).not.toContain(SECRET);
    for (const form of encodedForms(SECRET)) expect(redacted).not.toContain(form);
  });

  it("leaves text without the secret alone", () => {
    const text = `Basic ${base64("user:another-password")} ${encodeURIComponent("a b")}`;
    expect(redact(text, [SECRET])).toBe(text);
  });
});

describe("readSecrets: Cairn's own key material", () => {
  it("refuses API_TOKEN and SECRETS_KEY, their values under other names, and API keys", () => {
    const bindings = {
      TEMPLATE_SECRETS: "API_TOKEN,SECRETS_KEY,COPY,CI_KEY,OK",
      API_TOKEN: "root-token-value",
      SECRETS_KEY: "secrets-key-value",
      COPY: "root-token-value",
      CI_KEY: `cairn_0123456789ab_${"A".repeat(43)}`,
      OK: "fine-value",
    };
    expect(readSecrets(bindings)).toEqual({ OK: "fine-value" });
  });
});
