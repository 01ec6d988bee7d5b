import { describe, expect, it } from "vitest";
import { executeAction } from "../../src/actions/execute";
import type { WorkerActionSpec } from "../../src/definition/ir";
import type { Env } from "../../src/env";
import { makeCall } from "./call-fixture";

const workerSpec = (overrides: Partial<WorkerActionSpec> = {}): WorkerActionSpec => ({
  type: "worker",
  binding: "BILLING",
  method: "POST",
  path: "/invoices",
  headers: {},
  query: { ticket: "{{ params.ticket_id }}" },
  body: { n: "{{ params.count }}" },
  output: "body",
  ...overrides,
});

/** A stand-in for a service binding: an object with `fetch`, like a Fetcher. */
function serviceAnswering(status: number) {
  const seen: { url: string; method: string; key: string | null; body: string }[] = [];
  const service = {
    async fetch(request: Request): Promise<Response> {
      seen.push({
        url: request.url,
        method: request.method,
        key: request.headers.get("idempotency-key"),
        body: await request.text(),
      });
      return Response.json({ received: true }, { status });
    },
  };
  return { service, seen };
}

function withBinding(name: string, value: unknown) {
  const call = makeCall(workerSpec());
  return { ...call, env: { ...call.env, [name]: value } as Env };
}

describe("worker actions", () => {
  it("calls the service binding at https://<binding>.internal<path> with the shared request handling", async () => {
    const { service, seen } = serviceAnswering(200);
    const outcome = await executeAction(withBinding("BILLING", service));
    expect(outcome).toMatchObject({
      ok: true,
      output: { received: true },
      call: { kind: "worker", status: 200 },
    });
    expect(seen).toEqual([
      {
        url: "https://billing.internal/invoices?ticket=ABC-1",
        method: "POST",
        key: "run-1:check_jira:1",
        body: '{"n":4}',
      },
    ]);
  });

  it("classifies statuses like http", async () => {
    const { service } = serviceAnswering(503);
    const outcome = await executeAction(withBinding("BILLING", service));
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "http_5xx", retryable: true, status: 503 },
    });
  });

  it("fails with type worker when the binding is missing or not a service", async () => {
    expect(await executeAction(makeCall(workerSpec()))).toMatchObject({
      ok: false,
      error: { type: "worker", retryable: false },
    });
    expect(await executeAction(withBinding("BILLING", "a string"))).toMatchObject({
      ok: false,
      error: { type: "worker" },
    });
  });

  it("renders a templated path, and fails one that does not render to a path as a template error", async () => {
    const { service, seen } = serviceAnswering(200);
    const call = withBinding("BILLING", service);
    const rendered = await executeAction({
      ...call,
      spec: workerSpec({ path: "/tickets/{{ params.ticket_id }}" }),
    });
    expect(rendered.ok).toBe(true);
    expect(new URL(seen[0]?.url ?? "").pathname).toBe("/tickets/ABC-1");
    for (const path of ["{{ params.ticket_id }}", "/{{ '/evil.example' }}"]) {
      const outcome = await executeAction({ ...call, spec: workerSpec({ path }) });
      expect(outcome, path).toMatchObject({
        ok: false,
        error: { type: "template", retryable: false },
      });
    }
    expect(seen).toHaveLength(1);
  });
});
