#!/usr/bin/env node
// `npm run bench:compare` (run by `npm run bench` after its own figures): Cairn side by side
// with the durable floor (bench/floor: one SQL INSERT plus `sync()` per step) and local
// Cloudflare Workflows (bench/workflows: `step.do`s, a `step.sleep`, a fetching step), all
// three under `wrangler dev`, started here and measured in the same run. Prints each
// system's figures, Cairn's ratio to the other two and a verdict per issue 12 target
// (lib/verdicts.mjs). Unless BENCH_NOLOG_CAIRN=0, a second Cairn with `LOG_EVENTS = "false"`
// is measured beside them: under `wrangler dev` each console call a run makes costs CPU in
// the runtime and in wrangler's Node (bench/README.md, "What a start's pieces cost the platform"), and
// that column shows how much of Cairn's figures it is. The verdicts judge the default Cairn.
// A fourth server, "a start's pieces" (bench/rss-probe with lib/systems.mjs START_PIECES), does
// what every Cairn start needs with no Cairn code; the start bounds are judged against it too,
// apart from the targets, so each run shows what of a start miss is Cairn's own.
// Exits 1 on an error only: a missed target is a finding.
// See bench/README.md, "Side by side".
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createCairnClient, runPool } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { createBenchJobs } from "./lib/measure.mjs";
import { peakRssMb } from "./lib/rss.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "./lib/servers.mjs";
import { resolveCommit, startSnapshotCairn } from "./lib/snapshot.mjs";
import { median, percentile } from "./lib/stats.mjs";
import {
  cairnSystem,
  createFetchJob,
  echoUrlOf,
  fetchExtraMs,
  floorSystem,
  piecesSystem,
  startEcho,
  workflowsSystem,
} from "./lib/systems.mjs";
import { formatVerdicts } from "./lib/verdicts.mjs";

const CONFIG = {
  repeats: readCount("BENCH_REPEATS", 5),
  // Fetching runs per round, each way (the client quiet, then polling): their in-system times
  // count whole milliseconds, so a median needs more of them than the rounds give.
  fetchesPerRound: readCount("BENCH_FETCHES_PER_ROUND", 4),
  starts: readCount("BENCH_STARTS", 500),
  concurrency: readCount("BENCH_CONCURRENCY", 50),
  sleeps: readCount("BENCH_WAITS", 30),
  sleepGapMs: readCount("BENCH_WAIT_GAP_MS", 150),
  withoutLogLines: process.env.BENCH_NOLOG_CAIRN !== "0",
};

/** The systems' columns, in the order measured; `cairn_nolog` only when it was started. */
const COLUMNS = [
  ["floor", "floor"],
  ["workflows", "local Workflows"],
  ["cairn", "Cairn"],
  ["cairn_nolog", "Cairn, no log lines"],
  ["pieces", "a start's pieces"],
];

killServersOnExit();

/**
 * One system's figures: step cost (slope of in-system medians, 1 -> 100 no-op steps), the
 * one-step run as the client sees it, the extra of a fetching step over a no-op one, and
 * the lateness p95 of 1 s sleeps.
 */
async function measureSystem(system) {
  const samples = { 1: [], 100: [], fetch: [], polled: [] };
  for (let round = 0; round <= CONFIG.repeats; round++) {
    const one = await system.run(1);
    const hundred = await system.run(100);
    const fetched = [];
    const polled = [];
    for (let i = 0; i < CONFIG.fetchesPerRound; i++) {
      fetched.push(await system.runFetch());
      polled.push(await system.runFetch({ polled: true }));
    }
    if (round === 0) continue;
    samples[1].push(one);
    samples[100].push(hundred);
    samples.fetch.push(...fetched);
    samples.polled.push(...polled);
  }
  const inSystem = (n) => median(samples[n].map((s) => s.elapsedMs));
  const oneStepInSystem = samples[1].map((s) => s.elapsedMs);
  const lateness = await system.sleepLatenesses(CONFIG.sleeps, CONFIG.sleepGapMs);
  return {
    step_ms: (inSystem(100) - inSystem(1)) / 99,
    one_step_run_ms: median(samples[1].map((s) => s.wallMs)),
    fetch_extra_ms: fetchExtraMs(samples.fetch, oneStepInSystem),
    fetch_extra_polled_ms: fetchExtraMs(samples.polled, oneStepInSystem),
    sleep_p95_ms: percentile(lateness, 95),
  };
}

/** The one-step run of a system that has only starts (piecesSystem): its wall-time median. */
async function measureOneStart(system) {
  const walls = [];
  for (let round = 0; round <= CONFIG.repeats; round++) {
    const { wallMs } = await system.complete(1);
    if (round > 0) walls.push(wallMs);
  }
  return { one_step_run_ms: median(walls) };
}

/** `starts` one-step runs, `concurrency` at a time, each awaited to completion: runs per second. */
async function measureStarts(system) {
  const started = performance.now();
  const results = await runPool(CONFIG.starts, CONFIG.concurrency, () => system.complete(1));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    throw new Error(`${system.name}: ${failed.length} runs failed: ${failed[0].error}`);
  return CONFIG.starts / ((performance.now() - started) / 1000);
}

const ROWS = [
  ["step_ms", "one step (slope of 1 -> 100 no-op steps)", "ms"],
  ["one_step_run_ms", "one-step run, create -> client sees it complete", "ms"],
  ["starts_per_s", "runs/s: one-step runs started and completed", "/s"],
  ["fetch_extra_ms", "extra of a step fetching a loopback echo, over a no-op step", "ms"],
  ["fetch_extra_polled_ms", "the same, its client polling every 5 ms meanwhile", "ms"],
  ["sleep_p95_ms", "1 s sleep, wake lateness p95", "ms"],
  ["peak_rss_mb", "peak RSS of the runtime process (workerd)", "MB"],
];

