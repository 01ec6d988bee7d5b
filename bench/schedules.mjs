#!/usr/bin/env node
// `npx node bench/schedules.mjs`: schedules on local `wrangler dev` (issue 4 item 8).
// Saves BENCH_JOBS (1,000) one-`pass` jobs whose 6-field cron fires at the same second,
// waits for every scheduled run, and reports how late each started against the fire time.
// Then it times the durable floor (bench/floor) creating and writing as many objects, and
// judges issue 12's target: the last run started within 1.5x the floor's time.
// Exits 0 when the measurement completed, 1 on any error. See bench/README.md, "Schedules".
// BENCH_REV measures another commit (default HEAD). BENCH_SCHEDULES_PROFILE=1 also records CPU profiles of the burst and of the floor's (bench/.state/schedules*.cpuprofile).
// BENCH_FLOOR_ALARMS=1 also times the floor waking as many idle objects by alarms due in one second.
// BENCH_FLOOR_CONCURRENCY [BENCH_CONCURRENCY] sets how many of the floor's objects are made at a time.
// BENCH_LOG_EVENTS=false starts Cairn with `LOG_EVENTS = "false"` (no console call per run).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { recordCpuProfile, saveCpuProfile, summariseCpuProfile } from "./lib/cpu-profile.mjs";
import { createCairnClient, parseTime, requestJson, runPool } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "./lib/servers.mjs";
import { logEventsVars, startSnapshotCairn } from "./lib/snapshot.mjs";
import { percentile } from "./lib/stats.mjs";
import { floorSystem } from "./lib/systems.mjs";

const CONFIG = {
  jobs: readCount("BENCH_JOBS", 1000),
  concurrency: readCount("BENCH_CONCURRENCY", 20),
  /**
   * How many of the floor's objects are created at a time (BENCH_FLOOR_CONCURRENCY, default
   * BENCH_CONCURRENCY): at 1,000 the floor meets the burst as Cairn's 1,000 fires do, all in
   * flight at once.
   */
  floorConcurrency: readCount("BENCH_FLOOR_CONCURRENCY", readCount("BENCH_CONCURRENCY", 20)),
  /** Least time between the end of the saves and the fire time. */
  minLeadS: readCount("BENCH_LEAD_S", 20),
  /** With BENCH_SCHEDULES_PROFILE=1, a CPU profile from the fire time until every run ended. */
  profile: process.env.BENCH_SCHEDULES_PROFILE === "1",
  /**
   * With BENCH_FLOOR_ALARMS=1, the floor also wakes as many idle objects by alarms due in one
   * second: what the coordinators' wake costs at the least (each fire wakes one, then makes a run).
   */
  floorAlarms: process.env.BENCH_FLOOR_ALARMS === "1",
};
const PROFILE_OUTPUT = join(ROOT, "bench", ".state", "schedules.cpuprofile");
const FLOOR_PROFILE_OUTPUT = join(ROOT, "bench", ".state", "schedules-floor.cpuprofile");
const JOB_PREFIX = "bench-sched-";
const PROBE_JOBS = 20;
/** The largest page GET /runs gives. */
const PAGE_SIZE = 200;
const POLL_INTERVAL_MS = 2000;
const SETTLE_TIMEOUT_MS = 600_000;
const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled", "timed_out"]);
/** Issue 12: the last scheduled run starts within this multiple of the floor's time. */
const FLOOR_TARGET_RATIO = 1.5;
const FLOOR_WARMUP_RUNS = 20;
/** How long the floor's sleeping objects stay idle before their alarms, as coordinators do. */
const FLOOR_ALARM_IDLE_MS = 25_000;
/** wrangler dev's own warnings, offline: not about the burst. */
const BENIGN_LOG = /Request\.cf|ENOTFOUND workers\.cloudflare\.com|Scheduled Workers are not/;
/** Most lines of Cairn's log (errors, warnings, alarm retries) printed after the burst. */
const LOG_PROBLEMS_SHOWN = 20;

killServersOnExit();

/** A 6-field cron (seconds first, UTC) firing daily at the whole second `fireMs`. */
function cronAt(fireMs) {
  const at = new Date(fireMs);
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
}

