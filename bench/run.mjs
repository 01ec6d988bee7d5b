#!/usr/bin/env node
// `npm run bench`: measures Cairn on local `wrangler dev` against a baseline Worker doing
// the cheapest durable work, and prints medians, ratios and the targets. Exits 0 when the
// measurement completed (a missed target is a finding, not an error), 1 on any error.
// See bench/README.md for what each figure means.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createBaselineClient, createCairnClient } from "./lib/http.mjs";
import {
  createBenchJobs,
  measureBaselineSteps,
  measureCairnSteps,
  measureStartThroughput,
  measureWaitLateness,
} from "./lib/measure.mjs";
import { formatReport } from "./lib/report.mjs";
import {
  applyMigrations,
  killAllServersNow,
  listLiveServers,
  ROOT,
  readLogTail,
  startServer,
  stopAllServers,
} from "./lib/servers.mjs";
import { snapshotHead } from "./lib/snapshot.mjs";

/** Reads a positive integer from the environment, so a slow machine can run a lighter bench. */
function readCount(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const CONFIG = {
  repeats: readCount("BENCH_REPEATS", 7),
  starts: readCount("BENCH_STARTS", 500),
  concurrency: readCount("BENCH_CONCURRENCY", 50),
  rounds: readCount("BENCH_ROUNDS", 3),
  waits: readCount("BENCH_WAITS", 30),
  waitGapMs: readCount("BENCH_WAIT_GAP_MS", 150),
};
const RESULT_FILE = join(ROOT, "bench", ".state", "last-run.json");

// Whatever happens (an error, Ctrl-C), no wrangler or workerd process outlives the bench.
process.on("exit", killAllServersNow);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(130));
}

/** Load average over the last minute, as text. */
function readLoad() {
  return loadavg()[0].toFixed(2);
}

/**
 * Starts the baseline and Cairn (a snapshot of HEAD, migrated D1, a fresh token), each on
 * its own state dir, and answers `[{ url, token, commit }, baselineServer]`.
 * BENCH_CAIRN_URL (with BENCH_CAIRN_TOKEN) measures an already running Cairn instead.
 */
async function startServers(stateDir, token) {
  const external = process.env.BENCH_CAIRN_URL;
  const source = join(stateDir, "source");
  const cairnState = join(stateDir, "cairn");
  const commit = external ? "external" : snapshotHead(source);
  if (!external) applyMigrations(cairnState, source);
  const baseline = startServer({
    name: "baseline",
    config: join(ROOT, "bench", "baseline", "wrangler.toml"),
    persistTo: join(stateDir, "baseline"),
    logFile: join(stateDir, "baseline.log"),
  });
  if (external) {
    return [{ url: external, token: process.env.BENCH_CAIRN_TOKEN, commit }, await baseline];
  }
  const cairn = startServer({
    name: "cairn",
    config: join(source, "wrangler.toml"),
    persistTo: cairnState,
    logFile: join(stateDir, "cairn.log"),
    vars: {
      API_TOKEN: token,
      ...(process.env.BENCH_LOG_EVENTS ? { LOG_EVENTS: process.env.BENCH_LOG_EVENTS } : {}),
    },
  });
  const [cairnServer, baselineServer] = await Promise.all([cairn, baseline]);
  return [{ url: cairnServer.url, token, commit }, baselineServer];
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
  const machine = {
    date: new Date().toISOString(),
    nproc: execFileSync("nproc", { encoding: "utf8" }).trim(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadBefore: readLoad(),
  };
  const stateDir = mkdtempSync(join(tmpdir(), "cairn-bench-"));
  const token = randomBytes(24).toString("hex");
  try {
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
  } catch (error) {
    for (const server of listLiveServers()) {
      console.error(`--- ${server.name} log tail ---\n${readLogTail(server)}`);
    }
    throw error;
  } finally {
    await stopAllServers();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
