import { z } from "zod";
import { formatDuration } from "../core/duration";
import { FixedDurationSchema } from "./fields";
import { BACKOFFS, type RetryPolicy } from "./ir";

/**
 * A retry policy as written (`{ max_attempts: 5, backoff: exponential, delay: 1s }`),
 * compiled to a RetryPolicy in milliseconds. `max_attempts` counts the first try (1..100,
 * required); `backoff` defaults to exponential, `delay` to 1s, `max_delay` to 5m, `jitter`
 * to true. `max_delay` must not be shorter than `delay`, checked here rather than at run time.
 */
export const RetrySourceSchema = z
  .strictObject({
    max_attempts: z.int().min(1).max(100),
    backoff: z.enum(BACKOFFS).default("exponential"),
    delay: FixedDurationSchema.default(1000),
    max_delay: FixedDurationSchema.default(5 * 60 * 1000),
    jitter: z.boolean().default(true),
  })
  .transform((source, ctx): RetryPolicy => {
    if (source.max_delay < source.delay) {
      ctx.addIssue({
        code: "custom",
        path: ["max_delay"],
        message: `max_delay (${formatDuration(source.max_delay)}) must not be shorter than delay (${formatDuration(source.delay)})`,
      });
    }
    return {
      max_attempts: source.max_attempts,
      backoff: source.backoff,
      delay_ms: source.delay,
      max_delay_ms: source.max_delay,
      jitter: source.jitter,
    };
  });

export type RetrySource = z.input<typeof RetrySourceSchema>;
