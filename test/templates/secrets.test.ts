import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readSecrets, redact } from "../../src/templates/secrets";

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
