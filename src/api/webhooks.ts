import { z } from "zod";
import { secretBox } from "../access/stored-secrets";
import { NotFoundError, ValidationError } from "../core/errors";
import { getDb } from "../db/client";
import { getJob } from "../db/queries/jobs";
import { deleteWebhook, saveWebhookSecret, type WebhookRecord } from "../db/queries/webhooks";
import { TagsSchema } from "../definition/tags";
import { generateWebhookSecret } from "../webhooks";
import { checkParamsMapping } from "../webhooks/params-mapping";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";

/** How long a rotated-out secret keeps verifying deliveries: 24 hours, for senders to switch. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

const WebhookOptionsSchema = z.strictObject({
  github: z
    .boolean()
    .optional()
    .describe("Also accept GitHub's X-Hub-Signature-256 (keyed with the whole secret string)"),
  params: z
    .record(z.string(), z.json())
    .nullable()
    .optional()
    .describe("Liquid templates over payload and headers giving the run's params; null removes"),
  tags: TagsSchema.nullable()
    .optional()
    .describe("Liquid templates over payload and headers giving the run's tags; null removes"),
});

const WebhookCreatedSchema = z.object({
  url: z.string(),
  secret: z.string().describe("whsec_<base64>: shown only in this response"),
  github: z.boolean(),
  params: z.record(z.string(), z.json()).nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
  previous_secret_expires_at: IsoTimeSchema.nullable(),
});

function toCreated(url: string, webhook: WebhookRecord): z.infer<typeof WebhookCreatedSchema> {
  return {
    url,
    secret: webhook.secret,
    github: webhook.github,
    params: webhook.params as z.infer<typeof WebhookCreatedSchema>["params"],
    tags: webhook.tags as Record<string, string> | null,
    previous_secret_expires_at: toIso(webhook.previous_expires_at),
  };
}

/** Creating, rotating and removing a job's inbound webhook (bearer auth, like every /jobs route). */
export const webhookRoutes = [
  defineRoute({
    method: "post",
    path: "/jobs/{name}/webhook",
    summary:
      "Create the job's webhook secret, or rotate it (the old one works 24 more hours); the body is optional",
    tag: "webhooks",
    access: { scope: "write" },
    body: WebhookOptionsSchema.optional(),
    responses: {
      200: { description: "Rotated: the new secret, shown once", schema: WebhookCreatedSchema },
      201: { description: "Created: the secret, shown once", schema: WebhookCreatedSchema },
      400: { description: "Invalid options or params templates" },
      404: { description: "No such job" },
    },
    handler: async (c, { params: { name }, body }) => {
      const options = body ?? {};
      const issues = [
        ...(options.params ? checkParamsMapping(options.params) : []),
        ...(options.tags ? checkParamsMapping(options.tags, "tags") : []),
      ];
      if (issues.length > 0) throw new ValidationError(issues);
      const db = getDb(c.env.DB);
      const job = await getJob(db, name);
      if (!job) throw new NotFoundError(`Job ${name}`);
      const webhook = await saveWebhookSecret(
        db,
        secretBox(c.env),
        { job: name, job_created_at: job.created_at, secret: generateWebhookSecret(), ...options },
        Date.now(),
        ROTATION_GRACE_MS,
      );
      const url = new URL(`/hooks/${encodeURIComponent(name)}`, c.req.url).href;
      const isRotation = webhook.previous_secret !== null;
      // The secret is in the body: no cache may keep it.
      return c.json(toCreated(url, webhook), isRotation ? 200 : 201, {
        "Cache-Control": "no-store",
      });
    },
  }),
  defineRoute({
    method: "delete",
    path: "/jobs/{name}/webhook",
    summary: "Remove the job's webhook; deliveries to it then get 404",
    tag: "webhooks",
    access: { scope: "write" },
    responses: { 204: { description: "Removed" }, 404: { description: "The job has no webhook" } },
    handler: async (c, { params: { name } }) => {
      if (!(await deleteWebhook(getDb(c.env.DB), name)))
        throw new NotFoundError(`A webhook for job ${name}`);
      return c.body(null, 204);
    },
  }),
];
