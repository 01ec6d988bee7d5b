#!/usr/bin/env node
// `npx node bench/fanout.mjs`: fan-out on local `wrangler dev` (issue 3 item 9). Measures a
// 100-step DAG of width 10 against a 100-step sequence, and a `map` over 1,000 and over
// 10,000 items with a `pass` body and with a `handler: noop` body (items/s should not fall
// with the size: issue 10 item 6). Exits 0 when the measurement completed, 1 on any error.
// See bench/README.md, "Fan-out".
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createCairnClient, parseTime } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { createBenchJobs, measureCairnSteps } from "./lib/measure.mjs";
import { killServersOnExit, runMain, withServers } from "./lib/servers.mjs";
import { startSnapshotCairn } from "./lib/snapshot.mjs";
import { median } from "./lib/stats.mjs";

const CONFIG = {
  dagRepeats: readCount("BENCH_DAG_REPEATS", 5),
  /** Each map size with its repeats: the large one takes minutes per run on 2 cores. */
  maps: [
    { items: readCount("BENCH_MAP_ITEMS", 1000), repeats: readCount("BENCH_MAP_REPEATS", 3) },
    {
      items: readCount("BENCH_MAP_ITEMS_LARGE", 10_000),
      repeats: readCount("BENCH_MAP_REPEATS_LARGE", 1),
    },
  ],
  mapConcurrency: 50,
  width: 10,
  layers: 10,
};
const DAG_JOB = "bench-dag-10x10";
const MAP_PASS_JOB = "bench-map-pass";
const MAP_NOOP_JOB = "bench-map-noop";
const POLL_INTERVAL_MS = 100;
/** A map of 1,000 items may take minutes on a loaded 2-core machine. */
const RUN_TIMEOUT_MS = 600_000;
const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled", "timed_out"]);

killServersOnExit();

/**
 * The DAG: `layers` layers of `width` pass steps; every step of a layer depends on every
 * step of the layer before (a full barrier between layers, 900 edges for 10x10).
 */
function defineDagJob() {
  const id = (layer, column) => `l${layer}c${column}`;
  const steps = [];
  for (let layer = 0; layer < CONFIG.layers; layer++) {
    const previous = Array.from({ length: layer === 0 ? 0 : CONFIG.width }, (_, c) =>
      id(layer - 1, c),
    );
    for (let column = 0; column < CONFIG.width; column++) {
      steps.push({ id: id(layer, column), type: "pass", depends_on: previous, output: column });
    }
  }
  return { name: DAG_JOB, max_parallel: CONFIG.width, steps };
}

/**
 * A map over `params.items` whose body is the single step `body`. Every item's step counts
 * against the run's budget, so the largest map needs more than the default 10,000; 50 items
 * at once need `max_parallel` 50 (a higher `max_concurrency` is refused).
 */
function defineMapJob(name, body) {
  const largest = Math.max(...CONFIG.maps.map((map) => map.items));
  return {
    name,
    max_parallel: CONFIG.mapConcurrency,
    max_step_executions: Math.min(100_000, Math.max(10_000, largest + 10)),
    steps: [
      {
        id: "each",
        type: "map",
        items: "{{ params.items }}",
        max_concurrency: CONFIG.mapConcurrency,
        steps: [body],
      },
    ],
  };
}

/** Saves the fan-out jobs (and run.mjs's pass jobs, for the sequence comparison). */
async function createFanoutJobs(cairn) {
  await createBenchJobs(cairn);
  await cairn.createJob(defineDagJob());
  await cairn.createJob(
    defineMapJob(MAP_PASS_JOB, { id: "body", type: "pass", output: "{{ meta.index }}" }),
  );
  await cairn.createJob(defineMapJob(MAP_NOOP_JOB, { id: "body", type: "task", handler: "noop" }));
}

