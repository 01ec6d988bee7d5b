// The three measurements of the benchmark, each against Cairn and (where it applies) the
// baseline Worker. Every function returns plain numbers; printing is report.mjs's job.
import { setTimeout as sleep } from "node:timers/promises";
import { parseTime, runPool } from "./http.mjs";
import { median, percentile, slope } from "./stats.mjs";

export const STEP_COUNTS = [1, 10, 100];
/** The baseline also runs 1000 writes: 100 writes take ~1 ms, below the clock's resolution. */
export const BASELINE_STEP_COUNTS = [1, 10, 100, 1000];
const WAIT_JOB = "bench-wait-1s";
const START_JOB = "bench-start";
const WAIT_MS = 1000;

/** Name of the job with `count` pass steps. */
function passJobName(count) {
  return `bench-pass-${count}`;
}

/** A state-machine job of `count` pass steps run one after the other. */
function definePassJob(count) {
  const steps = Array.from({ length: count }, (_, i) => ({
    id: `s${i + 1}`,
    type: "pass",
    output: { index: i + 1 },
  }));
  return { name: passJobName(count), steps };
}

/** Saves every job the benchmark runs. */
export async function createBenchJobs(cairn) {
  for (const count of STEP_COUNTS) await cairn.createJob(definePassJob(count));
  await cairn.createJob({ ...definePassJob(1), name: START_JOB });
  await cairn.createJob({
    name: WAIT_JOB,
    steps: [
      { id: "wait", type: "wait", duration: "1s" },
      { id: "after", type: "pass", output: { done: true } },
    ],
  });
}

/** Starts one run of `job`, waits for it, and returns it; throws unless it succeeded. */
async function runToCompletion(cairn, job) {
  const id = await cairn.startRun(job);
  const run = await cairn.waitForRun(id);
  if (run.status !== "succeeded") {
    throw new Error(`run ${id} of ${job} ended ${run.status}: ${JSON.stringify(run.error)}`);
  }
  return run;
}

/**
 * Server-side duration (finished_at - started_at, ms) of `repeats` runs of each pass job,
 * sizes interleaved so a drift in machine load touches every size alike. One warm-up run
 * per size is discarded. Polling only decides when to look, never what is measured.
 */
export async function measureCairnSteps(cairn, repeats) {
  const samples = Object.fromEntries(STEP_COUNTS.map((count) => [count, []]));
  for (let round = 0; round <= repeats; round++) {
    for (const count of STEP_COUNTS) {
      const run = await runToCompletion(cairn, passJobName(count));
      const elapsed =
        parseTime(run.finished_at, "finished_at") - parseTime(run.started_at, "started_at");
      if (round > 0) samples[count].push(elapsed);
    }
  }
  return summariseSteps(samples, 1, 100);
}

/** In-object elapsed ms of `repeats` baseline runs per size (after one warm-up each). */
export async function measureBaselineSteps(baseline, repeats) {
  const samples = Object.fromEntries(BASELINE_STEP_COUNTS.map((count) => [count, []]));
  for (let round = 0; round <= repeats; round++) {
    for (const count of BASELINE_STEP_COUNTS) {
      const elapsed = await baseline.runSteps(count);
      if (round > 0) samples[count].push(elapsed);
    }
  }
  return { ...summariseSteps(samples, 1, 1000), slope_1_100_ms: slope(samples, 1, 100) };
}

/** Medians per size and the per-step slope between `small` and `large` steps. */
function summariseSteps(samples, small, large) {
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  return {
    samples,
    medians,
    slope_ms: slope(samples, small, large),
    slope_between: [small, large],
  };
}

/**
 * Fires `total` starts with `concurrency` in flight and returns
 * `{ rate, failures, ids }`: successful starts per second of wall time.
 */
async function fireStarts(total, concurrency, startOne) {
  const startedAt = performance.now();
  const results = await runPool(total, concurrency, startOne);
  const seconds = (performance.now() - startedAt) / 1000;
  const succeeded = results.filter((r) => r.ok);
  if (succeeded.length === 0) throw new Error(`every start failed: ${results[0]?.error}`);
  return {
    rate: succeeded.length / seconds,
    failures: results.length - succeeded.length,
    ids: succeeded.map((r) => r.value),
  };
}

/**
 * Start throughput, Cairn and baseline in alternating rounds (so both see the same drift
 * in machine load). After each Cairn round its runs are awaited, so their execution does
 * not slow the next round down; runs that did not succeed are counted.
 */
export async function measureStartThroughput(cairn, baseline, { rounds, total, concurrency }) {
  const result = {
    cairn: [],
    baseline: [],
    cairn_failures: 0,
    baseline_failures: 0,
    unfinished: 0,
  };
  for (let round = 0; round < rounds; round++) {
    const base = await fireStarts(total, concurrency, () => baseline.start());
    result.baseline.push(base.rate);
    result.baseline_failures += base.failures;
    const ours = await fireStarts(total, concurrency, () => cairn.startRun(START_JOB));
    result.cairn.push(ours.rate);
    result.cairn_failures += ours.failures;
    const settled = await runPool(ours.ids.length, 10, (i) => cairn.waitForRun(ours.ids[i]));
    result.unfinished += settled.filter((s) => !s.ok || s.value.status !== "succeeded").length;
  }
  return {
    ...result,
    cairn_median: median(result.cairn),
    baseline_median: median(result.baseline),
  };
}

/** Finds the step `id` in a steps list; throws when it is missing or never started. */
function findStartedStep(steps, id, runId) {
  const step = steps.find((s) => s.id === id);
  if (step === undefined) throw new Error(`run ${runId} has no step ${id}`);
  return parseTime(step.started_at, `run ${runId} step ${id} started_at`);
}

/**
 * Lateness of 1-second waits: for `count` runs started `gapMs` apart, the pass step's
 * started_at minus (the wait step's started_at + 1000 ms). One warm-up run is discarded.
 */
export async function measureWaitLateness(cairn, { count, gapMs }) {
  await runToCompletion(cairn, WAIT_JOB);
  const ids = [];
  for (let i = 0; i < count; i++) {
    ids.push(await cairn.startRun(WAIT_JOB));
    await sleep(gapMs);
  }
  const lateness = [];
  for (const id of ids) {
    const run = await cairn.waitForRun(id);
    if (run.status !== "succeeded") throw new Error(`wait run ${id} ended ${run.status}`);
    const steps = await cairn.getSteps(id);
    lateness.push(
      findStartedStep(steps, "after", id) - findStartedStep(steps, "wait", id) - WAIT_MS,
    );
  }
  return {
    samples: lateness,
    p50: percentile(lateness, 50),
    p95: percentile(lateness, 95),
    max: Math.max(...lateness),
  };
}
