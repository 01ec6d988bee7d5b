/**
 * Run tags (DESIGN.md "Operating runs"): what a run is about (`{ customer: "42" }`), set
 * when it starts and indexed in D1 so `GET /runs?tag=customer:42` finds it. Pure.
 */
import { z } from "zod";

export const MAX_TAGS = 20;
export const MAX_TAG_KEY_LENGTH = 64;
export const MAX_TAG_VALUE_LENGTH = 256;

export type Tags = Record<string, string>;

/** A key may not hold `:`, which separates key from value in a `tag=key:value` filter. */
export const TagKeySchema = z
  .string()
  .min(1)
  .max(MAX_TAG_KEY_LENGTH)
  .regex(/^[^:]+$/, "must not contain ':'");

export const TagValueSchema = z.string().max(MAX_TAG_VALUE_LENGTH);

/** At most MAX_TAGS string keys to string values; refused whole at `tags` when there are more. */
export const TagsSchema = z
  .record(TagKeySchema, TagValueSchema)
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .meta({ maxProperties: MAX_TAGS });

/** `key:value` (split at the first `:`) as a filter of `GET /runs`. */
export const TagFilterSchema = z
  .string()
  .regex(/^[^:]+:/, "must be key:value")
  .transform((text) => {
    const colon = text.indexOf(":");
    return { key: text.slice(0, colon), value: text.slice(colon + 1) };
  })
  .pipe(z.object({ key: TagKeySchema, value: TagValueSchema }));

export type TagFilter = z.infer<typeof TagFilterSchema>;
