// HTTP clients for the two servers under test: Cairn's REST API and the baseline Worker.
import { setTimeout as sleep } from "node:timers/promises";

const REQUEST_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 50;
const RUN_TIMEOUT_MS = 120_000;
const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled", "timed_out"]);

/**
 * Sends one JSON request and returns `{ status, body }`. Throws when the answer is not
 * one of `expect` (default: any 2xx), quoting the body so engine errors are readable.
 */
export async function requestJson(url, { method = "GET", token, body, expect } = {}) {
  const headers = { accept: "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  const isExpected = expect ? expect.includes(response.status) : response.ok;
  if (!isExpected) throw new Error(`${method} ${url} -> ${response.status}: ${text.slice(0, 500)}`);
  return { status: response.status, body: text === "" ? null : JSON.parse(text) };
}

/** Parses an ISO 8601 time into epoch milliseconds; throws naming `what` when absent. */
export function parseTime(value, what) {
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`${what} is not an ISO time: ${JSON.stringify(value)}`);
  return ms;
}

/** A client of Cairn's REST API (DESIGN.md "REST API") at `url`, authenticated by `token`. */
export function createCairnClient(url, token) {
  const call = (path, options = {}) => requestJson(`${url}${path}`, { token, ...options });
  return {
    /** Saves a job definition (`POST /jobs`). */
    createJob: (definition) => call("/jobs", { method: "POST", body: definition }),
    /** Starts a run (`POST /jobs/{name}/runs`) and returns its id. */
    startRun: async (job, params = {}) => {
      const { body } = await call(`/jobs/${job}/runs`, { method: "POST", body: { params } });
      return body.id;
    },
    /** The run as `GET /runs/{id}` gives it. */
    getRun: async (id) => (await call(`/runs/${id}`)).body,
    /** The run's steps as `GET /runs/{id}/steps` gives them. */
    getSteps: async (id) => (await call(`/runs/${id}/steps`)).body.steps,
    /** Polls the run until its status is terminal and returns it (throws after 2 minutes). */
    waitForRun: async (id) => {
      const deadline = Date.now() + RUN_TIMEOUT_MS;
      while (Date.now() < deadline) {
        const run = (await call(`/runs/${id}`)).body;
        if (TERMINAL_STATUSES.has(run.status)) return run;
        await sleep(POLL_INTERVAL_MS);
      }
      throw new Error(`run ${id} not finished after ${RUN_TIMEOUT_MS} ms`);
    },
  };
}

/** A client of the baseline Worker (bench/baseline/worker.ts) at `url`. */
export function createBaselineClient(url) {
  return {
    /** Runs `steps` awaited writes in a fresh object; answers the in-object elapsed ms. */
    runSteps: async (steps) =>
      (await requestJson(`${url}/run?steps=${steps}`, { method: "POST" })).body.elapsed_ms,
    /** Creates a fresh object and writes one record. */
    start: () => requestJson(`${url}/start`, { method: "POST", expect: [201] }),
  };
}

/**
 * Runs `task(i)` for i in 0..count-1 with at most `concurrency` in flight, and resolves to
 * the results in order. A failing task does not stop the others; its slot holds the error.
 */
export async function runPool(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await task(i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
