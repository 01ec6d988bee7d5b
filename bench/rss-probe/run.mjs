// What a Durable Object costs the local runtime in native memory, one feature at a time
// (`npm run bench:rss`). Each variant gets a fresh `wrangler dev` of bench/rss-probe (or of
// Cairn, for the `cairn` row: one-step runs; or bench/floor itself), creates
// BENCH_RSS_OBJECTS [300] objects BENCH_CONCURRENCY [20] at a time, and reads the VmRSS of
// the workerd process group before and after (bench/lib/rss.mjs): MB per object = the
// growth / the objects; then the isolate's JS heap over the inspector. BENCH_RSS_ROUNDS [3]
// rounds, the variants interleaved in each, so a change in the machine's load touches all
// alike; the table gives the median and the range.
// With BENCH_RSS_SETTLE_S [0] > 0 it reads the RSS again that long after the last object
// (idle objects may be evicted meanwhile). BENCH_RSS_VARIANTS picks variants by name.
//
//   npm run bench:rss
//   BENCH_RSS_VARIANTS=floor,schema BENCH_RSS_ROUNDS=5 npm run bench:rss
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createCairnClient, requestJson, runPool } from "../lib/http.mjs";
import { connectInspector } from "../lib/inspector.mjs";
import { describeMachine, readCount, readLoad } from "../lib/machine.mjs";
import { createBenchJobs } from "../lib/measure.mjs";
import { currentRssMb, peakRssMb } from "../lib/rss.mjs";
import {
  killServersOnExit,
  runMain,
  startServer,
  stopAllServers,
  withServers,
} from "../lib/servers.mjs";
import { snapshotCommit, startSnapshotCairn } from "../lib/snapshot.mjs";
import { median } from "../lib/stats.mjs";

const OBJECTS = readCount("BENCH_RSS_OBJECTS", 300);
const CONCURRENCY = readCount("BENCH_CONCURRENCY", 20);
const ROUNDS = readCount("BENCH_RSS_ROUNDS", 3);
const SETTLE_S = Number(process.env.BENCH_RSS_SETTLE_S ?? 0);
if (!(SETTLE_S >= 0)) throw new Error("BENCH_RSS_SETTLE_S must be a number of seconds, 0 or more");
/** Objects created before the first reading, so code loaded once is not counted per object. */
const WARM_UP = 5;
const CAIRN_JOB = "bench-pass-1";

/**
 * Each probe variant: the query of `POST /object` (bench/rss-probe/worker.ts), the features
 * it turns on; `cairn` and `bench-floor` are those Workers themselves. The default list
 * leaves out `bench-floor` (the same work as `floor`, measured alike).
 */
const VARIANTS = {
  floor: "features=",
  schema: "features=schema",
  repeats: "features=repeats",
  statements: "features=statements",
  "statements-99": "features=statements&statements=99",
  log: "features=log",
  alarm: "features=alarm",
  plan: "features=plan",
  hold: "features=plan,hold",
  all: "features=schema,statements,log,alarm,plan,hold",
  d1: "features=d1",
  hub: "features=hub",
  "d1+hub": "features=d1,hub",
  "floor-reopen": "features=reopen",
  "all-reopen": "features=schema,statements,log,alarm,plan,hold,reopen",
  "floor-drop": "features=drop",
  "all-drop": "features=schema,statements,log,alarm,plan,hold,drop",
  cairn: null,
  "bench-floor": null,
};
const DEFAULT_VARIANTS = Object.keys(VARIANTS).filter((name) => name !== "bench-floor");

killServersOnExit();

function chosenVariants() {
  const names = (process.env.BENCH_RSS_VARIANTS ?? DEFAULT_VARIANTS.join(","))
    .split(",")
    .filter((name) => name !== "");
  const unknown = names.find((name) => !(name in VARIANTS));
  if (unknown !== undefined) {
    throw new Error(`BENCH_RSS_VARIANTS: unknown ${unknown} (one of ${Object.keys(VARIANTS)})`);
  }
  return names;
}

/** Creates `count` objects with `create(i)`, CONCURRENCY in flight; throws on the first failure. */
async function createAll(count, create) {
  const failed = (await runPool(count, CONCURRENCY, create)).find((result) => !result.ok);
  if (failed) throw failed.error;
}

/**
 * Starts the Worker of `config` with its state in `dir`; answers the server and how to
 * create one object (`POST path`, answering 201).
 */
async function startWorker(dir, config, path) {
  mkdirSync(dir, { recursive: true });
  const server = await startServer({
    name: basename(dirname(config)),
    config,
    persistTo: join(dir, "state"),
    logFile: join(dir, "server.log"),
  });
  const create = () => requestJson(`${server.url}${path}`, { method: "POST", expect: [201] });
  return { server, create };
}