/** Polls a run until it ends (10 minutes at most); throws unless it succeeded. */
async function awaitSuccess(cairn, id) {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const run = await cairn.getRun(id);
    if (TERMINAL_STATUSES.has(run.status)) {
      if (run.status === "succeeded") return run;
      throw new Error(`run ${id} of ${run.job} ended ${run.status}: ${JSON.stringify(run.error)}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`run ${id} not finished after ${RUN_TIMEOUT_MS} ms`);
}

/** Runs `job` once to its end and answers its server-side duration (finished - started, ms). */
async function timeRun(cairn, job, params = {}) {
  const run = await awaitSuccess(cairn, await cairn.startRun(job, params));
  return parseTime(run.finished_at, "finished_at") - parseTime(run.started_at, "started_at");
}

/**
 * (a) DAG vs sequence. The sequence per-step cost is run.mjs's slope (1 -> 100 pass steps);
 * the DAG's is (median DAG run - the same median 1-step run) / 99, so both exclude the
 * cost of starting and ending a run and differ only in the 100-step job.
 */
async function measureDag(cairn) {
  const sequence = await measureCairnSteps(cairn, CONFIG.dagRepeats);
  await timeRun(cairn, DAG_JOB); // warm-up, discarded
  const dag = [];
  for (let round = 0; round < CONFIG.dagRepeats; round++) dag.push(await timeRun(cairn, DAG_JOB));
  const steps = CONFIG.width * CONFIG.layers;
  const dagMedian = median(dag);
  const dagSlope = (dagMedian - sequence.medians[1]) / (steps - 1);
  return {
    dag_samples: dag,
    dag_median_ms: dagMedian,
    dag_per_step_ms: dagSlope,
    sequence_samples: sequence.samples[100],
    sequence_median_ms: sequence.medians[100],
    sequence_per_step_ms: sequence.slope_ms,
    one_step_median_ms: sequence.medians[1],
    ratio: dagSlope / sequence.slope_ms,
  };
}

/** (b) Maps: server-side run time of each map job at each size, median of its repeats, items/s. */
async function measureMaps(cairn) {
  const result = [];
  for (const { items, repeats } of CONFIG.maps) {
    const params = { items: Array.from({ length: items }, (_, i) => i) };
    const jobs = {};
    for (const job of [MAP_PASS_JOB, MAP_NOOP_JOB]) {
      const samples = [];
      for (let round = 0; round < repeats; round++) {
        console.error(`fanout: ${job} x ${items} round ${round + 1}/${repeats}...`);
        samples.push(await timeRun(cairn, job, params));
      }
      const medianMs = median(samples);
      jobs[job] = { samples, median_ms: medianMs, items_per_s: items / (medianMs / 1000) };
    }
    result.push({ items, repeats, jobs });
  }
  return result;
}

/** Formats a number with `digits` decimals. */
function fixed(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** The report printed on stdout. */
function formatReport({ dag, maps }, machine) {
  const list = (values) => values.map((v) => fixed(v, 0)).join(", ");
  const mapLine = (label, m) =>
    `${label}: median ${fixed(m.median_ms, 0)} ms, ${fixed(m.items_per_s, 0)} items/s (runs ${list(m.samples)} ms)`;
  return [
    `Cairn fan-out benchmark, ${machine.date}: ${machine.cpus} cores of ${machine.cpuModel}` +
      ` (nproc ${machine.nproc}), node ${machine.node}, commit ${machine.commit}, load ${machine.loadBefore} before / ${machine.loadAfter} after`,
    "",
    `DAG ${CONFIG.layers} layers x ${CONFIG.width} pass steps (each step depends on the whole previous layer),` +
      ` median of ${CONFIG.dagRepeats}, server-side run time`,
    `dag 100 steps:      median ${fixed(dag.dag_median_ms)} ms (runs ${list(dag.dag_samples)})`,
    `sequence 100 steps: median ${fixed(dag.sequence_median_ms)} ms (runs ${list(dag.sequence_samples)})`,
    `1-step run:         median ${fixed(dag.one_step_median_ms)} ms`,
    `per step: dag ${fixed(dag.dag_per_step_ms, 3)} ms, sequence ${fixed(dag.sequence_per_step_ms, 3)} ms,` +
      ` dag / sequence ${fixed(dag.ratio, 2)}x`,
    ...maps.flatMap(({ items, repeats, jobs }) => [
      "",
      `map over ${items} items, max_concurrency ${CONFIG.mapConcurrency}, median of ${repeats}, server-side run time`,
      mapLine("pass body        ", jobs[MAP_PASS_JOB]),
      mapLine("handler noop body", jobs[MAP_NOOP_JOB]),
    ]),
  ].join("\n");
}

async function main() {
  const machine = describeMachine();
  const token = randomBytes(24).toString("hex");
  await withServers("cairn-bench-fanout-", async (stateDir) => {
    console.error(`fanout: starting cairn (state in ${stateDir})...`);
    const { server, commit } = await startSnapshotCairn(stateDir, { API_TOKEN: token });
    machine.commit = commit;
    const cairn = createCairnClient(server.url, token);
    await createFanoutJobs(cairn);
    console.error("fanout: DAG and sequence...");
    const dag = await measureDag(cairn);
    const maps = await measureMaps(cairn);
    machine.loadAfter = readLoad();
    console.log(formatReport({ dag, maps }, machine));
  });
}

runMain("fanout bench", main);
