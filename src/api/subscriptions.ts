import { z } from "zod";
import { secretBox } from "../access/stored-secrets";
import { checkOutboundUrl } from "../actions/net-guard";
import { subscriptionClient } from "../clients/subscription";
import { invalid, NotFoundError } from "../core/errors";
import { EVENT_PATTERNS } from "../core/lifecycle";
import { getDb } from "../db/client";
import {
  deleteSubscription,
  getSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionRecord,
} from "../db/queries/subscriptions";
import { generateWebhookSecret } from "../webhooks";
import type { AppEnv } from "./app-env";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";

const NewSubscriptionSchema = z.strictObject({
  url: z
    .string()
    .max(2048)
    .describe(
      "Where deliveries are POSTed (https; http and private hosts only with ALLOW_PRIVATE_NETWORK)",
    ),
  events: z
    .array(z.enum(EVENT_PATTERNS))
    .min(1)
    .max(EVENT_PATTERNS.length)
    .optional()
    .describe('Lifecycle events to deliver, or "run.*", "step.*", "*" (default: ["*"])'),
  jobs: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(100)
    .optional()
    .describe("Only runs of these jobs (default: every job)"),
  description: z.string().max(500).optional(),
});

const SubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  jobs: z.array(z.string()).nullable(),
  description: z.string().nullable(),
  created_at: IsoTimeSchema,
});
const CreatedSchema = SubscriptionSchema.extend({
  secret: z
    .string()
    .describe("whsec_<base64>: verifies the webhook-signature of deliveries; shown only here"),
});

const DeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const AttemptSchema = z.object({
  at: IsoTimeSchema,
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
const DeliverySchema = z.object({
  id: z.string().describe("The event id, sent as webhook-id: <run_id>:<history seq>"),
  type: z.string(),
  run_id: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: IsoTimeSchema,
  delivered_at: IsoTimeSchema.nullable(),
  next_attempt_at: IsoTimeSchema.nullable(),
  attempt_log: z.array(AttemptSchema),
});

async function findSubscription(env: AppEnv["Bindings"], id: string): Promise<SubscriptionRecord> {
  const row = await getSubscription(getDb(env.DB), id);
  if (row === null) throw new NotFoundError(`Subscription ${id}`);
  return row;
}

/** A subscription as responses show it: never the secret. */
function toView(row: SubscriptionRecord): z.infer<typeof SubscriptionSchema> {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    jobs: row.jobs ?? null,
    description: row.description,
    created_at: toIso(row.created_at),
  };
}

/** Outbound subscriptions to run lifecycle events, and their recent deliveries. */
export const subscriptionRoutes = [
  defineRoute({
    method: "post",
    path: "/subscriptions",
    summary: "Subscribe a URL to run lifecycle events, delivered signed (Standard Webhooks)",
    tag: "subscriptions",
    access: { scope: "write" },
    body: NewSubscriptionSchema,
    responses: {
      201: { description: "Created: the signing secret, shown once", schema: CreatedSchema },
      400: { description: "Invalid URL, event name or field" },
    },
    handler: async (c, { body: input }) => {
      const refused = checkOutboundUrl(input.url, c.env.ALLOW_PRIVATE_NETWORK === "true");
      if (refused !== null) throw invalid("url", refused);
      const record: SubscriptionRecord = {
        id: `sub_${crypto.randomUUID().replaceAll("-", "")}`,
        url: input.url,
        secret: generateWebhookSecret(),
        events: [...new Set(input.events ?? ["*"])],
        jobs: input.jobs === undefined ? null : [...new Set(input.jobs)],
        description: input.description ?? null,
        created_at: Date.now(),
      };
      await insertSubscription(getDb(c.env.DB), secretBox(c.env), record);
      const body = { ...toView(record), secret: record.secret };
      // The secret is in the body: no cache may keep it.
      return c.json(body, 201, {
        Location: `/subscriptions/${record.id}`,
        "Cache-Control": "no-store",
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/subscriptions",
    summary: "List subscriptions (without secrets)",
    tag: "subscriptions",
    access: { scope: "read" },
    responses: {
      200: {
        description: "Every subscription, newest first",
        schema: z.object({ items: z.array(SubscriptionSchema) }),
      },
    },
    handler: async (c) => {
      const rows = await listSubscriptions(getDb(c.env.DB));
      return c.json({ items: rows.map(toView) });
    },
  }),
  defineRoute({
    method: "get",
    path: "/subscriptions/{id}",
    summary: "Read a subscription (without its secret)",
    tag: "subscriptions",
    access: { scope: "read" },
    responses: {
      200: { description: "The subscription", schema: SubscriptionSchema },
      404: { description: "No such subscription" },
    },
    handler: async (c, { params: { id } }) => c.json(toView(await findSubscription(c.env, id))),
  }),
  defineRoute({
    method: "delete",
    path: "/subscriptions/{id}",
    summary: "Delete a subscription; pending deliveries are dropped",
    tag: "subscriptions",
    access: { scope: "write" },
    responses: { 204: { description: "Deleted" }, 404: { description: "No such subscription" } },
    handler: async (c, { params: { id } }) => {
      if (!(await deleteSubscription(getDb(c.env.DB), id)))
        throw new NotFoundError(`Subscription ${id}`);
      try {
        await subscriptionClient(c.env, id).destroy();
      } catch (error) {
        // Harmless: the queue forgets itself when it next wakes and finds the row gone.
        console.warn(`cairn: the queue of subscription ${id} was not cleared`, error);
      }
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: "get",
    path: "/subscriptions/{id}/deliveries",
    summary: "Recent deliveries, newest first, with every attempt's outcome",
    tag: "subscriptions",
    access: { scope: "read" },
    query: DeliveriesQuerySchema,
    responses: {
      200: { description: "Deliveries", schema: z.object({ items: z.array(DeliverySchema) }) },
      404: { description: "No such subscription" },
    },
    handler: async (c, { params, query: { limit } }) => {
      const { id } = await findSubscription(c.env, params.id);
      return c.json({ items: await subscriptionClient(c.env, id).deliveries(limit) });
    },
  }),
];
