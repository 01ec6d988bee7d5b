import { z } from "zod";
import { secretBox } from "../access/stored-secrets";
import { RunSummarySchema } from "../clients/run-views";
import { startRun } from "../clients/start-run";
import { invalid, NotFoundError, UnauthorizedError } from "../core/errors";
import type { JsonObject } from "../core/json";
import { getDb } from "../db/client";
import { getJobToStart } from "../db/queries/jobs";
import {
  acceptedSecrets,
  getWebhook,
  isStaleWebhook,
  type WebhookRecord,
} from "../db/queries/webhooks";
import { type Tags, TagsSchema } from "../definition/tags";
import { TemplateError } from "../templates/render";
import { verifyGithubSignature, verifyStandardWebhook } from "../webhooks";
import {
  type Delivery,
  readPayload,
  readVisibleHeaders,
  renderParamsMapping,
  renderTagsMapping,
} from "../webhooks/params-mapping";
import { MAX_BODY_BYTES } from "./body-sizes";
import { defineRoute } from "./define-route";
import { validate } from "./validate";

/** Longest delivery id kept as an idempotency key; senders use far shorter ids. */
const MAX_DELIVERY_ID_LENGTH = 256;

/**
 * Checks the delivery's signature with the current secret (and the previous one during a
 * rotation) and returns the key it is deduplicated on. Standard Webhooks headers win when
 * present: they sign id and timestamp, so the id is the key. GitHub's header is accepted
 * only for webhooks created with `github: true`; GitHub signs the body alone, so anyone who
 * saw one delivery could resend it under a new `X-GitHub-Delivery`: its key is the
 * signature, remembered as long as the run it started. 401 for a bad signature.
 */
async function verifyDelivery(
  headers: Headers,
  body: Uint8Array,
  webhook: WebhookRecord,
  now: number,
): Promise<string> {
  const secrets = acceptedSecrets(webhook, now);
  const githubSignature = headers.get("x-hub-signature-256");
  if (headers.has("webhook-signature") || !webhook.github || githubSignature === null) {
    const id = headers.get("webhook-id");
    const result = await verifyStandardWebhook(
      {
        id,
        timestamp: headers.get("webhook-timestamp"),
        signature: headers.get("webhook-signature"),
      },
      body,
      secrets,
      now,
    );
    if (!result.ok)
      throw new UnauthorizedError(`The webhook signature is not valid: ${result.reason}`);
    return `webhook:${checkDeliveryId(id, "headers.webhook-id")}`;
  }
  const result = await verifyGithubSignature(githubSignature, body, secrets);
  if (!result.ok)
    throw new UnauthorizedError(`The webhook signature is not valid: ${result.reason}`);
  checkDeliveryId(headers.get("x-github-delivery"), "headers.X-GitHub-Delivery");
  return `webhook:github:${githubSignature.toLowerCase()}`;
}

function checkDeliveryId(id: string | null, path: string): string {
  if (!id) throw invalid(path, "a delivery id is required");
  if (id.length > MAX_DELIVERY_ID_LENGTH)
    throw invalid(path, `must be at most ${MAX_DELIVERY_ID_LENGTH} characters`);
  return id;
}

/** What the webhook's mappings read; the body is decoded only for a webhook that has one. */
function readDelivery(job: string, headers: Headers, body: Uint8Array): () => Delivery {
  let delivery: Delivery | null = null;
  return () => {
    delivery ??= {
      job,
      payload: readPayload(decodeUtf8(body)),
      headers: readVisibleHeaders(headers),
    };
    return delivery;
  };
}

/** The run's params: the webhook's mapping rendered over the delivery, or `{}` without one. */
async function mapParams(
  webhook: WebhookRecord,
  delivery: () => Delivery,
  now: number,
): Promise<JsonObject> {
  if (webhook.params === null) return {};
  try {
    return await renderParamsMapping(webhook.params as JsonObject, delivery(), now);
  } catch (error) {
    if (error instanceof TemplateError) throw invalid("params", error.message);
    throw error;
  }
}