function formatTable(figures) {
  const missing = (value) => value === null || value === undefined;
  const cell = (value, unit) => (missing(value) ? "n/a" : `${value.toFixed(2)} ${unit}`);
  const ratio = (a, b) => (missing(a) || missing(b) || b === 0 ? "n/a" : `${(a / b).toFixed(2)}x`);
  const columns = COLUMNS.filter(([name]) => name in figures);
  const nolog = "cairn_nolog" in figures;
  const header = ["measure", ...columns.map(([, title]) => title), "Cairn / floor"];
  header.push("Cairn / Workflows", ...(nolog ? ["no log lines / floor"] : []), "Cairn / pieces");
  const lines = [`| ${header.join(" | ")} |`, `|${" --- |".repeat(header.length)}`];
  for (const [key, label, unit] of ROWS) {
    const of = (name) => figures[name][key];
    const cells = [label, ...columns.map(([name]) => cell(of(name), unit))];
    cells.push(ratio(of("cairn"), of("floor")), ratio(of("cairn"), of("workflows")));
    if (nolog) cells.push(ratio(of("cairn_nolog"), of("floor")));
    cells.push(ratio(of("cairn"), of("pieces")));
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/**
 * Starts a snapshot of Cairn at `rev` as `name` with `vars`, its bench jobs saved; answers
 * its server, commit and system.
 */
async function startCairnSystem(stateDir, { rev, vars, echoUrl, name }) {
  const started = await startSnapshotCairn(stateDir, vars, { rev, name: name.replace("_", "-") });
  const target = { url: started.server.url, token: vars.API_TOKEN };
  const cairn = createCairnClient(target.url, target.token);
  await createBenchJobs(cairn);
  await createFetchJob(target, echoUrl);
  return {
    server: started.server,
    commit: started.commit,
    system: cairnSystem(cairn, target, name),
  };
}

async function main() {
  const machine = describeMachine();
  const token = randomBytes(24).toString("hex");
  const echo = await startEcho();
  const echoUrl = echoUrlOf(echo);
  try {
    await withServers("cairn-compare-", async (stateDir) => {
      console.error(`bench:compare: starting the servers (state in ${stateDir})...`);
      const start = (name) =>
        startServer({
          name,
          config: join(ROOT, "bench", name, "wrangler.toml"),
          persistTo: join(stateDir, name),
          logFile: join(stateDir, `${name}.log`),
        });
      const vars = { API_TOKEN: token, ALLOW_PRIVATE_NETWORK: "true" };
      // One commit for both Cairns, whatever lands on the branch meanwhile.
      const rev = resolveCommit();
      // startSnapshotCairn extracts the commit before its first await, so the pieces start
      // from the same commit's bench/rss-probe (it runs Cairn's run schema).
      const [cairnStarted, floor, workflows, pieces] = await Promise.all([
        startCairnSystem(stateDir, { rev, vars, echoUrl, name: "cairn" }),
        start("floor"),
        start("workflows"),
        startServer({
          name: "pieces",
          config: join(stateDir, "source", "bench", "rss-probe", "wrangler.toml"),
          persistTo: join(stateDir, "pieces"),
          logFile: join(stateDir, "pieces.log"),
        }),
      ]);
      // After the first: each Cairn's wrangler runs the dashboard build into the same
      // dist/assets (wrangler.toml [build]), and two at once race (ab.mjs starts its sides in
      // turn for the same reason).
      const nolog = CONFIG.withoutLogLines
        ? await startCairnSystem(stateDir, {
            rev,
            vars: { ...vars, LOG_EVENTS: "false" },
            echoUrl,
            name: "cairn_nolog",
          })
        : null;
      const servers = { floor, workflows, cairn: cairnStarted.server };
      const systems = [
        floorSystem(floor.url, echoUrl),
        workflowsSystem(workflows.url, echoUrl),
        cairnStarted.system,
      ];
      if (nolog) {
        servers.cairn_nolog = nolog.server;
        systems.push(nolog.system);
      }
      const figures = {};
      for (const system of systems) {
        console.error(`bench:compare: ${system.name}...`);
        figures[system.name] = await measureSystem(system);
      }
      const piecesStarts = piecesSystem(pieces.url);
      figures.pieces = await measureOneStart(piecesStarts);
      // The two Cairns swap places for the starts, so the machine's drift over the run does
      // not land on one side of the difference the second column is there to show.
      const startsOrder = [
        ...(nolog ? [...systems.slice(0, 2), nolog.system, cairnStarted.system] : systems),
        piecesStarts,
      ];
      for (const system of startsOrder) {
        console.error(
          `bench:compare: ${system.name}: ${CONFIG.starts} runs, ${CONFIG.concurrency} concurrent...`,
        );
        figures[system.name].starts_per_s = await measureStarts(system);
        // The pieces' server made only starts: its peak is no measure of the others' work.
        if (system !== piecesStarts)
          figures[system.name].peak_rss_mb = peakRssMb(servers[system.name]);
      }
      console.log(
        [
          `\nSide by side: ${machine.date}, commit ${cairnStarted.commit}, ${machine.nproc} cores (${machine.cpuModel}), node ${machine.node}, load ${machine.loadBefore} -> ${readLoad()}`,
          `(${CONFIG.repeats} rounds of ${CONFIG.fetchesPerRound} fetching runs each way, ${CONFIG.starts} runs at ${CONFIG.concurrency} concurrent, ${CONFIG.sleeps} sleeps ${CONFIG.sleepGapMs} ms apart)`,
          "",
          formatTable(figures),
          "",
          formatVerdicts(figures),
        ].join("\n"),
      );
    });
  } finally {
    echo.close();
  }
}

runMain("bench:compare", main);
