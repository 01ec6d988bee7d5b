import { describe, expect, it } from "vitest";
import { isSealed, secretBox } from "../../src/access/stored-secrets";
import { call, db } from "../api/api-client";
import { countRuns, createHookJob, createWebhook, deliver } from "./support";

async function storedWebhookSecret(job: string): Promise<string> {
  const row = await db
    .prepare("SELECT secret FROM webhooks WHERE job = ?")
    .bind(job)
    .first<{ secret: string }>();
  return row?.secret ?? "";
}

describe("signing secrets at rest", () => {
  it("stores a webhook's secret sealed, and deliveries signed with it still verify", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    const stored = await storedWebhookSecret(job);
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain(secret.slice("whsec_".length));
    expect((await deliver(job, secret, "{}")).status).toBe(202);
    // A rotation seals the new secret, and the previous one (still sealed) keeps verifying.
    const rotated = await createWebhook(job, {}, 200);
    expect(isSealed(await storedWebhookSecret(job))).toBe(true);
    expect((await deliver(job, secret, '{"old":1}')).status).toBe(202);
    expect((await deliver(job, rotated.secret, '{"new":1}')).status).toBe(202);
  });

  it("still verifies with a secret stored in clear before encryption", async () => {
    const job = await createHookJob();
    const { secret } = await createWebhook(job);
    await db.prepare("UPDATE webhooks SET secret = ? WHERE job = ?").bind(secret, job).run();
    expect((await deliver(job, secret, "{}")).status).toBe(202);
    expect(await countRuns(job)).toBe(1);
  });

  it("stores a subscription's secret sealed", async () => {
    const res = await call("/subscriptions", { body: { url: "http://127.0.0.1:9/hook" } });
    expect(res.status).toBe(201);
    const { id, secret } = await res.json<{ id: string; secret: string }>();
    const row = await db
      .prepare("SELECT secret FROM subscriptions WHERE id = ?")
      .bind(id)
      .first<{ secret: string }>();
    expect(isSealed(row?.secret ?? "")).toBe(true);
    expect(row?.secret).not.toContain(secret.slice("whsec_".length));
  });

  it("opens rows sealed under the previous key during a rotation, and not after", async () => {
    const before = secretBox({ SECRETS_KEY: "old-key" });
    const sealed = await before.seal("whsec_abc");
    expect(await before.open(sealed)).toBe("whsec_abc");
    const during = secretBox({ SECRETS_KEY: "new-key", SECRETS_KEY_PREVIOUS: "old-key" });
    expect(await during.open(sealed)).toBe("whsec_abc");
    expect(await secretBox({ SECRETS_KEY: "new-key" }).open(sealed)).toBeNull();
    // Without SECRETS_KEY the key derives from API_TOKEN.
    const fromToken = await secretBox({ API_TOKEN: "tok" }).seal("x-secret");
    expect(
      await secretBox({ SECRETS_KEY_PREVIOUS: "tok", API_TOKEN: "tok2" }).open(fromToken),
    ).toBe("x-secret");
    expect(await secretBox({ API_TOKEN: "tok" }).open("enc1:garbage")).toBeNull();
  });
});
