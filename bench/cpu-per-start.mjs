// CPU time per start, read from /proc rather than timed: the runtime's (workerd) and
// wrangler's own Node process (which relays every line the runtime prints), for the floor
// and for Cairn, BENCH_STARTS [500] starts BENCH_CONCURRENCY [50] at a time after 50
// warm-up ones, BENCH_ROUNDS [3] rounds alternating the systems. CPU seconds are what a
// busy shared machine moves least (steal is accounted apart), so small changes in what a
// start costs show here when wall-clock rates cannot resolve them.
//
// BENCH_CPU_PROBES names bench/rss-probe feature sets to measure beside them (`+` joins
// features, `,` separates sets, `floor` is none): what the platform charges for each piece a
// start needs, one at a time, on the same runtime.
//
//   npm run bench:cpu
//   BENCH_LOG_EVENTS=false npm run bench:cpu
//   BENCH_CPU_PROBES=floor,line,d1+alarm+schema+statements@16 npm run bench:cpu
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { groupCpuSeconds, parseProbeSets } from "./lib/cpu.mjs";
import { createCairnClient, requestJson, runPool } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { createBenchJobs } from "./lib/measure.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "./lib/servers.mjs";
import { logEventsVars, startSnapshotCairn } from "./lib/snapshot.mjs";
import { median } from "./lib/stats.mjs";

const STARTS = readCount("BENCH_STARTS", 500);
const CONCURRENCY = readCount("BENCH_CONCURRENCY", 50);
const ROUNDS = readCount("BENCH_ROUNDS", 3);
const WARM_UP = 50;
/**
 * Quiet time before each reading: what trails the last answer (wrangler's Node relaying the
 * runs' log lines, the objects' index writes) lands in the round that caused it.
 */
const SETTLE_MS = 1000;

killServersOnExit();

/** CPU ms per start of `start()` run `count` times: { workerd, node, rate }. */
async function measure(server, start, count = STARTS) {
  await sleep(SETTLE_MS);
  const before = groupCpuSeconds(server);
  const began = performance.now();
  const failed = (await runPool(count, CONCURRENCY, start)).filter((result) => !result.ok);
  if (failed.length > 0) throw failed[0].error;
  const seconds = (performance.now() - began) / 1000;
  await sleep(SETTLE_MS);
  const after = groupCpuSeconds(server);
  const perStart = (name) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / count;
  return { workerd: perStart("workerd"), node: perStart("node"), rate: count / seconds };
}

async function main() {
  const machine = describeMachine();
  const vars = logEventsVars();
  const probes = parseProbeSets(process.env.BENCH_CPU_PROBES ?? "");
  await withServers("cairn-cpu-", async (stateDir) => {
    const token = randomBytes(24).toString("hex");
    // startSnapshotCairn extracts the snapshot into `source` before it returns its promise,
    // so the probe below starts from the same commit's bench/rss-probe.
    const source = join(stateDir, "source");
    const [cairnStarted, floor, probe] = await Promise.all([
      startSnapshotCairn(stateDir, { API_TOKEN: token, ...vars }),
      startServer({
        name: "floor",
        config: join(ROOT, "bench", "floor", "wrangler.toml"),
        persistTo: join(stateDir, "floor"),
        logFile: join(stateDir, "floor.log"),
      }),
      probes.length === 0
        ? null
        : startServer({
            name: "probe",
            config: join(source, "bench", "rss-probe", "wrangler.toml"),
            persistTo: join(stateDir, "probe"),
            logFile: join(stateDir, "probe.log"),
          }),
    ]);
    const cairn = createCairnClient(cairnStarted.server.url, token);
    await createBenchJobs(cairn);
    const cairnStart = async () => {
      const { body } = await requestJson(`${cairnStarted.server.url}/jobs/bench-start/runs`, {
        method: "POST",
        token,
        body: { params: {} },
        expect: [201],
      });
      if (body.status !== "succeeded") throw new Error(`run ${body.id} answered ${body.status}`);
    };
    const floorStart = () =>
      requestJson(`${floor.url}/run?steps=1`, { method: "POST", expect: [201] });
    const probeStart = (query) => () =>
      requestJson(`${probe.url}/object?${query}`, { method: "POST", expect: [201] });
    const systems = [
      ["floor", floor, floorStart],
      ["cairn", cairnStarted.server, cairnStart],
      ...probes.map(([name, query]) => [`probe ${name}`, probe, probeStart(query)]),
    ];
    for (const [, server, start] of systems) await measure(server, start, WARM_UP);
    const samples = Object.fromEntries(systems.map(([name]) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, server, start] of systems) {
        console.error(`bench:cpu: round ${round}/${ROUNDS}, ${name} (load ${readLoad()})...`);
        samples[name].push(await measure(server, start));
      }
    }
    const row = (name) => {
      const of = (key, digits) => median(samples[name].map((s) => s[key])).toFixed(digits);
      const all = samples[name].map((s) => (s.workerd + s.node).toFixed(2)).join(", ");
      return `| ${name} | ${of("workerd", 2)} | ${of("node", 2)} | ${all} | ${of("rate", 1)} |`;
    };
    console.log(
      [
        `\nCPU per start: ${machine.date}, commit ${cairnStarted.commit}, ${machine.nproc} cores (${machine.cpuModel}), load ${machine.loadBefore} -> ${readLoad()}`,
        `(${STARTS} starts at ${CONCURRENCY} concurrent per round, ${ROUNDS} rounds; Cairn vars ${JSON.stringify(vars)}; medians)`,
        "",
        "| system | workerd CPU ms / start | wrangler's node CPU ms / start | all, per round | starts/s |",
        "| --- | --- | --- | --- | --- |",
        ...systems.map(([name]) => row(name)),
      ].join("\n"),
    );
  });
}

runMain("bench:cpu", main);
