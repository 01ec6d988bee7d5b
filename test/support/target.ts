/**
 * Helpers for tests running inside workerd that talk to the loopback target server started
 * by test/support/global-setup.ts. Every suite that makes outbound calls (actions, engine,
 * API) uses these; give each test its own path with `uniquePath()` so tests never clash.
 */
import { inject } from "vitest";
import type { RecordedRequest, TargetResponse } from "./target-server";

export type { RecordedRequest, TargetResponse };

/** Base URL of the target server, e.g. `http://127.0.0.1:41234`. */
export function targetBaseUrl(): string {
  return inject("targetUrl");
}

let pathCounter = 0;

/** A path no other test uses: `/<prefix>-<random>-<n>`. */
export function uniquePath(prefix = "t"): string {
  pathCounter += 1;
  return `/${prefix}-${crypto.randomUUID().slice(0, 8)}-${pathCounter}`;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${targetBaseUrl()}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`target ${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export const target = {
  /** Full URL of a target path (a query may be appended by the caller). */
  url(path: string): string {
    return `${targetBaseUrl()}${path}`;
  },

  /**
   * Programs the answers for `path`: consumed in order, the last one repeated. Without a
   * program the target answers `200 {"ok":true,"method","path","body"}`.
   */
  async program(path: string, responses: TargetResponse[]): Promise<void> {
    await control("PUT", "/__program", { path, responses });
  },

  /** Answers every request held (`hold: true`) on `path`; resolves to how many were released. */
  async release(path: string): Promise<number> {
    const { released } = await control<{ released: number }>("POST", "/__release", { path });
    return released;
  },

  /** Every request received on `path`, oldest first. Header names are lowercase. */
  async requests(path: string): Promise<RecordedRequest[]> {
    const { requests } = await control<{ requests: RecordedRequest[] }>(
      "GET",
      `/__requests?path=${encodeURIComponent(path)}`,
    );
    return requests;
  },

  /** How many requests on `path` are held open right now. */
  async held(path: string): Promise<number> {
    const { held } = await control<{ held: number }>(
      "GET",
      `/__held?path=${encodeURIComponent(path)}`,
    );
    return held;
  },

  /**
   * Polls until at least `n` requests are held on `path` (a call is in flight), so a test can
   * act mid-call without sleeping blindly. Defaults: n = 1, gives up after 10 s.
   */
  async waitForHeld(path: string, n = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const held = await target.held(path);
      if (held >= n) return;
      if (Date.now() > deadline)
        throw new Error(`target: ${held} of ${n} requests held on ${path}`);
      await scheduler.wait(20);
    }
  },
};
