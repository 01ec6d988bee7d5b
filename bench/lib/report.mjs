// Formats run.mjs's results as plain text. The targets are judged once, on the
// side by side that `npm run bench` runs next (bench/compare.mjs, lib/verdicts.mjs): its
// floor is the one the issue names (an SQL write and sync), not this script's cached put.

/** A number with `digits` decimals, or "-" when there is none. */
function formatNumber(value, digits = 2) {
  if (value === undefined || value === null) return "-";
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** Left-aligned first column, right-aligned others, each padded to `widths`. */
function formatRow(cells, widths) {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join("  ");
}

/** Rows as an aligned block of text. */
function formatTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => formatRow(row, widths)).join("\n");
}

/** The step-cost block: medians per size for both servers and the slopes. */
function formatSteps({ cairnSteps, baselineSteps }) {
  const sizes = Object.keys(baselineSteps.medians);
  const rows = [
    ["steps per run", ...sizes],
    ["cairn (ms, server side)", ...sizes.map((s) => formatNumber(cairnSteps.medians[s], 1))],
    ["baseline (ms, in the DO)", ...sizes.map((s) => formatNumber(baselineSteps.medians[s], 1))],
  ];
  return [
    "Per-step cost: median run duration",
    formatTable(rows),
    `cairn slope (1->100 steps):      ${formatNumber(cairnSteps.slope_ms, 3)} ms/step`,
    `baseline slope (1->1000 writes): ${formatNumber(baselineSteps.slope_ms, 4)} ms/write` +
      ` (1->100: ${formatNumber(baselineSteps.slope_1_100_ms, 4)})`,
  ].join("\n");
}

/** The start-throughput block: median and every round for both servers. */
function formatThroughput({ throughput }, config) {
  const rounds = (rates) => rates.map((r) => formatNumber(r, 0)).join(", ");
  return [
    `Start throughput: ${config.starts} starts at concurrency ${config.concurrency}, runs/s`,
    `cairn:    median ${formatNumber(throughput.cairn_median, 1)}  (rounds ${rounds(throughput.cairn)};` +
      ` ${throughput.cairn_failures} failed starts, ${throughput.unfinished} runs not succeeded)`,
    `baseline: median ${formatNumber(throughput.baseline_median, 1)}  (rounds ${rounds(throughput.baseline)};` +
      ` ${throughput.baseline_failures} failed starts)`,
  ].join("\n");
}

/** The whole report: context and the three measurements, with Cairn's ratios to the baseline. */
export function formatReport(results, config, machine) {
  const stepRatio = results.cairnSteps.slope_ms / results.baselineSteps.slope_ms;
  const startRatio = results.throughput.cairn_median / results.throughput.baseline_median;
  const { lateness } = results;
  return [
    `Cairn benchmark, ${machine.date}, commit ${machine.commit}`,
    `machine: ${machine.cpus} cores of ${machine.cpuModel} (nproc ${machine.nproc}), node ${machine.node},` +
      ` load average ${machine.loadBefore} before / ${machine.loadAfter} after`,
    "",
    formatSteps(results),
    "",
    formatThroughput(results, config),
    "",
    `Wait lateness: ${config.waits} runs of "wait 1s, then pass", started ${config.waitGapMs} ms apart`,
    `p50 ${formatNumber(lateness.p50, 0)} ms, p95 ${formatNumber(lateness.p95, 0)} ms, max ${formatNumber(lateness.max, 0)} ms`,
    "",
    `step cost / baseline write ${formatNumber(stepRatio)}x, start throughput / baseline ${formatNumber(startRatio)}x`,
    "(the issue 12 targets are judged on the side by side below)",
  ].join("\n");
}
