#!/usr/bin/env node
// Measures the dashboard for bench/README.md ("Dashboard weight"): what its first page
// transfers (the HTML, stylesheet and the scripts it loads before it can draw, gzip and
// brotli compressed as a CDN would send them), and how long the runs page takes to show
// its first page of runs when the index holds 10,000 runs (median of 5 loads in Chromium,
// signed in, against local `wrangler dev`), and the run page of a 1,000-item map run until
// its graph shows the counts. Run with `npm run bench:ui`.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { FatalError, waitUntil } from "../test/e2e/http.mjs";
import { wranglerEnv } from "../test/e2e/wrangler.mjs";
import { launchChromium, signIn, startCairn } from "../test/ui/harness.mjs";

const ROOT = join(import.meta.dirname, "..");
const UI = join(ROOT, "dist", "assets", "ui");
const RUNS = 10_000;
const LOADS = 5;
const ROWS_PER_INSERT = 500;

/** The files the first page fetches before it can draw: index.html, its CSS, its script and the chunks that script imports statically. */
function firstPageFiles() {
  const html = readFileSync(join(UI, "index.html"), "utf8");
  const files = [
    "index.html",
    ...[...html.matchAll(/\/ui\/([\w-]+\.(?:js|css))/g)].map((m) => m[1]),
  ];
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(join(UI, file), "utf8");
    for (const match of code.matchAll(/from"\.\/(chunk-[\w]+\.js)"/g))
      if (!files.includes(match[1])) files.push(match[1]);
  }
  return files;
}

function weigh() {
  spawnSync(process.execPath, [join(ROOT, "scripts", "build-ui.mjs")], { stdio: "inherit" });
  const rows = firstPageFiles().map((file) => {
    const bytes = readFileSync(join(UI, file));
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    };
  });
  const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
  return { rows, raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") };
}

/** Writes RUNS rows into the run index of the local D1 (the list reads only the index). */
function seedRuns(persistDir) {
  const statuses = ["succeeded", "failed", "running", "waiting", "cancelled"];
  const now = Date.now();
  const statements = [];
  for (let start = 0; start < RUNS; start += ROWS_PER_INSERT) {
    const values = [];
    for (let i = start; i < Math.min(RUNS, start + ROWS_PER_INSERT); i++) {
      const id = i.toString(16).padStart(32, "0");
      const created = now - (RUNS - i) * 60_000;
      values.push(
        `('${id}','bench-job-${i % 7}',1,'${statuses[i % 5]}','api',${i},${created},${created},${created + 1500})`,
      );
    }
    statements.push(
      `INSERT INTO runs (id, job, version, status, trigger, seq, created_at, started_at, finished_at) VALUES ${values.join(",")};`,
    );
  }
  const file = join(persistDir, "..", "seed.sql");
  writeFileSync(file, statements.join("\n"));
  const result = spawnSync(
    join(ROOT, "node_modules", ".bin", "wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"],
    { cwd: ROOT, env: wranglerEnv(), encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr}${result.stdout}`);
}

const MAP_ITEMS = 1000;
const MAP_JOB = {
  name: "bench-map-1000",
  // Room for the 1,000 item executions and the two steps around them.
  max_step_executions: 5000,
  steps: [
    { id: "items", type: "pass", output: Array.from({ length: MAP_ITEMS }, (_, i) => i) },
    {
      id: "each",
      type: "map",
      items: "{{ output.items }}",
      max_concurrency: 50,
      steps: [{ id: "work", type: "pass", output: "{{ meta.item }}" }],
    },
  ],
};

/** Loads `path` LOADS times and returns the median time until `selector` is visible. */
async function medianLoad(page, url, selector) {
  const times = [];
  for (let load = 0; load < LOADS; load++) {
    const started = Date.now();
    await page.goto(url);
    await page.locator(selector).waitFor({ timeout: 60_000 });
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  return { times, median: times[Math.floor(LOADS / 2)] };
}

async function timeRunsPage() {
  const cairn = await startCairn([], { seed: seedRuns });
  const browser = await launchChromium();
  try {
    if (browser === null) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${cairn.url}/ui/runs`);
    await signIn(page, cairn.token);
    await page.locator("tr[data-run-id]").nth(49).waitFor();
    const list = await medianLoad(page, `${cairn.url}/ui/runs`, "tr[data-run-id] >> nth=49");
    await cairn.cairn.call("POST", "/jobs", MAP_JOB);
    const run = await cairn.cairn.call("POST", `/jobs/${MAP_JOB.name}/runs`, {});
    await waitUntil(
      "the 1,000-item map run to succeed",
      async () => {
        const { status, error } = await cairn.cairn.call("GET", `/runs/${run.id}`);
        if (["failed", "cancelled", "timed_out"].includes(status))
          throw new FatalError(`the map run ended ${status}: ${JSON.stringify(error)}`);
        return status === "succeeded";
      },
      // A run busy with 1,000 items may be slow to answer: a timed-out poll is polled again.
      { timeoutMs: 300_000, intervalMs: 1000, tolerateErrors: true },
    );
    const selector = `.node[data-step="each/*/work"]:has-text("${MAP_ITEMS} ✓")`;
    const map = await medianLoad(page, `${cairn.url}/ui/runs/${run.id}`, selector);
    return { list, map };
  } finally {
    await browser?.close();
    await cairn.stop();
  }
}

const weight = weigh();
for (const row of weight.rows)
  console.log(
    `${row.file.padEnd(24)} ${row.raw} B raw, ${row.gzip} B gzip, ${row.brotli} B brotli`,
  );
console.log(
  `first page: ${(weight.raw / 1024).toFixed(1)} KB raw, ${(weight.gzip / 1024).toFixed(1)} KB gzip, ${(weight.brotli / 1024).toFixed(1)} KB brotli`,
);
const { list, map } = await timeRunsPage();
console.log(
  `runs page with ${RUNS} runs: first 50 rows shown in ${list.median} ms (median of ${LOADS}: ${list.times.join(", ")} ms)`,
);
console.log(
  `run page of a ${MAP_ITEMS}-item map: graph with its counts shown in ${map.median} ms (median of ${LOADS}: ${map.times.join(", ")} ms)`,
);
