// Many runs sleeping at once: BENCH_SLEEPERS [2000] runs of `bench-sleep` (wait
// BENCH_SLEEP_S [90] s, then pass), started BENCH_CONCURRENCY [20] at a time (no start
// after the first wake is due, so all sleep at once; the figures say how many). Reports how
// long the starts took, the runtime's RSS while they all sleep (sampled every 5 s), and the
// lateness of each wake (`pass` started_at - (wait started_at + the wait)), p50/p95/max.
// Progress (starts, RSS) goes to stderr every BENCH_PROGRESS_S [15] s. The run index is not
// polled until the last wake is due, so the polling does not load the wakes it measures.
// BENCH_REV [HEAD] names the commit measured. BENCH_SLEEPERS_SYSTEM=floor makes the same
// sleeps on the durable floor (bench/floor: a Durable Object that sets its alarm and, woken,
// records Date.now() - due), which shows what the runtime's alarm delivery alone costs at
// that scale and rate. BENCH_SLEEPERS_SAMPLES=<file> writes each sleep's figures as JSON.
// BENCH_START_RATE [0: as fast as they go] caps the starts per second: the runs wake at the
// rate they started, so two commits compare only at the same rate (a faster start makes the
// wakes denser, and later, on the one local isolate: bench/README.md, "Sleepers' lateness,
// session 13").
//
//   npx node bench/sleepers.mjs                       # 2,000 runs: 5-10 minutes on 2 shared cores
//   BENCH_SLEEPERS=10000 BENCH_SLEEP_S=900 BENCH_CONCURRENCY=50 npx node bench/sleepers.mjs
//   BENCH_SLEEPERS=3000 BENCH_SLEEP_S=120 BENCH_CONCURRENCY=30 BENCH_REV=main npx node bench/sleepers.mjs
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createCairnClient, parseTime, requestJson, runPool } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { currentRssMb } from "./lib/rss.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "./lib/servers.mjs";
import { startSnapshotCairn } from "./lib/snapshot.mjs";
import { percentile } from "./lib/stats.mjs";

const RUNS = readCount("BENCH_SLEEPERS", 2000);
const SLEEP_S = readCount("BENCH_SLEEP_S", 90);
const CONCURRENCY = readCount("BENCH_CONCURRENCY", 20);
const PROGRESS_MS = readCount("BENCH_PROGRESS_S", 15) * 1000;
const REV = process.env.BENCH_REV ?? "HEAD";
const SYSTEM = process.env.BENCH_SLEEPERS_SYSTEM ?? "cairn";
const SAMPLES = process.env.BENCH_SLEEPERS_SAMPLES;
const START_RATE = process.env.BENCH_START_RATE ? readCount("BENCH_START_RATE", 0) : 0;
const JOB = "bench-sleep";
const RSS_EVERY_MS = 5000;
const SETTLE_TIMEOUT_MS = 600_000;
const POLL_MS = 3000;

killServersOnExit();

/** How many runs of the job have succeeded, from the run index (every page). */
async function countSucceeded(url, token) {
  let count = 0;
  let cursor = null;
  do {
    const query = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const { body } = await requestJson(
      `${url}/runs?job=${JOB}&status=succeeded&limit=200${query}`,
      { token },
    );
    count += body.items.length;
    cursor = body.next_cursor;
  } while (cursor !== null);
  return count;
}

/**
 * Cairn's sleepers: runs of "wait SLEEP_S, then pass". `start()` answers the run id;
 * `sample(id)` its wake's figures (`lateness` ms, and the step times they come from).
 */
async function cairnSleepers(stateDir) {
  const token = randomBytes(24).toString("hex");
  const { server, commit } = await startSnapshotCairn(stateDir, { API_TOKEN: token }, { rev: REV });
  const cairn = createCairnClient(server.url, token);
  await cairn.createJob({
    name: JOB,
    steps: [
      { id: "nap", type: "wait", duration: `${SLEEP_S}s`, next: "then" },
      { id: "then", type: "pass" },
    ],
  });
  return {
    label: "Cairn sleepers",
    work: `runs of "wait ${SLEEP_S}s, then pass"`,
    server,
    commit,
    start: () => cairn.startRun(JOB),
    countWoken: () => countSucceeded(server.url, token),
    async sample(id) {
      const steps = await cairn.getSteps(id);
      const napAt = parseTime(steps.find((step) => step.id === "nap").started_at, `${id} nap`);
      const then = steps.find((step) => step.id === "then");
      const thenAt = parseTime(then.started_at, `${id} then`);
      return {
        id,
        nap_started: napAt,
        then_started: thenAt,
        then_finished: parseTime(then.finished_at, `${id} then`),
        lateness: thenAt - (napAt + SLEEP_S * 1000),
      };
    },
  };
}

/** The floor's sleepers: one object each, its alarm set for SLEEP_S; woken, it records its lateness. */
async function floorSleepers(stateDir) {
  const server = await startServer({
    name: "floor",
    config: join(ROOT, "bench", "floor", "wrangler.toml"),
    persistTo: join(stateDir, "floor"),
    logFile: join(stateDir, "floor.log"),
  });
  const woken = new Set();
  const latenessOf = async (name) =>
    (await requestJson(`${server.url}/sleep/${name}`)).body.lateness_ms;
  return {
    label: "Floor sleepers",
    work: `floor objects sleeping ${SLEEP_S}s`,
    server,
    commit: "bench/floor of the working tree",
    start: async () =>
      (
        await requestJson(`${server.url}/sleep?ms=${SLEEP_S * 1000}`, {
          method: "POST",
          expect: [201],
        })
      ).body.name,
    // Asks each sleeper not yet seen awake (the floor has no index to count from).
    async countWoken(names) {
      const pending = names.filter((name) => !woken.has(name));
      const answers = await runPool(pending.length, CONCURRENCY, (i) => latenessOf(pending[i]));
      answers.forEach((answer, i) => {
        if (answer.ok && answer.value !== null) woken.add(pending[i]);
      });
      return woken.size;
    },
    sample: async (name) => ({ id: name, lateness: await latenessOf(name) }),
  };
}