/** A trivial job (one `pass`), scheduled by `cron` when given. */
function defineJob(name, cron) {
  const job = { name, steps: [{ id: "done", type: "pass", output: { ok: true } }] };
  return cron === undefined ? job : { ...job, schedule: { cron } };
}

/** Saves `count` jobs from `define(i)`, `concurrency` in flight; answers the wall ms taken. */
async function saveJobs(cairn, count, define) {
  const startedAt = performance.now();
  const results = await runPool(count, CONFIG.concurrency, (i) => cairn.createJob(define(i)));
  const failed = results.find((r) => !r.ok);
  if (failed) throw failed.error;
  return performance.now() - startedAt;
}

/**
 * Picks the fire time (epoch ms): at least `minLeadS` after the saves are expected to end, judged
 * from the time taken by `PROBE_JOBS` unscheduled saves (doubled, for safety on a loaded
 * machine), rounded up to a whole second.
 */
async function pickFireTime(cairn) {
  const probeMs = await saveJobs(cairn, PROBE_JOBS, (i) => defineJob(`bench-probe-${i}`));
  const expectedSaveMs = (probeMs / PROBE_JOBS) * CONFIG.jobs * 2;
  const fireMs = Date.now() + expectedSaveMs + CONFIG.minLeadS * 1000;
  return Math.ceil(fireMs / 1000) * 1000;
}

/** Every run of the bench's scheduled jobs in the run index (all pages). */
async function listScheduledRuns(url, token) {
  const runs = [];
  let cursor = null;
  do {
    const query = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const { body } = await requestJson(`${url}/runs?limit=${PAGE_SIZE}${query}`, { token });
    runs.push(...body.items.filter((run) => run.job.startsWith(JOB_PREFIX)));
    cursor = body.next_cursor;
  } while (cursor !== null);
  return runs;
}

/**
 * Polls the run index until every job has a run that ended (10 minutes at most). Throws
 * when a job got more than one run, a run did not succeed, or time runs out.
 */
async function awaitScheduledRuns(url, token) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let runs = [];
  while (Date.now() < deadline) {
    try {
      runs = await listScheduledRuns(url, token);
    } catch (error) {
      // While 1,000 fires land, the index can be too busy to answer in time; look again.
      console.error(`schedules: listing runs failed (${error.message}), retrying`);
      await sleep(POLL_INTERVAL_MS);
      continue;
    }
    const ended = runs.filter((run) => TERMINAL_STATUSES.has(run.status)).length;
    console.error(`schedules: ${runs.length} runs, ${ended} ended`);
    if (ended >= CONFIG.jobs) break;
    await sleep(POLL_INTERVAL_MS);
  }
  const jobs = new Set(runs.map((run) => run.job));
  if (runs.length !== jobs.size) throw new Error(`${runs.length} runs for ${jobs.size} jobs`);
  if (runs.length < CONFIG.jobs) throw new Error(`only ${runs.length} of ${CONFIG.jobs} ran`);
  const bad = runs.find((run) => run.status !== "succeeded" || run.trigger !== "schedule");
  if (bad) throw new Error(`run ${bad.id} of ${bad.job}: ${bad.status}, trigger ${bad.trigger}`);
  return runs;
}

/** min, p50, p95 and max of a list of milliseconds. */
function summarise(values) {
  return {
    min: Math.min(...values),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
  };
}

/** Lateness of each run against the fire time: when it was created, started and ended. */
function measureLateness(runs, fireMs) {
  const late = (field) => runs.map((run) => parseTime(run[field], `${run.id} ${field}`) - fireMs);
  return {
    created: summarise(late("created_at")),
    started: summarise(late("started_at")),
    finished: summarise(late("finished_at")),
  };
}

/**
 * How long the durable floor takes to create and write `CONFIG.jobs` one-step objects,
 * `CONFIG.floorConcurrency` at a time, on a runtime of its own started once Cairn's burst is over.
 * Under BENCH_SCHEDULES_PROFILE its 1,000 objects are profiled too, to compare per object.
 */
