// Issue 12's targets, judged on one side-by-side run (bench/compare.mjs): each target is a
// ratio of Cairn's figure to the floor's or Workflows', or one of Cairn's own figures.
// Pure: figures in, lines out (tested by test/bench/verdicts.test.mjs).

/**
 * The targets. `figure(f)` answers the number judged (null when a system's figure is
 * missing), `limit` and `at` ("most" or "least") the bound, `shown(f)` how the figure
 * reads. `f` is `{ floor, workflows, cairn }`, each the figures of compare.mjs's ROWS.
 */
export const TARGETS = [
  {
    name: "starts/s vs the floor",
    figure: (f) => ratio(f.cairn.starts_per_s, f.floor.starts_per_s),
    at: "least",
    limit: 0.75,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.starts_per_s, 1)} vs ${fixed(f.floor.starts_per_s, 1)} /s`,
  },
  {
    name: "starts/s vs Workflows",
    figure: (f) => ratio(f.cairn.starts_per_s, f.workflows.starts_per_s),
    at: "least",
    limit: 1.5,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.starts_per_s, 1)} vs ${fixed(f.workflows.starts_per_s, 1)} /s`,
  },
  {
    name: "one-step run vs the floor",
    figure: (f) => ratio(f.cairn.one_step_run_ms, f.floor.one_step_run_ms),
    at: "most",
    limit: 1.3,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.one_step_run_ms, 1)} vs ${fixed(f.floor.one_step_run_ms, 1)} ms`,
  },
  {
    // The floor's extra is one bare `fetch` of the echo from a Durable Object: what the
    // target itself takes, as a Worker sees it. Cairn's HTTP task may add 2 ms to that. Both
    // clients keep quiet while the call is in flight (lib/systems.mjs, FETCH_QUIET_MS).
    name: "HTTP task over the target's own time",
    figure: (f) => difference(f.cairn.fetch_extra_ms, f.floor.fetch_extra_ms),
    at: "most",
    limit: 2,
    unit: " ms",
    shown: (f) =>
      `Cairn's extra ${fixed(f.cairn.fetch_extra_ms, 1)} ms (${fixed(f.cairn.fetch_extra_polled_ms, 1)} polled), floor's fetch ${fixed(f.floor.fetch_extra_ms, 1)} ms`,
  },
  {
    name: "one step vs the floor",
    figure: (f) => ratio(f.cairn.step_ms, f.floor.step_ms),
    at: "most",
    limit: 2,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.step_ms, 2)} vs ${fixed(f.floor.step_ms, 2)} ms`,
  },
  {
    name: "peak RSS vs the floor",
    figure: (f) => ratio(f.cairn.peak_rss_mb, f.floor.peak_rss_mb),
    at: "most",
    limit: 1.2,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.peak_rss_mb, 0)} vs ${fixed(f.floor.peak_rss_mb, 0)} MB`,
  },
  {
    name: "1 s wait lateness p95",
    figure: (f) => f.cairn.sleep_p95_ms ?? null,
    at: "most",
    limit: 25,
    unit: " ms",
    shown: (f) =>
      `floor ${fixed(f.floor.sleep_p95_ms, 1)} ms, Workflows ${fixed(f.workflows.sleep_p95_ms, 1)} ms`,
  },
];

/**
 * The start targets' bounds against a start's pieces (lib/systems.mjs START_PIECES: the
 * object, schema, statements, D1 row, alarm and console call a start needs, with no Cairn
 * code) instead of the floor: what of a miss is Cairn's own. Not issue 12's targets.
 */
export const PIECES_REFERENCES = [
  {
    name: "starts/s vs a start's pieces",
    figure: (f) => ratio(f.cairn.starts_per_s, f.pieces?.starts_per_s),
    at: "least",
    limit: 0.75,
    unit: "x",
    shown: (f) => `${fixed(f.cairn.starts_per_s, 1)} vs ${fixed(f.pieces?.starts_per_s, 1)} /s`,
  },
  {
    name: "one-step run vs a start's pieces",
    figure: (f) => ratio(f.cairn.one_step_run_ms, f.pieces?.one_step_run_ms),
    at: "most",
    limit: 1.3,
    unit: "x",
    shown: (f) =>
      `${fixed(f.cairn.one_step_run_ms, 1)} vs ${fixed(f.pieces?.one_step_run_ms, 1)} ms`,
  },
];

function ratio(a, b) {
  return isNumber(a) && isNumber(b) && b !== 0 ? a / b : null;
}

function difference(a, b) {
  return isNumber(a) && isNumber(b) ? a - b : null;
}

function isNumber(value) {
  return typeof value === "number" && Number.isFinite(value);
}

function fixed(value, digits) {
  return isNumber(value) ? value.toFixed(digits) : "n/a";
}

/** One target's verdict: the figure, whether it is met (a missing figure is not). */
export function judge(target, figures) {
  const value = target.figure(figures);
  const met =
    value !== null && (target.at === "least" ? value >= target.limit : value <= target.limit);
  const figure = value === null ? "n/a" : `${value.toFixed(2)}${target.unit}`;
  return {
    name: target.name,
    figure,
    goal: `${target.at === "least" ? ">=" : "<="} ${target.limit}${target.unit}`,
    met,
    detail: target.shown(figures),
  };
}

/**
 * One line per target: name, figure, goal and `met` or `MISSED (figure)`, in aligned columns;
 * then, when the figures have a start's pieces, the start bounds against them.
 */
export function formatVerdicts(figures, targets = TARGETS) {
  const verdicts = ["Issue 12 targets:", ...verdictLines(figures, targets)];
  if (!figures.pieces) return verdicts.join("\n");
  return [
    ...verdicts,
    "",
    "The same bounds against a start's pieces (what of a miss is Cairn's own; not issue 12's targets):",
    ...verdictLines(figures, PIECES_REFERENCES),
  ].join("\n");
}

function verdictLines(figures, targets) {
  const rows = targets.map((target) => {
    const v = judge(target, figures);
    return [v.name, `${v.figure} (${v.detail})`, v.goal, v.met ? "met" : `MISSED (${v.figure})`];
  });
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  "),
  );
  return lines;
}
