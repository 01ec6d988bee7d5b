// CPU profile of Cairn's run loop: where a chain of `pass` steps spends its time.
//
//   npm run bench:profile    # BENCH_PROFILE_STEPS [200], BENCH_PROFILE_RUNS [5], BENCH_LOG_EVENTS
//   BENCH_PROFILE_STARTS=300 npm run bench:profile    # a burst of starts instead
//   BENCH_PROFILE_FETCH=50 npm run bench:profile      # runs of one task calling a loopback echo
//   BENCH_PROFILE_WAKES=60 npm run bench:profile      # runs of "wait 1s, then pass", waking
//                                      (BENCH_PROFILE_WAKE_GAP_MS [100] between the starts)
//   BENCH_PROFILE_HEAP=1 BENCH_PROFILE_STARTS=300 npm run bench:profile   # + a heap snapshot after
//
// Starts the committed snapshot on `wrangler dev` (as the benchmark does), runs a warm-up,
// then records a V8 CPU profile through the inspector while runs of N `pass` steps execute
// (or while STARTS one-step runs are started, 50 at a time, and awaited), and prints the functions with the most self time and the most total time. Writes the raw
// profile to bench/.state/profile.cpuprofile (open it in Chrome DevTools' Performance tab).
// With BENCH_PROFILE_HEAP=1 it then takes a heap snapshot of the isolate (V8 collects
// garbage first), prints what holds its memory and the workerd RSS, and writes
// bench/.state/profile.heapsnapshot (DevTools' Memory tab).
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { recordCpuProfile, saveCpuProfile, summariseCpuProfile } from "./lib/cpu-profile.mjs";
import { formatHeap, summariseHeap, takeHeapSnapshot } from "./lib/heap.mjs";
import { createCairnClient, parseTime, runPool } from "./lib/http.mjs";
import { connectInspector } from "./lib/inspector.mjs";
import { currentRssMb, peakRssMb } from "./lib/rss.mjs";
import { killServersOnExit, ROOT, runMain, withServers } from "./lib/servers.mjs";
import { logEventsVars, startSnapshotCairn } from "./lib/snapshot.mjs";
import { median, percentile } from "./lib/stats.mjs";
import { createFetchJob } from "./lib/systems.mjs";

const STEPS = Number(process.env.BENCH_PROFILE_STEPS ?? 200);
const RUNS = Number(process.env.BENCH_PROFILE_RUNS ?? 5);
const STARTS = Number(process.env.BENCH_PROFILE_STARTS ?? 0);
const FETCHES = Number(process.env.BENCH_PROFILE_FETCH ?? 0);
const WAKES = Number(process.env.BENCH_PROFILE_WAKES ?? 0);
const WAKE_GAP_MS = Number(process.env.BENCH_PROFILE_WAKE_GAP_MS ?? 100);
const HEAP = process.env.BENCH_PROFILE_HEAP === "1";
const CONCURRENCY = 50;
const OUTPUT = join(ROOT, "bench", ".state", "profile.cpuprofile");
const HEAP_OUTPUT = join(ROOT, "bench", ".state", "profile.heapsnapshot");

/** Runs of STEPS `pass` steps, one after the other. */
async function chainWorkload(cairn) {
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    id: `s${i}`,
    type: "pass",
    ...(i + 1 < STEPS ? { next: `s${i + 1}` } : {}),
  }));
  await cairn.createJob({ name: "profile-pass", steps });
  await cairn.waitForRun(await cairn.startRun("profile-pass"));
  return {
    label: `${RUNS} runs of ${STEPS} pass steps`,
    run: async () => {
      const durations = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await cairn.waitForRun(await cairn.startRun("profile-pass"));
        durations.push(Date.parse(run.finished_at) - Date.parse(run.started_at));
      }
      return `run durations (ms, server side): ${durations.join(", ")}`;
    },
  };
}

/** STARTS starts of a one-step job, CONCURRENCY in flight, each awaited to its end. */
async function startsWorkload(cairn) {
  await cairn.createJob({ name: "profile-start", steps: [{ id: "only", type: "pass" }] });
  await cairn.waitForRun(await cairn.startRun("profile-start"));
  return {
    label: `${STARTS} starts of a one-step job, ${CONCURRENCY} in flight`,
    run: async () => {
      const began = performance.now();
      const ids = await runPool(STARTS, CONCURRENCY, () => cairn.startRun("profile-start"));
      const seconds = (performance.now() - began) / 1000;
      await runPool(ids.length, CONCURRENCY, (i) => cairn.waitForRun(ids[i].value));
      const started = ids.filter((id) => id.ok).length;
      return `${started} started in ${seconds.toFixed(1)} s (${(started / seconds).toFixed(1)} runs/s)`;
    },
  };
}

/** A loopback echo that answers at once (as in compare.mjs). */
function startEcho() {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"ok":true}');
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * FETCHES runs of one task calling the echo, one after the other. Besides the profile, prints
 * the median gap between consecutive history events of those runs (server-side times), which
 * shows where a call's wall time goes while the isolate is idle (alarm hops, storage waits).
 */
async function fetchWorkload(cairn, server, token) {
  const echo = await startEcho();
  await createFetchJob({ url: server.url, token }, `http://127.0.0.1:${echo.address().port}/echo`);
  await cairn.waitForRun(await cairn.startRun("bench-fetch-1"));
  return {
    label: `${FETCHES} runs of one task fetching a loopback echo`,
    run: async () => {
      const ids = [];
      for (let i = 0; i < FETCHES; i++) {
        const id = await cairn.startRun("bench-fetch-1");
        await cairn.waitForRun(id);
        ids.push(id);
      }
      echo.close();
      return formatHistoryGaps(await historyGaps(server, token, ids));
    },
  };
}