/** Starts Cairn (the snapshot) in `dir`; answers the server and how to run one one-step run. */
async function startCairn(dir) {
  const token = randomBytes(24).toString("hex");
  const { server } = await startSnapshotCairn(dir, { API_TOKEN: token });
  const cairn = createCairnClient(server.url, token);
  await createBenchJobs(cairn);
  const create = async () => {
    const run = await cairn.waitForRun(await cairn.startRun(CAIRN_JOB));
    if (run.status !== "succeeded") throw new Error(`run ${run.id} ended ${run.status}`);
  };
  return { server, create };
}

/** Starts the variant `name` from the snapshot `source`, its state in `dir`. */
function startVariant(name, dir, source) {
  if (name === "cairn") return startCairn(dir);
  // bench/floor itself, as bench:compare runs it: one-step runs.
  if (name === "bench-floor") {
    return startWorker(dir, join(source, "bench", "floor", "wrangler.toml"), "/run?steps=1");
  }
  const path = `/object?${VARIANTS[name]}`;
  return startWorker(dir, join(source, "bench", "rss-probe", "wrangler.toml"), path);
}

/**
 * The Worker isolate's JavaScript heap in MB (V8's `Runtime.getHeapUsage` over the
 * inspector): `heapUsed` (live and not yet collected), `heapTotal` (what V8 holds). What
 * RSS grows beyond `heapTotal` is native memory.
 */
async function readHeapMb(server) {
  const inspector = await connectInspector(server.inspectorPort);
  try {
    const { usedSize, totalSize } = await inspector.send("Runtime.getHeapUsage");
    const mb = (bytes) => bytes / 1024 / 1024;
    return { heapUsed: mb(usedSize), heapTotal: mb(totalSize) };
  } finally {
    inspector.close();
  }
}

/** One variant in a fresh runtime: MB per object, the RSS after, after settling, and the peak. */
async function measureVariant(dir, name, source) {
  const { server, create } = await startVariant(name, dir, source);
  await createAll(WARM_UP, create);
  const before = currentRssMb(server);
  await createAll(OBJECTS, create);
  const after = currentRssMb(server);
  const heap = await readHeapMb(server);
  let settled = null;
  if (SETTLE_S > 0) {
    await sleep(SETTLE_S * 1000);
    settled = currentRssMb(server);
  }
  const sample = { perObject: (after - before) / OBJECTS, before, after, settled, ...heap };
  sample.peak = peakRssMb(server);
  await stopAllServers();
  return sample;
}

/** "median (min-max)" of the rounds' `key`, with `digits` decimals. */
function spread(samples, key, digits) {
  const values = samples.map((sample) => sample[key]);
  const [low, high] = [Math.min(...values), Math.max(...values)].map((v) => v.toFixed(digits));
  return `${median(values).toFixed(digits)} (${low}-${high})`;
}

function formatRow(name, samples) {
  const settled = SETTLE_S > 0 ? spread(samples, "settled", 0) : "-";
  const cells = [spread(samples, "perObject", 2), spread(samples, "before", 0)];
  cells.push(spread(samples, "after", 0), spread(samples, "heapUsed", 1));
  cells.push(spread(samples, "heapTotal", 1), settled, spread(samples, "peak", 0));
  return `| ${name} | ${cells.join(" | ")} |`;
}

async function main() {
  const machine = describeMachine();
  const names = chosenVariants();
  await withServers("cairn-rss-", async (stateDir) => {
    // The probe runs from a snapshot too, so the schema it imports is the named commit's.
    const source = join(stateDir, "source");
    const commit = snapshotCommit(source);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of names) {
        console.error(`bench:rss: round ${round}/${ROUNDS}, ${name} (load ${readLoad()})...`);
        samples[name].push(await measureVariant(join(stateDir, `${name}-${round}`), name, source));
      }
    }
    console.log(
      [
        `\nRSS per object: ${machine.date}, commit ${commit}, ${machine.nproc} cores (${machine.cpuModel}), node ${machine.node}, load ${machine.loadBefore} -> ${readLoad()}`,
        `(${OBJECTS} objects per variant after ${WARM_UP} warm-up ones, ${CONCURRENCY} at a time, each in a fresh runtime; VmRSS of workerd; median (range) of ${ROUNDS} rounds)`,
        "",
        `| variant | MB per object | RSS before (MB) | after | JS heap used | JS heap total | ${SETTLE_S} s later | peak |`,
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...names.map((name) => formatRow(name, samples[name])),
      ].join("\n"),
    );
  });
}

runMain("bench:rss", main);
