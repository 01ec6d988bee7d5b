/**
 * Helpers for subscription tests: subscribe a loopback target path through the API, then
 * poll what the target received (deliveries are asynchronous by design) and verify it.
 */
import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import { call } from "../api/api-client";
import { type RecordedRequest, target } from "../support/target";

export interface CreatedSubscription {
  id: string;
  url: string;
  events: string[];
  jobs: string[] | null;
  description: string | null;
  created_at: string;
  secret: string;
}

export interface Delivered {
  type: string;
  run_id: string;
  job: string;
  step_id?: string;
  at: string;
  data: Record<string, unknown>;
}

/** Subscribes `target.url(path)`; fails the test unless it is created. */
export async function subscribe(
  path: string,
  fields: Record<string, unknown> = {},
): Promise<CreatedSubscription> {
  const response = await call("/subscriptions", { body: { url: target.url(path), ...fields } });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<CreatedSubscription>();
}

/** Polls until `path` received a request satisfying `done` (bounded: 15 s). */
export async function waitForRequests(
  path: string,
  done: (requests: RecordedRequest[]) => boolean,
  timeoutMs = 15_000,
): Promise<RecordedRequest[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requests = await target.requests(path);
    if (done(requests)) return requests;
    if (Date.now() > deadline)
      throw new Error(`target ${path}: ${requests.length} requests, condition not met`);
    await scheduler.wait(50);
  }
}

/** Polls until the deliveries of `path` include every type in `types`. */
export function waitForTypes(path: string, types: readonly string[]): Promise<RecordedRequest[]> {
  return waitForRequests(path, (requests) => {
    const seen = new Set(requests.map((request) => readDelivered(request).type));
    return types.every((type) => seen.has(type));
  });
}

export function readDelivered(request: RecordedRequest): Delivered {
  return JSON.parse(request.body) as Delivered;
}

/**
 * Verifies a received request's signature with the Standard Webhooks reference library
 * (not Cairn's own verifier), so deliveries are proven against an implementation Cairn
 * did not write.
 */
export function verify(
  request: RecordedRequest,
  secret: string,
): { ok: true } | { ok: false; reason: string } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === "string" ? value : "";
  };
  try {
    new Webhook(secret).verify(request.body, {
      "webhook-id": header("webhook-id"),
      "webhook-timestamp": header("webhook-timestamp"),
      "webhook-signature": header("webhook-signature"),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
