// The three systems of `npm run bench:compare` behind one shape, so every measure runs the
// same code against each: `run(steps)` (in-system and wall times), `complete(steps)` (resolves
// once the client knows the run ended: the start throughput), `runFetch()` (one step fetching
// the loopback echo; `{ polled: true }`: the client polls from the start, else it keeps quiet
// while the call is in flight) and `sleepLatenesses(count, gapMs)` (1 s sleeps, their
// lateness in ms).
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { parseTime, requestJson } from "./http.mjs";
import { measureWaitLateness } from "./measure.mjs";
import { median } from "./stats.mjs";

const POLL_MS = 5;
/**
 * How long a fetching run's client waits before its first poll, unless asked to poll at once.
 * Under `wrangler dev` one runtime thread serves the API and every object, and each poll costs
 * it about 4 ms of CPU (2.3 ms for a trivial Worker's request): a client polling every 5 ms
 * keeps busy the thread the call's answer must be read on, a load the floor's client (one
 * request, answered at the end) never adds (bench/README.md, "The HTTP task's wait, session 16").
 */
const FETCH_QUIET_MS = 100;
const SLEEP_MS = 1000;
const FINISHED_RUN = ["succeeded", "failed", "cancelled", "timed_out"];

/**
 * Polls `read()` every POLL_MS, the first after `quietMs`, until `isDone(value)`; answers the
 * value (2 min at most).
 */
async function pollUntil(read, isDone, what, quietMs = 0) {
  const deadline = Date.now() + 120_000;
  if (quietMs > 0) await sleep(quietMs);
  while (Date.now() < deadline) {
    const value = await read();
    if (isDone(value)) return value;
    await sleep(POLL_MS);
  }
  throw new Error(`${what} not done after 2 minutes`);
}

/** Starts `count` sleeps `gapMs` apart with `start()`, then collects `lateness(handle)` of each. */
async function collectLatenesses(count, gapMs, start, lateness) {
  const handles = [];
  for (let i = 0; i < count; i++) {
    handles.push(await start());
    await sleep(gapMs);
  }
  const samples = [];
  for (const handle of handles) samples.push(await lateness(handle));
  return samples;
}

/** The durable floor (bench/floor): a run answers when it is done. */
export function floorSystem(url, echoUrl) {
  const post = async (path) =>
    (await requestJson(`${url}${path}`, { method: "POST", expect: [201] })).body;
  return {
    name: "floor",
    complete(steps) {
      return this.run(steps);
    },
    async run(steps) {
      const started = performance.now();
      const { elapsed_ms } = await post(`/run?steps=${steps}`);
      return { elapsedMs: elapsed_ms, wallMs: performance.now() - started };
    },
    // One request answered at the end: the client never polls.
    async runFetch() {
      return (await post(`/run?steps=1&fetch=${encodeURIComponent(echoUrl)}`)).elapsed_ms;
    },
    sleepLatenesses: (count, gapMs) =>
      collectLatenesses(
        count,
        gapMs,
        async () => (await post(`/sleep?ms=${SLEEP_MS}`)).name,
        async (name) =>
          (
            await pollUntil(
              async () => (await requestJson(`${url}/sleep/${name}`)).body,
              (b) => b.lateness_ms !== null,
              `floor sleep ${name}`,
            )
          ).lateness_ms,
      ),
  };
}

/**
 * The pieces every Cairn start needs, with no Cairn code (bench/rss-probe): a fresh object
 * with the floor's write, Cairn's run schema, 16 more distinct statements, a D1 row, an alarm
 * and one console call. It runs no steps: only the start figures apply.
 */
export const START_PIECES = "features=schema,statements,d1,alarm,line&statements=16";

/** A start's pieces (bench/rss-probe, START_PIECES): a start answers when they are durable. */
export function piecesSystem(url) {
  return {
    name: "pieces",
    async complete() {
      const started = performance.now();
      await requestJson(`${url}/object?${START_PIECES}`, { method: "POST", expect: [201] });
      return { wallMs: performance.now() - started };
    },
  };
}

