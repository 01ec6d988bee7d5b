/**
 * A token bucket: `capacity` tokens, refilled at `capacity` per `periodMs`. Pure, so the
 * Durable Object that keeps one per key is a thin adapter and the math is testable alone.
 */
export interface BucketState {
  tokens: number;
  updated_at: number;
}

export interface BucketLimit {
  capacity: number;
  periodMs: number;
}

export type TakeResult =
  | { ok: true; state: BucketState }
  | { ok: false; state: BucketState; retryAfterMs: number };

/** Takes one token at `now`, or says how long until one is there. A new bucket starts full. */
export function takeToken(state: BucketState | null, limit: BucketLimit, now: number): TakeResult {
  const perMs = limit.capacity / limit.periodMs;
  const before = state ?? { tokens: limit.capacity, updated_at: now };
  const elapsed = Math.max(0, now - before.updated_at);
  const tokens = Math.min(limit.capacity, before.tokens + elapsed * perMs);
  if (tokens >= 1) return { ok: true, state: { tokens: tokens - 1, updated_at: now } };
  return {
    ok: false,
    state: { tokens, updated_at: now },
    retryAfterMs: Math.ceil((1 - tokens) / perMs),
  };
}