async function measureFloor(stateDir) {
  const server = await startServer({
    name: "floor",
    config: join(ROOT, "bench", "floor", "wrangler.toml"),
    persistTo: join(stateDir, "floor"),
    logFile: join(stateDir, "floor.log"),
  });
  const floor = floorSystem(server.url, null);
  await runPool(FLOOR_WARMUP_RUNS, CONFIG.concurrency, () => floor.run(1));
  const burst = async () => {
    const startedAt = performance.now();
    const results = await runPool(CONFIG.jobs, CONFIG.floorConcurrency, () => floor.run(1));
    const failed = results.find((r) => !r.ok);
    if (failed) throw failed.error;
    return performance.now() - startedAt;
  };
  const createMs = await (CONFIG.profile
    ? profileBurst(server, burst, FLOOR_PROFILE_OUTPUT)
    : burst());
  return { createMs, wakeMs: CONFIG.floorAlarms ? await measureFloorAlarms(server.url) : null };
}

/**
 * How late the last of `CONFIG.jobs` idle floor objects ran its alarm, all due at the same
 * whole second `FLOOR_ALARM_IDLE_MS` after they were all put to sleep (each writes the
 * lateness it woke with: one write, as the floor's step).
 */
async function measureFloorAlarms(url) {
  const post = async (path) =>
    (await requestJson(`${url}${path}`, { method: "POST", expect: [201] })).body;
  const sleepStartedAt = Date.now();
  const probe = await runPool(PROBE_JOBS, CONFIG.concurrency, () => post("/sleep?ms=60000"));
  const expectedMs = ((Date.now() - sleepStartedAt) / PROBE_JOBS) * CONFIG.jobs * 2;
  const dueMs = Math.ceil((Date.now() + expectedMs + FLOOR_ALARM_IDLE_MS) / 1000) * 1000;
  if (probe.some((r) => !r.ok)) throw new Error("floor: a probe sleep failed");
  const slept = await runPool(CONFIG.jobs, CONFIG.concurrency, () =>
    post(`/sleep?ms=${dueMs - Date.now()}`),
  );
  const failed = slept.find((r) => !r.ok);
  if (failed) throw failed.error;
  if (Date.now() > dueMs - 1000) throw new Error("floor: the sleeps ended after their alarms");
  console.error(
    `schedules: ${CONFIG.jobs} floor objects sleep until ${new Date(dueMs).toISOString()}`,
  );
  await sleep(dueMs - Date.now() + POLL_INTERVAL_MS);
  const names = slept.map((r) => r.value.name);
  for (;;) {
    const read = await runPool(names.length, CONFIG.concurrency, async (i) => {
      const { body } = await requestJson(`${url}/sleep/${names[i]}`);
      return body.lateness_ms;
    });
    const latenesses = read.map((r) => (r.ok ? r.value : null));
    if (latenesses.every((ms) => ms !== null)) return Math.max(...latenesses);
    await sleep(POLL_INTERVAL_MS);
  }
}

/** The target's line: met, or the figure that misses it. */
function formatVerdict(lastStartedMs, floorMs) {
  const targetMs = floorMs * FLOOR_TARGET_RATIO;
  const ratio = lastStartedMs / floorMs;
  const verdict = lastStartedMs <= targetMs ? "met" : `MISSED (${ratio.toFixed(2)}x)`;
  return [
    `floor: ${CONFIG.jobs} one-step objects created and written in ${(floorMs / 1000).toFixed(1)} s at concurrency ${CONFIG.floorConcurrency}`,
    `last run started ${(lastStartedMs / 1000).toFixed(1)} s after the fire = ${ratio.toFixed(2)}x the floor; target <= ${FLOOR_TARGET_RATIO}x (${(targetMs / 1000).toFixed(1)} s): ${verdict}`,
  ].join("\n");
}

