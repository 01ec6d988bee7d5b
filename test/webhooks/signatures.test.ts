import { describe, expect, it } from "vitest";
import {
  decodeWebhookSecret,
  generateWebhookSecret,
  signGithubPayload,
  signStandardWebhook,
  verifyGithubSignature,
  verifyStandardWebhook,
} from "../../src/webhooks";
import { MAX_SIGNATURE_ENTRIES } from "../../src/webhooks/standard-webhooks";

const encode = (text: string) => new TextEncoder().encode(text);

/** The published Standard Webhooks example (the reference libraries test against it). */
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

/** GitHub's documented example for X-Hub-Signature-256. */
const GITHUB_VECTOR = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  signature: "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
};

function vectorHeaders(signature = VECTOR.signature) {
  return { id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature };
}

async function hmacBase64(key: Uint8Array, content: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encode(content)));
  return btoa(String.fromCharCode(...mac));
}

describe("Standard Webhooks signatures", () => {
  const at = VECTOR.timestamp * 1000;

  it("reproduces and accepts the published test vector", async () => {
    const body = encode(VECTOR.body);
    expect(await signStandardWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, body)).toBe(
      VECTOR.signature,
    );
    expect(await verifyStandardWebhook(vectorHeaders(), body, [VECTOR.secret], at)).toEqual({
      ok: true,
    });
  });

  it("signs <id>.<timestamp>.<body> with the base64-decoded key", async () => {
    const secret = generateWebhookSecret();
    const key = decodeWebhookSecret(secret);
    if (!key) throw new Error("generated secret does not decode");
    const expected = `v1,${await hmacBase64(key, "msg_1.1700000000.{}")}`;
    expect(await signStandardWebhook(secret, "msg_1", 1700000000, encode("{}"))).toBe(expected);
  });

  it("accepts any matching entry of a space-separated list", async () => {
    const headers = vectorHeaders(`v1,bm9wZQ== v2,abc ${VECTOR.signature}`);
    const result = await verifyStandardWebhook(headers, encode(VECTOR.body), [VECTOR.secret], at);
    expect(result.ok).toBe(true);
  });

  it(`refuses more than ${MAX_SIGNATURE_ENTRIES} entries, even with a matching one among them`, async () => {
    const padding = Array.from({ length: MAX_SIGNATURE_ENTRIES }, () => "v1,bm9wZQ==");
    const headers = vectorHeaders([...padding, VECTOR.signature].join(" "));
    const result = await verifyStandardWebhook(headers, encode(VECTOR.body), [VECTOR.secret], at);
    expect(result).toEqual({
      ok: false,
      reason: `webhook-signature has more than ${MAX_SIGNATURE_ENTRIES} entries`,
    });
    const atCap = vectorHeaders([...padding.slice(1), VECTOR.signature].join(" "));
    expect((await verifyStandardWebhook(atCap, encode(VECTOR.body), [VECTOR.secret], at)).ok).toBe(
      true,
    );
  });

  it("accepts the previous secret next to the current one", async () => {
    const secrets = [generateWebhookSecret(), VECTOR.secret];
    const result = await verifyStandardWebhook(vectorHeaders(), encode(VECTOR.body), secrets, at);
    expect(result.ok).toBe(true);
  });

  it("rejects another secret, a changed body, id or timestamp", async () => {
    const body = encode(VECTOR.body);
    const other = generateWebhookSecret();
    expect((await verifyStandardWebhook(vectorHeaders(), body, [other], at)).ok).toBe(false);
    const changed = encode('{"test": 2432232315}');
    expect((await verifyStandardWebhook(vectorHeaders(), changed, [VECTOR.secret], at)).ok).toBe(
      false,
    );
    const otherId = { ...vectorHeaders(), id: "msg_other" };
    expect((await verifyStandardWebhook(otherId, body, [VECTOR.secret], at)).ok).toBe(false);
    const otherTime = { ...vectorHeaders(), timestamp: String(VECTOR.timestamp + 1) };
    expect((await verifyStandardWebhook(otherTime, body, [VECTOR.secret], at)).ok).toBe(false);
  });

  it("rejects timestamps outside five minutes either way", async () => {
    const body = encode(VECTOR.body);
    const secrets = [VECTOR.secret];
    const headers = vectorHeaders();
    expect((await verifyStandardWebhook(headers, body, secrets, at + 300_000)).ok).toBe(true);
    expect((await verifyStandardWebhook(headers, body, secrets, at + 301_000)).ok).toBe(false);
    expect((await verifyStandardWebhook(headers, body, secrets, at - 301_000)).ok).toBe(false);
  });

  it("rejects missing headers, bad timestamps and malformed signatures", async () => {
    const body = encode(VECTOR.body);
    const secrets = [VECTOR.secret];
    const cases = [
      { ...vectorHeaders(), id: null },
      { ...vectorHeaders(), timestamp: null },
      { ...vectorHeaders(), signature: null },
      { ...vectorHeaders(), timestamp: "1614265330.0" },
      vectorHeaders("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
      vectorHeaders("v1,not base64!"),
      vectorHeaders("v1,g0hM9SsE"),
    ];
    for (const headers of cases) {
      expect((await verifyStandardWebhook(headers, body, secrets, at)).ok).toBe(false);
    }
  });

  it("generates whsec_ secrets of 32 random bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(decodeWebhookSecret(secret)?.length).toBe(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});

describe("GitHub X-Hub-Signature-256", () => {
  it("reproduces and accepts GitHub's documented example", async () => {
    const body = encode(GITHUB_VECTOR.body);
    expect(await signGithubPayload(GITHUB_VECTOR.secret, body)).toBe(GITHUB_VECTOR.signature);
    const result = await verifyGithubSignature(GITHUB_VECTOR.signature, body, [
      "whsec_other",
      GITHUB_VECTOR.secret,
    ]);
    expect(result).toEqual({ ok: true });
  });

  it("keys the HMAC with the whole secret string, whsec_ prefix included", async () => {
    const secret = generateWebhookSecret();
    const expected = await hmacBase64(encode(secret), "{}");
    const hex = Array.from(atob(expected), (c) => c.charCodeAt(0).toString(16).padStart(2, "0"));
    expect(await signGithubPayload(secret, encode("{}"))).toBe(`sha256=${hex.join("")}`);
  });

  it("rejects a wrong secret, a changed body and malformed headers", async () => {
    const body = encode(GITHUB_VECTOR.body);
    const { signature, secret } = GITHUB_VECTOR;
    expect((await verifyGithubSignature(signature, body, ["wrong"])).ok).toBe(false);
    expect((await verifyGithubSignature(signature, encode("Hello, World?"), [secret])).ok).toBe(
      false,
    );
    for (const header of [
      null,
      "",
      signature.slice(7),
      `sha1=${signature.slice(7)}`,
      "sha256=ab",
    ]) {
      expect((await verifyGithubSignature(header, body, [secret])).ok).toBe(false);
    }
  });
});
