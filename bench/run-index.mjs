#!/usr/bin/env node
// `npm run bench:index`: the run index at BENCH_RUNS (100,000) runs (issue 13 item 2).
// Migrates a local D1, seeds it directly (its SQLite file, through node:sqlite) with runs
// and their tags as the run objects would have mirrored them, starts `wrangler dev` on it
// and times filtered `GET /runs` pages. Exits 0 when the measurement completed, 1 on any
// error. See bench/README.md, "Run index at 100,000 runs".
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { requestJson } from "./lib/http.mjs";
import { describeMachine, readCount, readLoad } from "./lib/machine.mjs";
import {
  applyMigrations,
  killServersOnExit,
  ROOT,
  runMain,
  startServer,
  withServers,
} from "./lib/servers.mjs";
import { median, percentile } from "./lib/stats.mjs";

const CONFIG = {
  runs: readCount("BENCH_RUNS", 100_000),
  repeats: readCount("BENCH_REPEATS", 30),
  customers: 1000,
  jobs: 50,
};
const STATUSES = ["succeeded", "succeeded", "succeeded", "failed", "timed_out", "cancelled"];
const REGIONS = ["eu", "us", "ap", "sa", "af"];
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1);

killServersOnExit();

/** The local D1's SQLite file that `wrangler d1 migrations apply --local` created. */
function findD1File(persistTo) {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find(
    (name) => name.endsWith(".sqlite") && name !== "metadata.sqlite",
  );
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return join(dir, file);
}

/** Runs spread over 30 days, each with a customer tag (1 in 1,000) and a region tag (1 in 5). */
function seed(file) {
  const db = new DatabaseSync(file);
  const run = db.prepare(
    `INSERT INTO runs (id, job, version, status, trigger, seq, created_at, started_at, finished_at)
     VALUES (?, ?, 1, ?, 'api', 4, ?, ?, ?)`,
  );
  const tag = db.prepare(
    "INSERT INTO run_tags (run_id, key, value, created_at) VALUES (?, ?, ?, ?)",
  );
  db.exec("BEGIN");
  for (let i = 0; i < CONFIG.runs; i++) {
    const id = randomBytes(16).toString("hex");
    const at = NOW - Math.floor((i / CONFIG.runs) * 30 * DAY);
    run.run(id, `job-${i % CONFIG.jobs}`, STATUSES[i % STATUSES.length], at, at + 10, at + 500);
    tag.run(id, "customer", `c-${i % CONFIG.customers}`, at);
    tag.run(id, "region", REGIONS[i % REGIONS.length], at);
  }
  db.exec("COMMIT");
  db.close();
}

const iso = (ms) => new Date(ms).toISOString();
const QUERIES = {
  "newest page, no filter": "limit=50",
  "one tag (~100 matches)": "tag=customer:c-42&limit=50",
  "one tag (20,000 matches)": "tag=region:eu&limit=50",
  "two tags, the broad one first": "tag=region:ap&tag=customer:c-42&limit=50",
  "two tags, the narrow one first": "tag=customer:c-42&tag=region:ap&limit=50",
  "tag + status list + time window (last night)": `tag=customer:c-42&status=failed,timed_out&created_after=${iso(NOW - 10 * DAY)}&created_before=${iso(NOW - 2 * DAY)}&limit=50`,
  "status list, no tag": "status=failed,timed_out&limit=50",
  "job + status": "job=job-7&status=failed&limit=50",
  "tag, 5th page by cursor": "tag=region:eu&limit=200&pages=5",
};

async function timePage(url, token, query) {
  const pages = Number(new URLSearchParams(query).get("pages") ?? 1);
  const base = query.replace(/&pages=\d+/, "");
  let cursor = null;
  let elapsed = 0;
  let items = 0;
  for (let page = 0; page < pages; page++) {
    const path = `/runs?${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const started = performance.now();
    const { body } = await requestJson(`${url}${path}`, { token, expect: [200] });
    elapsed = performance.now() - started; // the last page's time
    items = body.items.length;
    cursor = body.next_cursor;
  }
  return { elapsed, items };
}

async function main() {
  const machine = describeMachine();
  const results = await withServers("cairn-bench-index-", async (stateDir) => {
    const persistTo = join(stateDir, "cairn");
    applyMigrations(persistTo);
    const seedStarted = performance.now();
    seed(findD1File(persistTo));
    console.log(`seeded ${CONFIG.runs} runs in ${Math.round(performance.now() - seedStarted)} ms`);
    const token = randomBytes(16).toString("hex");
    const server = await startServer({
      name: "cairn",
      config: join(ROOT, "wrangler.toml"),
      persistTo,
      logFile: join(stateDir, "cairn.log"),
      vars: { API_TOKEN: token, LOG_EVENTS: "false" },
    });
    const rows = [];
    for (const [label, query] of Object.entries(QUERIES)) {
      await timePage(server.url, token, query); // warm up
      const times = [];
      let items = 0;
      for (let i = 0; i < CONFIG.repeats; i++) {
        const result = await timePage(server.url, token, query);
        times.push(result.elapsed);
        items = result.items;
      }
      rows.push({ label, items, median: median(times), p95: percentile(times, 95) });
    }
    return rows;
  });
  console.log(
    `\nRun index at ${CONFIG.runs.toLocaleString("en")} runs (${CONFIG.repeats} requests each, load ${readLoad()})`,
  );
  console.log(`machine: ${JSON.stringify(machine)}\n`);
  console.log("| page | items | median ms | p95 ms |\n| --- | --- | --- | --- |");
  for (const row of results)
    console.log(
      `| ${row.label} | ${row.items} | ${row.median.toFixed(1)} | ${row.p95.toFixed(1)} |`,
    );
}

runMain("bench:index", main);
