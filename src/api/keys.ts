import { z } from "zod";
import { generateKey, hashKey } from "../access/key-format";
import { SCOPES } from "../access/scopes";
import { invalid, NotFoundError } from "../core/errors";
import { getDb } from "../db/client";
import { type ApiKeyRecord, deleteKey, insertKey, listKeys } from "../db/queries/keys";
import { JobNameSchema } from "../definition";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";

const NewKeySchema = z.strictObject({
  name: z.string().min(1).max(200).describe("What the key is for (shown in GET /keys)"),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1)
    .max(SCOPES.length)
    .describe("read < run < write < admin: each includes the ones before it"),
  jobs: z
    .array(JobNameSchema)
    .min(1)
    .max(100)
    .optional()
    .describe("Limit a run key to starting and steering runs of these jobs (default: every job)"),
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("When the key stops working (default: never)"),
});

const KeySchema = z.object({
  id: z.string().describe("The non-secret part of the key (cairn_<id>_…)"),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  jobs: z.array(z.string()).nullable(),
  created_at: IsoTimeSchema,
  expires_at: IsoTimeSchema.nullable(),
  last_used_at: IsoTimeSchema.nullable(),
});
const CreatedKeySchema = KeySchema.extend({
  key: z.string().describe("cairn_<id>_<secret>: shown only in this response, stored as a hash"),
});

function toView(record: ApiKeyRecord): z.infer<typeof KeySchema> {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes as z.infer<typeof KeySchema>["scopes"],
    jobs: record.jobs ?? null,
    created_at: toIso(record.created_at),
    expires_at: toIso(record.expires_at),
    last_used_at: toIso(record.last_used_at),
  };
}

/** Managing API keys (`admin` scope): the key string exists only in the create response. */
export const keyRoutes = [
  defineRoute({
    method: "post",
    path: "/keys",
    summary: "Create an API key; its secret is answered once, and only its hash is stored",
    tag: "keys",
    access: { scope: "admin" },
    body: NewKeySchema,
    responses: {
      201: { description: "Created: the key, shown once", schema: CreatedKeySchema },
      400: { description: "Invalid name, scopes, jobs or expires_at" },
    },
    handler: async (c, { body }) => {
      const now = Date.now();
      const expiresAt = body.expires_at === undefined ? null : Date.parse(body.expires_at);
      if (expiresAt !== null && expiresAt <= now)
        throw invalid("expires_at", "must be in the future");
      if (body.jobs && body.scopes.some((scope) => scope === "write" || scope === "admin"))
        throw invalid("jobs", "limits a read or run key; write and admin reach every job");
      const { id, key } = generateKey();
      const record: ApiKeyRecord = {
        id,
        name: body.name,
        hash: await hashKey(key),
        scopes: [...new Set(body.scopes)],
        jobs: body.jobs ? [...new Set(body.jobs)] : null,
        created_at: now,
        expires_at: expiresAt,
        last_used_at: null,
      };
      await insertKey(getDb(c.env.DB), record);
      // The key is in the body: no cache may keep it.
      return c.json({ ...toView(record), key }, 201, {
        "Cache-Control": "no-store",
        Location: `/keys/${id}`,
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/keys",
    summary: "Every API key, without its secret, with when it was last used",
    tag: "keys",
    access: { scope: "admin" },
    responses: {
      200: {
        description: "The keys",
        schema: z.object({ items: z.array(KeySchema), next_cursor: z.string().nullable() }),
      },
    },
    handler: async (c) => {
      const records = await listKeys(getDb(c.env.DB));
      return c.json({ items: records.map(toView), next_cursor: null });
    },
  }),
  defineRoute({
    method: "delete",
    path: "/keys/{id}",
    summary: "Revoke a key: the next request that presents it gets 401",
    tag: "keys",
    access: { scope: "admin" },
    responses: { 204: { description: "Revoked" }, 404: { description: "No such key" } },
    handler: async (c, { params: { id } }) => {
      if (!(await deleteKey(getDb(c.env.DB), id))) throw new NotFoundError(`Key ${id}`);
      return c.body(null, 204);
    },
  }),
];
