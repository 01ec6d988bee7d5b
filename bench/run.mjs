#!/usr/bin/env node
// `npm run bench`: measures Cairn on local `wrangler dev` against a baseline Worker doing
// the cheapest durable work, and prints medians, ratios and the targets. Exits 0 when the
// measurement completed (a missed target is a finding, not an error), 1 on any error.
// See bench/README.md for what each figure means.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createBaselineClient, createCairnClient } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import {
  createBenchJobs,
  measureBaselineSteps,
  measureCairnSteps,
  measureStartThroughput,
  measureWaitLateness,
} from "./lib/measure.mjs";
import { formatReport } from "./lib/report.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "./lib/servers.mjs";
import { logEventsVars, startSnapshotCairn } from "./lib/snapshot.mjs";

const CONFIG = {
  repeats: readCount("BENCH_REPEATS", 7),
  starts: readCount("BENCH_STARTS", 500),
  concurrency: readCount("BENCH_CONCURRENCY", 50),
  rounds: readCount("BENCH_ROUNDS", 3),
  waits: readCount("BENCH_WAITS", 30),
  waitGapMs: readCount("BENCH_WAIT_GAP_MS", 150),
};
const RESULT_FILE = join(ROOT, "bench", ".state", "last-run.json");

killServersOnExit();

/**
 * Starts the baseline and Cairn (a snapshot of HEAD, migrated D1, a fresh token), each on
 * its own state dir, and answers `[{ url, token, commit }, baselineServer]`.
 * BENCH_CAIRN_URL (with BENCH_CAIRN_TOKEN) measures an already running Cairn instead.
 */
async function startServers(stateDir, token) {
  const external = process.env.BENCH_CAIRN_URL;
  const cairnStart = external
    ? undefined
    : startSnapshotCairn(stateDir, {
        API_TOKEN: token,
        ...logEventsVars(),
      });
  const baseline = startServer({
    name: "baseline",
    config: join(ROOT, "bench", "baseline", "wrangler.toml"),
    persistTo: join(stateDir, "baseline"),
    logFile: join(stateDir, "baseline.log"),
  });
  if (external) {
    return [
      { url: external, token: process.env.BENCH_CAIRN_TOKEN, commit: "external" },
      await baseline,
    ];
  }
  const [{ server, commit }, baselineServer] = await Promise.all([cairnStart, baseline]);
  return [{ url: server.url, token, commit }, baselineServer];
}

/** Runs the three measurements in an order that keeps background runs out of the timings. */
async function measure(cairn, baseline) {
  await createBenchJobs(cairn);
  console.error("bench: per-step cost...");
  const baselineSteps = await measureBaselineSteps(baseline, CONFIG.repeats);
  const cairnSteps = await measureCairnSteps(cairn, CONFIG.repeats);
  console.error("bench: wait lateness...");
  const lateness = await measureWaitLateness(cairn, {
    count: CONFIG.waits,
    gapMs: CONFIG.waitGapMs,
  });
  console.error("bench: start throughput...");
  const throughput = await measureStartThroughput(cairn, baseline, {
    rounds: CONFIG.rounds,
    total: CONFIG.starts,
    concurrency: CONFIG.concurrency,
  });
  return { baselineSteps, cairnSteps, lateness, throughput };
}

/** Writes the raw samples next to the bench (bench/.state is git-ignored). */
function saveResults(results, machine) {
  mkdirSync(join(ROOT, "bench", ".state"), { recursive: true });
  const text = JSON.stringify({ machine, config: CONFIG, results }, null, 2);
  writeFileSync(RESULT_FILE, `${text}\n`);
}

async function main() {
  const machine = describeMachine();
  const token = randomBytes(24).toString("hex");
  await withServers("cairn-bench-", async (stateDir) => {
    console.error(`bench: starting servers (state in ${stateDir})...`);
    const [cairn, baseline] = await startServers(stateDir, token);
    machine.commit = cairn.commit;
    const results = await measure(
      createCairnClient(cairn.url, cairn.token),
      createBaselineClient(baseline.url),
    );
    machine.loadAfter = readLoad();
    console.log(formatReport(results, CONFIG, machine));
    saveResults(results, machine);
    console.error(`bench: raw samples in ${RESULT_FILE}`);
  });
}

runMain("bench", main);