/** The run's tags: the webhook's tags mapping rendered over the delivery, checked like any start's. */
async function mapTags(
  webhook: WebhookRecord,
  delivery: () => Delivery,
  now: number,
): Promise<Tags | undefined> {
  if (webhook.tags === null) return undefined;
  try {
    const rendered = await renderTagsMapping(webhook.tags as Tags, delivery(), now);
    return validate(TagsSchema, rendered, "tags");
  } catch (error) {
    if (error instanceof TemplateError) throw invalid("tags", error.message);
    throw error;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid("", "the request body is not valid UTF-8");
  }
}

/** Either the Standard Webhooks headers or, for webhooks created with `github: true`, GitHub's. */
const DeliveryHeadersSchema = z.object({
  "webhook-id": z
    .string()
    .max(MAX_DELIVERY_ID_LENGTH)
    .optional()
    .describe("Standard Webhooks: the delivery id"),
  "webhook-timestamp": z
    .string()
    .optional()
    .describe("Standard Webhooks: Unix seconds, within 5 minutes of now"),
  "webhook-signature": z
    .string()
    .optional()
    .describe("Standard Webhooks: v1,<base64 HMAC-SHA256 of id.timestamp.body>, space-separated"),
  "X-Hub-Signature-256": z
    .string()
    .optional()
    .describe("GitHub: sha256=<hex HMAC-SHA256 of the body>"),
  "X-GitHub-Delivery": z
    .string()
    .max(MAX_DELIVERY_ID_LENGTH)
    .optional()
    .describe("GitHub: the delivery id"),
});

/**
 * Inbound webhooks: open to the network (no bearer token), so a delivery is trusted only
 * once its signature checks out on the raw bytes; nothing is parsed or written before.
 * The body limit of the app applies (413).
 */
export const hookRoutes = [
  defineRoute({
    method: "post",
    path: "/hooks/{job}",
    summary:
      "Start a run from a signed delivery (Standard Webhooks, or GitHub's X-Hub-Signature-256 when enabled); a repeated delivery id returns the first run",
    tag: "webhooks",
    access: { scope: null, limited: true },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: z
      .unknown()
      .describe(
        "The payload as its sender signed it, any bytes: params mappings read it as JSON when it parses, else as text",
      )
      .optional(),
    bodyMediaTypes: ["*/*"],
    headers: DeliveryHeadersSchema,
    responses: {
      200: {
        description: "Delivery seen before: its run, nothing started",
        schema: RunSummarySchema,
      },
      202: { description: "Run started", schema: RunSummarySchema },
      400: { description: "No delivery id, or the params do not fit the job" },
      401: { description: "Missing or bad signature, or a timestamp outside 5 minutes" },
      404: { description: "No webhook for this job" },
      409: { description: "The delivery id was used with other params" },
      413: { description: "Body over 1 MiB" },
      429: { description: "Too many deliveries for this job (Retry-After says when to retry)" },
    },
    handler: async (c, { params: { job: name } }) => {
      const db = getDb(c.env.DB);
      const webhook = await getWebhook(db, secretBox(c.env), name);
      // The same 404 for "no such job" and "no webhook": which of the two is not revealed.
      if (!webhook) throw new NotFoundError(`A webhook for job ${name}`);
      const body = new Uint8Array(await c.req.arrayBuffer());
      const now = Date.now();
      const dedupeKey = await verifyDelivery(c.req.raw.headers, body, webhook, now);
      // The job and the stored actions it names in one round trip, for the start below.
      const found = await getJobToStart(db, name);
      // Deleting a job leaves its webhook row; a later job of the same name does not inherit it.
      if (!found || isStaleWebhook(webhook, found.job.created_at))
        throw new NotFoundError(`A webhook for job ${name}`);
      const { job, actions } = found;
      const delivery = readDelivery(name, c.req.raw.headers, body);
      const params = await mapParams(webhook, delivery, now);
      const tags = await mapTags(webhook, delivery, now);
      // The run id derives from job and key, so retried and concurrent duplicates reach one run.
      const started = await startRun(
        c.env,
        {
          job: job.compiled,
          version: job.version,
          params,
          trigger: "webhook",
          idempotency_key: dedupeKey,
          tags,
        },
        actions,
      );
      return c.json(started.run, started.created ? 202 : 200, {
        Location: `/runs/${started.run.id}`,
      });
    },
  }),
];
