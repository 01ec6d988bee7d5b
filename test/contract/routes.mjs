// Real fixtures for every documented route, in an order where each call has what it needs
// (a job before its runs, a waiting run before its events). Each call goes through the
// walker, which checks the answer against the document. A new route, or a new 2xx answer,
// needs its call here: the coverage check of run.mjs fails until every one is produced.
import { sign as signGithub } from "@octokit/webhooks-methods";
import { Webhook } from "standardwebhooks";
import { headerOf, sendJson, waitUntil } from "../e2e/http.mjs";
import { walkKeys } from "./keys-walk.mjs";

const WAIT_MS = 20_000;

/** Waits for a callback URL and a waiting step: announce's output names hold's callback. */
const FLOW_JOB = {
  name: "contract-flow",
  steps: [
    { id: "announce", type: "pass", output: { callback: "{{ callbacks.hold }}" }, next: "hold" },
    { id: "hold", type: "wait_for_event", event: "go", next: "done" },
    { id: "done", type: "succeed" },
  ],
};
const QUICK_JOB = { name: "contract-quick", steps: [{ id: "done", type: "succeed" }] };
const FAILING_JOB = { name: "contract-fails", steps: [{ id: "boom", type: "fail" }] };
const SCHEDULED_JOB = { ...QUICK_JOB, name: "contract-scheduled", schedule: { cron: "0 9 * * *" } };

/**
 * Walks every route. `api(method, path, body)` is an unchecked call for polling;
 * `target` is the loopback server's control API.
 */