/**
 * Starts RUNS sleepers, CONCURRENCY in flight, printing progress and the RSS on stderr. Stops
 * at the first wake (`firstWake`, epoch ms): later starts would not sleep beside all the
 * others, so they are not made (null in their slot) and the figures are for fewer runs.
 */
async function startAll(system, firstWake) {
  const began = Date.now();
  let landed = 0;
  const progress = setInterval(() => {
    const rate = landed / ((Date.now() - began) / 1000);
    console.error(
      `sleepers: ${landed} of ${RUNS} started (${rate.toFixed(1)} /s), workerd RSS ${currentRssMb(system.server)} MB`,
    );
  }, PROGRESS_MS);
  try {
    return await runPool(RUNS, CONCURRENCY, async (i) => {
      if (START_RATE > 0) await sleep(Math.max(0, began + (i * 1000) / START_RATE - Date.now()));
      if (Date.now() > firstWake) return null;
      const id = await system.start();
      landed += 1;
      return id;
    });
  } finally {
    clearInterval(progress);
  }
}

/** Samples the runtime's RSS every 5 s until `until` (epoch ms). */
async function sampleRss(server, until) {
  const samples = [];
  while (Date.now() < until) {
    samples.push(currentRssMb(server));
    await sleep(Math.min(RSS_EVERY_MS, Math.max(0, until - Date.now())));
  }
  return samples;
}

async function measure(system) {
  const began = Date.now();
  const firstWake = began + SLEEP_S * 1000;
  // Lateness stays valid either way (each wake is measured from its own wait); only the
  // "all asleep at once" claim needs every start to have landed before the first wake.
  const started = await startAll(system, firstWake);
  const startMs = Date.now() - began;
  const failed = started.filter((result) => !result.ok);
  // A start that failed (say, timed out on a saturated machine) is counted, not fatal: the
  // runs that did start still measure the wakes.
  if (failed.length > 0)
    console.error(`sleepers: ${failed.length} starts failed, the first: ${failed[0].error}`);
  const ids = started.filter((result) => result.ok && result.value !== null).map((r) => r.value);
  if (ids.length + failed.length < RUNS)
    console.error(
      `sleepers: only ${ids.length} started before the first wake; raise BENCH_SLEEP_S`,
    );
  console.error(`sleepers: ${ids.length} started in ${startMs} ms; sampling RSS while they sleep`);
  const rss = await sampleRss(system.server, firstWake - 1000);
  console.error(`sleepers: waking; nothing is polled until the last wake is due`);
  await sleep(Math.max(0, began + startMs + SLEEP_S * 1000 - Date.now()));
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let done = 0;
  while (done < ids.length && Date.now() < deadline) {
    await sleep(POLL_MS);
    done = await system.countWoken(ids).catch(() => done);
    console.error(`sleepers: ${done} of ${ids.length} woken`);
  }
  if (done < ids.length) throw new Error(`only ${done} of ${ids.length} sleepers woke`);
  const sampled = await runPool(ids.length, CONCURRENCY, (i) => system.sample(ids[i]));
  const samples = sampled.map((result) => {
    if (!result.ok) throw result.error;
    return result.value;
  });
  if (SAMPLES) writeFileSync(SAMPLES, JSON.stringify(samples));
  const lateness = samples.map((sample) => sample.lateness);
  return { count: ids.length, failed: failed.length, startMs, rss, lateness };
}

function formatReport(system, { count, failed, startMs, rss, lateness }, machine) {
  const known = rss.filter((mb) => mb !== null);
  const memory =
    known.length === 0
      ? "none (the starts reached the first wake)"
      : `first ${known[0]} MB, min ${Math.min(...known)} MB, max ${Math.max(...known)} MB, last ${known.at(-1)} MB (${known.length} samples)`;
  return [
    `${system.label}, ${machine.date}, commit ${system.commit}`,
    `machine: ${machine.nproc} cores of ${machine.cpuModel}, node ${machine.node}, load average ${machine.loadBefore} before / ${machine.loadAfter} after`,
    `${count} of ${RUNS} ${system.work} started (${failed} starts failed), all started woke; ${CONCURRENCY} starts in flight${START_RATE > 0 ? `, at most ${START_RATE} /s` : ""}, in ${(startMs / 1000).toFixed(1)} s (${((count * 1000) / startMs).toFixed(1)} /s)`,
    `workerd RSS while all sleep (every 5 s): ${memory}`,
    `wake lateness: p50 ${percentile(lateness, 50)} ms, p95 ${percentile(lateness, 95)} ms, max ${Math.max(...lateness)} ms`,
  ].join("\n");
}

async function main() {
  const machine = describeMachine();
  await withServers("cairn-bench-sleepers-", async (stateDir) => {
    const system =
      SYSTEM === "floor" ? await floorSleepers(stateDir) : await cairnSleepers(stateDir);
    const result = await measure(system);
    machine.loadAfter = readLoad();
    console.log(formatReport(system, result, machine));
  });
}

runMain("sleepers bench", main);