/** The report printed on stdout. */
function formatReport({ lateness, saveMs, leadMs, floorMs, floorWakeMs }, machine) {
  const line = (label, s) =>
    `${label} min ${s.min} ms, p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`;
  return [
    `Cairn schedules benchmark, ${machine.date}: ${machine.cpus} cores of ${machine.cpuModel}` +
      ` (nproc ${machine.nproc}), node ${machine.node}, commit ${machine.commit}, load ${machine.loadBefore} before / ${machine.loadAfter} after`,
    "",
    `${CONFIG.jobs} jobs (one pass step each), one 6-field cron each, all for the same second;` +
      ` saved in ${(saveMs / 1000).toFixed(1)} s at concurrency ${CONFIG.concurrency},` +
      ` ${(leadMs / 1000).toFixed(1)} s before the fire time`,
    `time from the fire time until the last run started: ${lateness.started.max} ms`,
    line("run created  - fire time:", lateness.created),
    line("run started  - fire time:", lateness.started),
    line("run finished - fire time:", lateness.finished),
    "",
    formatVerdict(lateness.started.max, floorMs),
    ...(floorWakeMs === null
      ? []
      : [
          `floor: the last of ${CONFIG.jobs} idle objects woken by alarms due in the same second ran ${floorWakeMs} ms late`,
        ]),
  ].join("\n");
}

/** Saves the scheduled jobs, checks they were all saved before the fire time, waits, measures. */
async function measure(server, token) {
  const cairn = createCairnClient(server.url, token);
  const fireMs = await pickFireTime(cairn);
  const cron = cronAt(fireMs);
  console.error(`schedules: saving ${CONFIG.jobs} jobs with cron "${cron}" (UTC)...`);
  const saveMs = await saveJobs(cairn, CONFIG.jobs, (i) => defineJob(`${JOB_PREFIX}${i}`, cron));
  const leadMs = fireMs - Date.now();
  // A job saved after its fire time would start at once, on its save: no longer a schedule.
  if (leadMs < 1000)
    throw new Error(`saves ended ${-leadMs} ms after the fire time; raise BENCH_LEAD_S`);
  console.error(`schedules: fire time ${new Date(fireMs).toISOString()}, in ${leadMs} ms`);
  // The profiler starts just before the fire time: the saves are not in it.
  await sleep(Math.max(0, leadMs - (CONFIG.profile ? 500 : 0)));
  const runs = await (CONFIG.profile
    ? profileBurst(server, () => awaitScheduledRuns(server.url, token), PROFILE_OUTPUT)
    : awaitScheduledRuns(server.url, token));
  printLogProblems(server);
  return { lateness: measureLateness(runs, fireMs), saveMs, leadMs };
}

/**
 * Prints the lines of `server`'s log that tell of a problem during the burst (an alarm that
 * threw is retried seconds later, which alone can make the last run late), on stderr.
 */
function printLogProblems(server) {
  const problems = readFileSync(server.logFile, "utf8")
    .split("\n")
    .filter((line) => /error|warn|exception|retry/i.test(line) && !BENIGN_LOG.test(line));
  console.error(`schedules: ${problems.length} log lines of errors or warnings during the run`);
  for (const line of problems.slice(0, LOG_PROBLEMS_SHOWN)) console.error(`  ${line}`);
}

/**
 * Runs `work` under `server`'s CPU profiler, saved to `output`; prints CPU per fire (or per
 * floor object) by function on stderr.
 */
async function profileBurst(server, work, output) {
  const { result, profile } = await recordCpuProfile(server.inspectorPort, work);
  saveCpuProfile(output, profile);
  const summary = summariseCpuProfile(profile, CONFIG.jobs);
  console.error(
    `schedules: profile of ${server.name}'s burst (${output}), ${summary.ms.toFixed(0)} ms\n\nself time\n${summary.self}\n\ntotal time\n${summary.total}\n`,
  );
  return result;
}

async function main() {
  const machine = describeMachine();
  const token = randomBytes(24).toString("hex");
  await withServers("cairn-bench-schedules-", async (stateDir) => {
    console.error(`schedules: starting cairn (state in ${stateDir})...`);
    const { server, commit } = await startSnapshotCairn(
      stateDir,
      {
        API_TOKEN: token,
        ...logEventsVars(),
      },
      { rev: process.env.BENCH_REV ?? "HEAD" },
    );
    machine.commit = commit;
    const result = await measure(server, token);
    // Cairn's runtime stays up but idle: every scheduled run has ended.
    console.error("schedules: timing the floor...");
    const floor = await measureFloor(stateDir);
    machine.loadAfter = readLoad();
    console.log(
      formatReport({ ...result, floorMs: floor.createMs, floorWakeMs: floor.wakeMs }, machine),
    );
  });
}

runMain("schedules bench", main);