export async function walkEveryRoute({ walker, target, report, baseUrl, token, ratePerMinute }) {
  const api = async (method, path, body) =>
    (await sendJson(baseUrl, method, path, { token, body })).body;
  const waitForRun = (id, statuses) =>
    waitUntil(
      `run ${id} to be ${statuses.join(" or ")}`,
      async () => {
        const run = await api("GET", `/runs/${id}`);
        return statuses.includes(run?.status) && run;
      },
      { timeoutMs: WAIT_MS },
    );
  const waitForStep = (id, stepId, status) =>
    waitUntil(
      `step ${stepId} of run ${id} to be ${status}`,
      async () => {
        const steps = (await api("GET", `/runs/${id}/steps`))?.steps ?? [];
        return steps.find((s) => s.id === stepId && s.status === status);
      },
      { timeoutMs: WAIT_MS },
    );
  const { send } = walker;

  report.section("Route walk: meta");
  for (const path of [
    "/health",
    "/openapi.json",
    "/docs",
    "/schemas/job.json",
    "/schemas/action.json",
  ]) {
    await send("get", path, { status: 200, auth: false });
  }

  report.section("Route walk: dashboard");
  // The session routes check Origin as a browser sends it; the cookie itself is tested in
  // test/ui (session.test.ts and the browser test).
  const sameOrigin = { origin: new URL(baseUrl).origin };
  await send("get", "/ui/*", { status: 200, auth: false });
  await send("get", "/ui/session", { status: 200, auth: false });
  await send("post", "/ui/session", {
    body: { credential: token },
    headers: sameOrigin,
    status: 201,
    auth: false,
  });
  await send("delete", "/ui/session", { headers: sameOrigin, status: 204, auth: false });

  report.section("Route walk: actions");
  const action = { type: "http", method: "POST", url: target.url("/contract-echo") };
  await send("post", "/actions", { body: { name: "contract-echo", ...action }, status: 201 });
  await walker.refuseInvalidBodies("post", "/actions");
  await send("get", "/actions", { status: 200 });
  await send("get", "/actions/{name}", { params: { name: "contract-echo" }, status: 200 });
  await send("put", "/actions/{name}", {
    params: { name: "contract-echo" },
    body: { ...action, description: "echo" },
    status: 200,
  });
  await send("put", "/actions/{name}", {
    params: { name: "contract-spare" },
    body: action,
    status: 201,
  });
  await walker.refuseInvalidBodies("put", "/actions/{name}", {
    params: { name: "contract-spare" },
  });
  await send("delete", "/actions/{name}", { params: { name: "contract-spare" }, status: 204 });

  report.section("Route walk: jobs");
  await send("post", "/jobs/validate", { body: FLOW_JOB, status: 200 });
  await walker.refuseInvalidBodies("post", "/jobs/validate");
  for (const job of [FLOW_JOB, QUICK_JOB, FAILING_JOB, SCHEDULED_JOB]) {
    await send("post", "/jobs", { body: job, status: 201 });
  }
  await walker.refuseInvalidBodies("post", "/jobs");
  await send("put", "/jobs/{name}", {
    params: { name: FLOW_JOB.name },
    body: { ...FLOW_JOB, description: "v2" },
    status: 200,
  });
  await send("put", "/jobs/{name}", {
    params: { name: "contract-spare" },
    body: { steps: QUICK_JOB.steps },
    status: 201,
  });
  await walker.refuseInvalidBodies("put", "/jobs/{name}", { params: { name: "contract-spare" } });
  await send("delete", "/jobs/{name}", { params: { name: "contract-spare" }, status: 204 });
  await send("get", "/jobs", { status: 200 });
  await send("get", "/jobs/{name}", {
    params: { name: FLOW_JOB.name },
    query: "?version=1",
    status: 200,
  });
  await send("get", "/jobs/{name}/versions", { params: { name: FLOW_JOB.name }, status: 200 });

  report.section("Route walk: runs");
  const flow = { params: { name: FLOW_JOB.name } };
  const once = { idempotency_key: "contract-once" };
  const first = await send("post", "/jobs/{name}/runs", { ...flow, body: once, status: 201 });
  await send("post", "/jobs/{name}/runs", { ...flow, body: once, status: 200 });
  await walker.refuseInvalidBodies("post", "/jobs/{name}/runs", flow);
  const id = first.body.id;
  await waitForStep(id, "hold", "waiting");
  await send("post", "/runs/{id}/pause", { params: { id }, status: 200 });
  await send("post", "/runs/{id}/resume", { params: { id }, status: 200 });
  await send("post", "/runs/{id}/events/{name}", {
    params: { id, name: "go" },
    body: { approved: true },
    status: 202,
  });
  await waitForRun(id, ["succeeded"]);
  for (const path of [
    "/runs/{id}",
    "/runs/{id}/steps",
    "/runs/{id}/history",
    "/runs/{id}/stream",
    "/runs/{id}/definition",
  ]) {
    await send("get", path, { params: { id }, status: 200 });
  }
  await send("get", "/runs", { query: `?job=${FLOW_JOB.name}`, status: 200 });

  const second = await send("post", "/jobs/{name}/runs", { ...flow, status: 201 });
  const announce = await waitForStep(second.body.id, "announce", "succeeded");
  const callback = String(announce.output?.callback ?? "")
    .split("/")
    .at(-1);
  await send("post", "/callbacks/{token}", {
    params: { token: callback },
    body: { via: "callback" },
    status: 202,
    auth: false,
  });
  await waitForRun(second.body.id, ["succeeded"]);
  await send("delete", "/runs/{id}", { params: { id: second.body.id }, status: 204 });

  const inline = {
    job: { ...FLOW_JOB, name: "contract-inline" },
    idempotency_key: "contract-inline-1",
  };
  const held = await send("post", "/runs", { body: inline, status: 201 });
  await send("post", "/runs", { body: inline, status: 200 });
  await send("post", "/runs", {
    body: { workflow_name: "ContractKarya", parameters: {}, steps: QUICK_JOB.steps },
    status: 201,
  });
  await walker.refuseInvalidBodies("post", "/runs");
  await send("post", "/runs/{id}/cancel", { params: { id: held.body.id }, status: 200 });

  const failing = await send("post", "/jobs/{name}/runs", {
    params: { name: FAILING_JOB.name },
    status: 201,
  });
  await waitForRun(failing.body.id, ["failed"]);
  await send("post", "/runs/{id}/retry", { params: { id: failing.body.id }, status: 200 });

  report.section("Route walk: bulk operations");
  const operation = await send("post", "/operations", {
    body: { action: "cancel", filter: { ids: [held.body.id] } },
    status: 202,
  });
  await walker.refuseInvalidBodies("post", "/operations");
  await send("get", "/operations/{id}", { params: { id: operation.body.id }, status: 200 });

  report.section("Route walk: schedules");
  await send("get", "/schedules", { status: 200 });
  await send("post", "/jobs/{name}/pause", { params: { name: SCHEDULED_JOB.name }, status: 200 });
  await send("post", "/jobs/{name}/resume", { params: { name: SCHEDULED_JOB.name }, status: 200 });

  report.section("Route walk: subscriptions, webhooks and their signatures");
  const subscribed = await send("post", "/subscriptions", {
    body: {
      url: target.url("/contract-subscription"),
      jobs: [QUICK_JOB.name],
      events: ["run.succeeded"],
    },
    status: 201,
  });
  await walker.refuseInvalidBodies("post", "/subscriptions");
  const subscription = { params: { id: subscribed.body.id } };
  await send("get", "/subscriptions", { status: 200 });
  await send("get", "/subscriptions/{id}", { ...subscription, status: 200 });

  const quick = { params: { name: QUICK_JOB.name } };
  await send("post", "/jobs/{name}/webhook", { ...quick, status: 201 });
  const rotated = await send("post", "/jobs/{name}/webhook", {
    ...quick,
    body: { github: true },
    status: 200,
  });
  await walker.refuseInvalidBodies("post", "/jobs/{name}/webhook", quick);
  const secret = rotated.body.secret;
  await deliverSigned({ send, quick, secret });

  const deliveries = await waitUntil(
    "the subscription's deliveries",
    async () => {
      const received = await target.requests("/contract-subscription");
      return received.length >= 2 && received;
    },
    { timeoutMs: WAIT_MS },
  );
  const receiver = new Webhook(subscribed.body.secret);
  const unverified = deliveries.filter((request) => {
    try {
      receiver.verify(
        request.body,
        Object.fromEntries(
          ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [
            name,
            headerOf(request, name),
          ]),
        ),
      );
      return false;
    } catch {
      return true;
    }
  });
  report.check(
    unverified.length === 0,
    `the subscription's ${deliveries.length} deliveries verify with the standardwebhooks library`,
    unverified.map((request) => JSON.stringify(request.headers)).join("; "),
  );
  await send("get", "/subscriptions/{id}/deliveries", { ...subscription, status: 200 });
  await send("delete", "/subscriptions/{id}", { ...subscription, status: 204 });
  await send("delete", "/jobs/{name}/webhook", { ...quick, status: 204 });

  const jobs = { allowed: QUICK_JOB.name, other: FLOW_JOB.name };
  await walkKeys({ walker, report, jobs, ratePerMinute });
}

/**
 * Deliveries signed by the reference libraries, not by Cairn's own signer: Standard
 * Webhooks (twice with one id: the second is a repeat) and GitHub's X-Hub-Signature-256.
 */
async function deliverSigned({ send, quick, secret }) {
  const payload = JSON.stringify({ action: "opened" });
  const webhookId = `msg_contract_${Date.now()}`;
  const headers = {
    "content-type": "application/json",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
  };
  headers["webhook-signature"] = new Webhook(secret).sign(
    webhookId,
    new Date(Number(headers["webhook-timestamp"]) * 1000),
    payload,
  );
  await send("post", "/hooks/{job}", {
    params: { job: quick.params.name },
    body: payload,
    headers,
    status: 202,
    auth: false,
  });
  await send("post", "/hooks/{job}", {
    params: { job: quick.params.name },
    body: payload,
    headers,
    status: 200,
    auth: false,
  });
  await send("post", "/hooks/{job}", {
    params: { job: quick.params.name },
    body: payload,
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": `contract-${Date.now()}`,
      "x-hub-signature-256": await signGithub(secret, payload),
    },
    status: 202,
    auth: false,
  });
}
