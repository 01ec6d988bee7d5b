#!/usr/bin/env node
// `npm run bench:ab -- <before> [<after>]`: two commits of Cairn side by side, each under
// its own `wrangler dev`, measured in alternating rounds so that a change of the machine's
// load meanwhile falls on both alike. Per round and commit: the one-step run as the client
// sees it, runs per second (BENCH_STARTS one-step runs, BENCH_CONCURRENCY at a time, each
// awaited), the lateness p95 of BENCH_WAITS 1 s waits, and the extra of a one-task run
// GETting a loopback echo (BENCH_FETCHES of them) over the one-step runs (bench:compare's
// definition, lib/systems.mjs). Prints each commit's medians over the rounds and after /
// before. `<after>` defaults to HEAD. See bench/README.md, "A/B".
import { randomBytes } from "node:crypto";
import { createCairnClient, runPool } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { createBenchJobs } from "./lib/measure.mjs";
import { killServersOnExit, runMain, withServers } from "./lib/servers.mjs";
import { startSnapshotCairn } from "./lib/snapshot.mjs";
import { median, percentile } from "./lib/stats.mjs";
import { cairnSystem, createFetchJob, echoUrlOf, fetchExtraMs, startEcho } from "./lib/systems.mjs";

const CONFIG = {
  rounds: readCount("BENCH_ROUNDS", 5),
  runs: readCount("BENCH_RUNS", 20),
  fetches: readCount("BENCH_FETCHES", 20),
  starts: readCount("BENCH_STARTS", 200),
  concurrency: readCount("BENCH_CONCURRENCY", 20),
  sleeps: readCount("BENCH_WAITS", 20),
  sleepGapMs: readCount("BENCH_WAIT_GAP_MS", 150),
};

killServersOnExit();

/** One round of one commit's figures. */
async function measureRound(system) {
  const oneSteps = [];
  for (let i = 0; i < CONFIG.runs; i++) oneSteps.push(await system.run(1));
  const fetches = [];
  for (let i = 0; i < CONFIG.fetches; i++) fetches.push(await system.runFetch());
  const started = performance.now();
  const results = await runPool(CONFIG.starts, CONFIG.concurrency, () => system.complete(1));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`${failed.length} runs failed: ${failed[0].error}`);
  const startsPerS = CONFIG.starts / ((performance.now() - started) / 1000);
  const lateness = await system.sleepLatenesses(CONFIG.sleeps, CONFIG.sleepGapMs);
  return {
    one_step_run_ms: median(oneSteps.map((run) => run.wallMs)),
    fetch_extra_ms: fetchExtraMs(
      fetches,
      oneSteps.map((run) => run.elapsedMs),
    ),
    starts_per_s: startsPerS,
    sleep_p95_ms: percentile(lateness, 95),
  };
}

const MEASURES = [
  ["one_step_run_ms", "one-step run, create -> client sees it complete (ms)"],
  ["starts_per_s", "runs/s: one-step runs started and completed"],
  ["sleep_p95_ms", "1 s wait, lateness p95 (ms)"],
  ["fetch_extra_ms", "extra of a task GETting a loopback echo, over a one-step run (ms)"],
];

function formatTable(sides) {
  const [before, after] = sides;
  const lines = [
    `| measure | ${before.commit} (rounds) | ${after.commit} (rounds) | ${before.commit} median | ${after.commit} median | after / before |`,
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const [key, label] of MEASURES) {
    const [a, b] = sides.map((side) => side.rounds.map((round) => round[key]));
    const [ma, mb] = [median(a), median(b)];
    const list = (values) => values.map((v) => v.toFixed(1)).join(", ");
    lines.push(
      `| ${label} | ${list(a)} | ${list(b)} | ${ma.toFixed(1)} | ${mb.toFixed(1)} | ${(mb / ma).toFixed(2)}x |`,
    );
  }
  return lines.join("\n");
}

/** Starts both commits, then measures them in alternating rounds; answers their rounds. */
async function measureSides(stateDir, revs, token, echoUrl) {
  const vars = { API_TOKEN: token, ALLOW_PRIVATE_NETWORK: "true" };
  const sides = [];
  for (const [name, rev] of revs) {
    console.error(`bench:ab: starting ${name} (${rev})...`);
    const { server, commit } = await startSnapshotCairn(stateDir, vars, { rev, name });
    const target = { url: server.url, token };
    const cairn = createCairnClient(server.url, token);
    await createBenchJobs(cairn);
    await createFetchJob(target, echoUrl);
    sides.push({ commit, system: cairnSystem(cairn, target), rounds: [] });
  }
  // A warm-up round each, not counted: the first runs compile and fill caches.
  for (const side of sides) await measureRound(side.system);
  for (let round = 1; round <= CONFIG.rounds; round++) {
    // Alternate who goes first, so neither always measures right after the other's burst.
    const order = round % 2 === 0 ? [...sides].reverse() : sides;
    for (const side of order) {
      console.error(`bench:ab: round ${round}/${CONFIG.rounds}, ${side.commit}...`);
      side.rounds.push(await measureRound(side.system));
    }
  }
  return sides;
}

async function main() {
  const [beforeRev, afterRev = "HEAD"] = process.argv.slice(2);
  if (!beforeRev) throw new Error("usage: npm run bench:ab -- <before> [<after>]");
  const machine = describeMachine();
  const token = randomBytes(24).toString("hex");
  const revs = [
    ["before", beforeRev],
    ["after", afterRev],
  ];
  const echo = await startEcho();
  try {
    await withServers("cairn-ab-", async (stateDir) => {
      const sides = await measureSides(stateDir, revs, token, echoUrlOf(echo));
      console.log(
        [
          `\nA/B: ${machine.date}, ${machine.nproc} cores (${machine.cpuModel}), node ${machine.node}, load ${machine.loadBefore} -> ${readLoad()}`,
          `(${CONFIG.rounds} rounds, each: ${CONFIG.runs} one-step runs one at a time, ${CONFIG.fetches} echo-fetching runs one at a time, ${CONFIG.starts} runs at ${CONFIG.concurrency} concurrent, ${CONFIG.sleeps} waits ${CONFIG.sleepGapMs} ms apart)`,
          "",
          formatTable(sides),
        ].join("\n"),
      );
    });
  } finally {
    echo.close();
  }
}

runMain("bench:ab", main);
