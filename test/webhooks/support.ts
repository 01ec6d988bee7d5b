/**
 * Helpers for webhook tests: give a job a webhook through the API, sign deliveries with the
 * senders' own libraries (the Standard Webhooks reference library and GitHub's
 * @octokit/webhooks-methods, not Cairn's signer), and count what a delivery wrote.
 */
import { sign as signGithubPayload } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import { type CallOptions, call, db } from "../api/api-client";
import { createJob, uniqueJobName } from "../engine/runs";

/** What `POST /jobs/{name}/webhook` answers. */
export interface CreatedWebhook {
  url: string;
  secret: string;
  github: boolean;
  params: Record<string, unknown> | null;
  tags: Record<string, string> | null;
  previous_secret_expires_at: string | null;
}

/** Saves a one-step job (extra fields merged in) and returns its name. */
export function createHookJob(fields: Record<string, unknown> = {}): Promise<string> {
  return createJob({
    name: uniqueJobName("hook"),
    steps: [{ id: "done", type: "succeed" }],
    ...fields,
  });
}

/** Creates or rotates the job's webhook; fails the test unless it answers `status`. */
export async function createWebhook(
  job: string,
  options: Record<string, unknown> = {},
  status = 201,
): Promise<CreatedWebhook> {
  const response = await call(`/jobs/${job}/webhook`, { body: options });
  expect(response.status, await response.clone().text()).toBe(status);
  return response.json<CreatedWebhook>();
}

interface DeliveryOptions {
  id?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Signs with this secret instead. */
  signWith?: string;
  headers?: Record<string, string>;
}

/** POSTs `body` to `/hooks/{job}` signed the Standard Webhooks way, without a bearer token. */
export function deliver(
  job: string,
  secret: string,
  body: string,
  options: DeliveryOptions = {},
): Promise<Response> {
  return call(`/hooks/${job}`, signedDelivery(secret, body, options));
}

/** What `deliver` sends: `body` signed the Standard Webhooks way, without a bearer token. */
export function signedDelivery(
  secret: string,
  body: string,
  options: DeliveryOptions = {},
): CallOptions {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(options.signWith ?? secret).sign(
    id,
    new Date(timestamp * 1000),
    body,
  );
  return {
    body,
    token: null,
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signature,
      ...options.headers,
    },
  };
}

/** POSTs `body` to `/hooks/{job}` signed as GitHub does. */
export async function deliverAsGithub(
  job: string,
  secret: string,
  body: string,
  delivery: string | null = crypto.randomUUID(),
): Promise<Response> {
  const headers: Record<string, string> = {
    "X-Hub-Signature-256": await signGithubPayload(secret, body),
    "X-GitHub-Event": "push",
  };
  if (delivery !== null) headers["X-GitHub-Delivery"] = delivery;
  return call(`/hooks/${job}`, { body, token: null, headers });
}

/** Runs of the job in the run index: the "nothing was started" check. */
export async function countRuns(job: string): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS n FROM runs WHERE job = ?")
    .bind(job)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** How many times the run's history records its creation. */
export async function countRunCreations(id: string): Promise<number> {
  const response = await call(`/runs/${id}/history`);
  expect(response.status).toBe(200);
  const { events } = await response.json<{ events: { type: string }[] }>();
  return events.filter((event) => event.type === "run_created").length;
}