/** Per pair of consecutive history event types, every gap (ms) seen in the runs `ids`. */
async function historyGaps(server, token, ids) {
  const gaps = new Map();
  for (const id of ids) {
    const response = await fetch(`${server.url}/runs/${id}/history`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { events } = await response.json();
    for (let e = 1; e < events.length; e++) {
      const name = `${events[e - 1].type} -> ${events[e].type}`;
      const gap = Date.parse(events[e].at) - Date.parse(events[e - 1].at);
      gaps.set(name, [...(gaps.get(name) ?? []), gap]);
    }
  }
  return gaps;
}

function formatHistoryGaps(gaps) {
  const lines = [...gaps].map(
    ([name, list]) => `  ${median(list).toFixed(1).padStart(6)} ms  ${name}`,
  );
  return `median gap between consecutive history events (ms):\n${lines.join("\n")}`;
}

/**
 * WAKES runs of "wait 1s, then pass", started WAKE_GAP_MS apart (not awaited, so the wakes
 * come at that pace and overlap little), profiled from the first start to the last end.
 * Prints the wakes' lateness and the history gaps, and the profile's part under `loop` (the
 * drive loop of the run objects' alarms).
 */
async function wakesWorkload(cairn, server, token) {
  await cairn.createJob({
    name: "profile-wake",
    steps: [
      { id: "nap", type: "wait", duration: "1s", next: "then" },
      { id: "then", type: "pass" },
    ],
  });
  await cairn.waitForRun(await cairn.startRun("profile-wake"));
  return {
    label: `${WAKES} runs of "wait 1s, then pass", started ${WAKE_GAP_MS} ms apart`,
    per: WAKES,
    // The drive loop of the run objects' alarms (an alarm's own frame ends at its first
    // await; the loop's continuations keep `loop` at their root): each run's first move, to
    // the wait, and its wake, to the end.
    within: "loop",
    run: async () => {
      const starts = [];
      for (let i = 0; i < WAKES; i++) {
        starts.push(cairn.startRun("profile-wake"));
        await sleep(WAKE_GAP_MS);
      }
      const ids = await Promise.all(starts);
      await runPool(ids.length, CONCURRENCY, (i) => cairn.waitForRun(ids[i]));
      const lateness = await Promise.all(ids.map((id) => wakeLateness(cairn, id)));
      const late = `wake lateness: p50 ${percentile(lateness, 50)} ms, p95 ${percentile(lateness, 95)} ms, max ${Math.max(...lateness)} ms`;
      return `${late}\n${formatHistoryGaps(await historyGaps(server, token, ids))}`;
    },
  };
}

/** How late the `pass` after a 1 s wait started: its `started_at` - (the wait's + 1 s). */
async function wakeLateness(cairn, id) {
  const steps = await cairn.getSteps(id);
  const wait = steps.find((step) => step.id === "nap");
  const after = steps.find((step) => step.id === "then");
  return parseTime(after.started_at, `${id} then`) - parseTime(wait.started_at, `${id} nap`) - 1000;
}

async function chooseWorkload(cairn, server, token) {
  if (STARTS > 0) return startsWorkload(cairn);
  if (FETCHES > 0) return fetchWorkload(cairn, server, token);
  if (WAKES > 0) return wakesWorkload(cairn, server, token);
  return chainWorkload(cairn);
}

async function profile(stateDir) {
  const token = crypto.randomUUID();
  const { server, commit } = await startSnapshotCairn(stateDir, {
    API_TOKEN: token,
    ALLOW_PRIVATE_NETWORK: "true",
    ...logEventsVars(),
  });
  const cairn = createCairnClient(server.url, token);
  const workload = await chooseWorkload(cairn, server, token);
  const { result: finding, profile } = await recordCpuProfile(server.inspectorPort, workload.run);
  saveCpuProfile(OUTPUT, profile);

  const summary = summariseCpuProfile(profile, workload.per);
  console.log(`Cairn profile, commit ${commit}: ${workload.label}`);
  console.log(finding);
  console.log(
    `profiled ${summary.ms.toFixed(0)} ms\n\nself time\n${summary.self}\n\ntotal time\n${summary.total}`,
  );
  if (workload.within) {
    const part = summariseCpuProfile(profile, workload.per, workload.within);
    console.log(
      `\nof which under ${workload.within}(): ${part.ms.toFixed(0)} ms\n\nself time\n${part.self}\n\ntotal time\n${part.total}`,
    );
  }
  if (HEAP) await snapshotHeap(server);
}

/** The isolate's heap after the workload (a fresh inspector session), and the process's RSS. */
async function snapshotHeap(server) {
  const inspector = await connectInspector(server.inspectorPort);
  const text = await takeHeapSnapshot(inspector);
  inspector.close();
  writeFileSync(HEAP_OUTPUT, text);
  console.log(
    `\nworkerd RSS: ${currentRssMb(server)} MB now, ${peakRssMb(server)} MB peak\n${formatHeap(summariseHeap(JSON.parse(text)))}`,
  );
}

killServersOnExit();
runMain("bench:profile", () => withServers("cairn-profile-", profile));