/** Local Cloudflare Workflows (bench/workflows): create an instance, poll its status. */
export function workflowsSystem(url, echoUrl) {
  const runToEnd = async (params, quietMs = 0) => {
    const { body } = await requestJson(`${url}/run`, {
      method: "POST",
      body: params,
      expect: [201],
    });
    const status = await pollUntil(
      async () => (await requestJson(`${url}/status/${body.id}`)).body,
      (s) => s.status === "complete" || s.status === "errored" || s.status === "terminated",
      `workflow ${body.id}`,
      quietMs,
    );
    if (status.status !== "complete")
      throw new Error(`workflow ${body.id}: ${JSON.stringify(status)}`);
    return status.output;
  };
  return {
    name: "workflows",
    complete(steps) {
      return this.run(steps);
    },
    async run(steps) {
      const started = performance.now();
      const { elapsed_ms } = await runToEnd({ steps });
      return { elapsedMs: elapsed_ms, wallMs: performance.now() - started };
    },
    async runFetch({ polled = false } = {}) {
      return (await runToEnd({ steps: 1, fetch: echoUrl }, polled ? 0 : FETCH_QUIET_MS)).elapsed_ms;
    },
    async sleepLatenesses(count, gapMs) {
      const runs = [];
      for (let i = 0; i < count; i++) {
        runs.push(runToEnd({ steps: 0, sleep_ms: SLEEP_MS }));
        await sleep(gapMs);
      }
      return (await Promise.all(runs)).map((output) => output.lateness_ms);
    },
  };
}

/** Cairn: the bench jobs of measure.mjs plus `bench-fetch-1`; server-side times. */
export function cairnSystem(cairn, { url, token }, name = "cairn") {
  const read = async (id) => (await requestJson(`${url}/runs/${id}`, { token })).body;
  /**
   * Starts a run of `job` and resolves when the client knows it ended: at once when the
   * start's answer says so (a run of inline steps ends inside its start), else by polling.
   */
  const complete = async (job, quietMs = 0) => {
    const { body } = await requestJson(`${url}/jobs/${job}/runs`, {
      method: "POST",
      token,
      body: { params: {} },
      expect: [201],
    });
    const ended = FINISHED_RUN.includes(body.status)
      ? body
      : await pollUntil(
          () => read(body.id),
          (r) => FINISHED_RUN.includes(r.status),
          `run ${body.id}`,
          quietMs,
        );
    if (ended.status !== "succeeded")
      throw new Error(`run ${body.id} of ${job} ended ${ended.status}`);
    return { id: body.id, seenAt: performance.now() };
  };
  const runToEnd = async (job, quietMs = 0) => {
    const started = performance.now();
    const { id, seenAt } = await complete(job, quietMs);
    // The run's own timestamps, read once it is known to have ended (not in the wall time).
    const run = await read(id);
    const elapsedMs =
      parseTime(run.finished_at, "finished_at") - parseTime(run.started_at, "started_at");
    return { elapsedMs, wallMs: seenAt - started };
  };
  return {
    name,
    run: (steps) => runToEnd(`bench-pass-${steps}`),
    complete: (steps) => complete(`bench-pass-${steps}`),
    runFetch: async ({ polled = false } = {}) =>
      (await runToEnd("bench-fetch-1", polled ? 0 : FETCH_QUIET_MS)).elapsedMs,
    sleepLatenesses: async (count, gapMs) =>
      (await measureWaitLateness(cairn, { count, gapMs })).samples,
  };
}

/** Saves the one job Cairn needs beyond measure.mjs's: a task calling the loopback echo. */
export async function createFetchJob({ url, token }, echoUrl) {
  const call = (path, body) =>
    requestJson(`${url}${path}`, { method: "POST", token, body, expect: [200, 201] });
  await call("/actions", { name: "bench-echo", type: "http", method: "GET", url: echoUrl });
  await call("/jobs", {
    name: "bench-fetch-1",
    steps: [{ id: "call", type: "task", action: "bench-echo" }],
  });
}

/** A loopback echo that answers at once, so a fetching step costs what the system adds. */
export function startEcho() {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"ok":true}');
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The echo's URL once `startEcho()` listens. */
export const echoUrlOf = (echo) => `http://127.0.0.1:${echo.address().port}/echo`;

/**
 * The extra of a step fetching the echo over a no-op step: the median in-system time of
 * `runFetch()` runs less that of one-step `run(1)` runs (`elapsedMs` of each).
 */
export function fetchExtraMs(fetchMs, oneStepMs) {
  return median(fetchMs) - median(oneStepMs);
}
