import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { type BucketLimit, type BucketState, takeToken } from "./token-bucket";

/**
 * One token bucket per rate-limited key (named by the key), used where the Workers rate
 * limiting binding is not configured. The bucket lives in memory: an evicted object starts
 * again with a full bucket, which errs towards letting requests through, never towards
 * refusing them, and costs no storage write per request.
 */
export class RateLimiter extends DurableObject<Env> {
  private state: BucketState | null = null;

  /** Takes a token; answers how many ms to wait when none is left. */
  take(limit: BucketLimit): { ok: true } | { ok: false; retry_after_ms: number } {
    const result = takeToken(this.state, limit, Date.now());
    this.state = result.state;
    return result.ok ? { ok: true } : { ok: false, retry_after_ms: result.retryAfterMs };
  }
}
