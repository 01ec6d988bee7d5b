/**
 * The rate limiter's protocol and its typed client: one token bucket per key. RateLimiter
 * lives in src/access, below this layer, so it cannot name the protocol; `remote()` still
 * checks the class against it here, where a change of `take` stops compiling.
 */
import type { BucketLimit } from "../access/token-bucket";
import type { Env } from "../env";
import { type Remote, remote } from "./rpc";

/** What a rate limiter answers over RPC. */
export interface RateLimiterProtocol {
  /** Takes a token; answers how many ms to wait when none is left. */
  take(limit: BucketLimit): { ok: true } | { ok: false; retry_after_ms: number };
}

export type RateLimiterClient = Remote<RateLimiterProtocol>;

/** The bucket of `key` (the object's name is the key). */
export function rateLimiterClient(env: Env, key: string): RateLimiterClient {
  return remote(env.RATE_LIMITS, key);
}
