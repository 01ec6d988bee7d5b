import { and, eq, ne, sql } from "drizzle-orm";
import type { SecretBox } from "../../access/stored-secrets";
import type { JsonObject } from "../../core/json";
import type { Db } from "../client";
import { webhooks } from "../schema";

/**
 * A job's webhook row with its secrets opened (the table holds them sealed, see
 * src/access/stored-secrets.ts). A secret no configured key opens reads as "" and verifies
 * nothing. Times in ms.
 */
export type WebhookRecord = typeof webhooks.$inferSelect;

/** What creating or rotating a webhook sets; absent options keep their stored values. */
export interface WebhookInput {
  job: string;
  /** The job's `created_at`: ties the webhook to this job, not to a later one of the same name. */
  job_created_at: number;
  secret: string;
  /** Also accept `X-Hub-Signature-256` (default on create: false). */
  github?: boolean | undefined;
  /** Template mapping a delivery into params; null removes it (default on create: none). */
  params?: JsonObject | null | undefined;
  /** Template mapping a delivery into the run's tags; null removes it (default on create: none). */
  tags?: Record<string, string> | null | undefined;
}

/**
 * Creates the job's webhook, or rotates it: the stored secret becomes the previous one,
 * accepted until `now + graceMs`, and `input.secret` the current one. A webhook left by a
 * deleted job of the same name is dropped first, in the same batch, so it is never rotated
 * into this one. The rotation is one upsert, so two concurrent rotations leave a consistent
 * pair (the later secret current, the earlier previous). The secret is stored sealed by `box`.
 */
export async function saveWebhookSecret(
  db: Db,
  box: SecretBox,
  input: WebhookInput,
  now: number,
  graceMs: number,
): Promise<WebhookRecord> {
  const sealed = await box.seal(input.secret);
  const [, [row]] = await db.batch([
    db
      .delete(webhooks)
      .where(and(eq(webhooks.job, input.job), ne(webhooks.job_created_at, input.job_created_at))),
    db
      .insert(webhooks)
      .values({
        job: input.job,
        job_created_at: input.job_created_at,
        secret: sealed,
        previous_secret: null,
        previous_expires_at: null,
        github: input.github ?? false,
        params: input.params ?? null,
        tags: input.tags ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflictDoUpdate({
        target: webhooks.job,
        set: {
          // In ON CONFLICT DO UPDATE, a bare column names the stored row's value.
          previous_secret: sql`${webhooks.secret}`,
          previous_expires_at: now + graceMs,
          secret: sealed,
          ...(input.github === undefined ? {} : { github: input.github }),
          ...(input.params === undefined ? {} : { params: input.params }),
          ...(input.tags === undefined ? {} : { tags: input.tags }),
          updated_at: now,
        },
      })
      .returning(),
  ]);
  if (!row) throw new Error(`saving the webhook of ${input.job} returned no row`);
  return { ...(await openSecrets(box, row)), secret: input.secret };
}

/** The job's webhook with its secrets opened, or null when it has none. */
export async function getWebhook(
  db: Db,
  box: SecretBox,
  job: string,
): Promise<WebhookRecord | null> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.job, job)).limit(1);
  return row ? openSecrets(box, row) : null;
}

async function openSecrets(box: SecretBox, row: WebhookRecord): Promise<WebhookRecord> {
  const previous =
    row.previous_secret === null ? null : ((await box.open(row.previous_secret)) ?? "");
  return { ...row, secret: (await box.open(row.secret)) ?? "", previous_secret: previous };
}

/** Removes the job's webhook; false when it had none. */
export async function deleteWebhook(db: Db, job: string): Promise<boolean> {
  const deleted = await db
    .delete(webhooks)
    .where(eq(webhooks.job, job))
    .returning({ job: webhooks.job });
  return deleted.length > 0;
}

/** Whether the webhook was made for an earlier job of the same name, since deleted. */
export function isStaleWebhook(record: WebhookRecord, jobCreatedAt: number): boolean {
  return record.job_created_at !== jobCreatedAt;
}

/** The secrets a delivery may be signed with at `now`: the current one, and the previous during its grace. */
export function acceptedSecrets(record: WebhookRecord, now: number): string[] {
  const { previous_secret, previous_expires_at } = record;
  const isPreviousValid =
    previous_secret !== null && previous_expires_at !== null && previous_expires_at > now;
  const secrets = isPreviousValid ? [record.secret, previous_secret] : [record.secret];
  // "" is a secret no configured key could open (SECRETS_KEY changed without its previous).
  return secrets.filter((secret) => secret !== "");
}
