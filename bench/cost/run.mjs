#!/usr/bin/env node
// `npm run bench:cost`: what one run of the README's example costs to bill. Starts Cairn
// with meters (bench/cost/worker.ts) under `wrangler dev`, saves the README's action and
// job (the action's URL pointed at a loopback "Jira" that answers status Done), starts
// BENCH_COST_RUNS runs one after the other, waits for each with uncounted polls, and
// prints the counts per run as JSON. README "Deploy" turns them into dollars. Then counts
// the D1 statements per run of runs of 1 and 100 `pass` steps and of runs alternating 1 and
// 5 (wait 1s, call) pairs (`shapes` in the JSON; bench/README.md, "D1 statements per run"),
// and the round trips they take (a batch is one).
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { requestJson } from "../lib/http.mjs";
import { readCount } from "../lib/machine.mjs";
import {
  applyMigrations,
  killServersOnExit,
  ROOT,
  runMain,
  startServer,
  withServers,
} from "../lib/servers.mjs";

const RUNS = readCount("BENCH_COST_RUNS", 20);
const SHAPE_RUNS = readCount("BENCH_COST_SHAPE_RUNS", 3);
const CLASSES = ["RunObject", "JobCoordinator", "SubscriptionObject", "ActionGate"];

killServersOnExit();

/** The project's wrangler.toml, its entry and classes swapped for the metered ones. */
function writeMeteredConfig() {
  let text = readFileSync(join(ROOT, "wrangler.toml"), "utf8").split("\n# ----")[0];
  text = text.replace('main = "src/index.ts"', 'main = "../cost/worker.ts"');
  text = text.replace('migrations_dir = "migrations"', 'migrations_dir = "../../migrations"');
  // The dashboard's assets folder (built, not committed): the bench never loads it.
  text = text.replace('directory = "dist/assets"', 'directory = "../../dist/assets"');
  mkdirSync(join(ROOT, "dist", "assets"), { recursive: true });
  for (const name of CLASSES) text = text.replaceAll(`"${name}"`, `"Counted${name}"`);
  const dir = join(ROOT, "bench", ".state");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "cost-wrangler.toml");
  writeFileSync(path, text);
  return path;
}

/** A loopback stand-in for Jira's issue API: every issue is Done. */
function startJira() {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ key: "ABC-123", status: "Done" }));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** README "A first run, by curl": the same action and job, the URL pointed at `jiraUrl`. */
function readmeExample(jiraUrl) {
  return {
    action: {
      name: "CheckJiraStatus",
      type: "http",
      method: "GET",
      url: `${jiraUrl}/rest/api/2/issue/{{ params.ticket_id }}`,
      save_as: "jira",
      retry: { max_attempts: 5, backoff: "exponential", delay: "1s" },
    },
    job: {
      name: "escalate",
      params: { type: "object", required: ["ticket_id"] },
      timeout: "1h",
      steps: [
        { id: "check", type: "task", action: "CheckJiraStatus" },
        {
          id: "decide",
          type: "choice",
          conditions: [{ if: "output.check.status == 'Done'", next: "done" }, { default: "later" }],
        },
        { id: "later", type: "wait", duration: "10m", next: "check", max_retries: 3 },
        { id: "done", type: "succeed", output: "{{ output.check.status }}" },
      ],
    },
  };
}

async function waitForRun(url, token, id) {
  for (;;) {
    const response = await fetch(`${url}/runs/${id}`, {
      headers: { authorization: `Bearer ${token}`, "x-cost-uncounted": "1" },
    });
    const run = await response.json();
    if (run.status === "succeeded") return run;
    if (["failed", "cancelled", "timed_out"].includes(run.status)) {
      throw new Error(`run ${id} ended ${run.status}: ${JSON.stringify(run)}`);
    }
    await sleep(50);
  }
}

/** A chain of steps, each `next` the one after it. */
function chain(name, steps) {
  return {
    name,
    steps: steps.map((step, i) =>
      i + 1 < steps.length ? { ...step, next: steps[i + 1].id } : step,
    ),
  };
}

/** The jobs whose D1 statements per run must not grow with their steps or waits. */
function shapeJobs() {
  const passes = (n) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, type: "pass" }));
  const waitsAndCalls = (n) =>
    Array.from({ length: n }, (_, i) => [
      { id: `w${i}`, type: "wait", duration: "1s" },
      { id: `c${i}`, type: "task", action: "CheckJiraStatus" },
    ]).flat();
  return [
    chain("cost-pass-1", passes(1)),
    chain("cost-pass-100", passes(100)),
    chain("cost-wait-call-1", waitsAndCalls(1)),
    chain("cost-wait-call-5", waitsAndCalls(5)),
  ];
}

/** D1 statements (and rows) per run of each shape job, SHAPE_RUNS runs each. */
async function countShapes(call, url, token) {
  const shapes = {};
  for (const job of shapeJobs()) {
    await call("/jobs", { method: "POST", body: job, expect: [200, 201] });
    await sleep(500);
    await call("/__cost/reset");
    for (let i = 0; i < SHAPE_RUNS; i++) {
      const { body: run } = await call(`/jobs/${job.name}/runs`, {
        method: "POST",
        body: { params: { ticket_id: "ABC-1" } },
        expect: [201],
      });
      await waitForRun(url, token, run.id);
    }
    await sleep(2000);
    const { body: counts } = await call("/__cost");
    shapes[job.name] = {
      steps: job.steps.length,
      d1_statements_per_run: Math.round((counts.d1Statements / SHAPE_RUNS) * 100) / 100,
      d1_round_trips_per_run: Math.round((counts.d1RoundTrips / SHAPE_RUNS) * 100) / 100,
      d1_rows_written_per_run: Math.round((counts.d1RowsWritten / SHAPE_RUNS) * 100) / 100,
    };
  }
  return shapes;
}

async function main() {
  const token = randomBytes(16).toString("hex");
  const jira = await startJira();
  try {
    await withServers("cairn-cost-", async (stateDir) => {
      applyMigrations(join(stateDir, "cairn"));
      const server = await startServer({
        name: "cairn (metered)",
        config: writeMeteredConfig(),
        persistTo: join(stateDir, "cairn"),
        logFile: join(stateDir, "cairn.log"),
        vars: { API_TOKEN: token, ALLOW_PRIVATE_NETWORK: "true" },
      });
      const call = (path, options = {}) =>
        requestJson(`${server.url}${path}`, { token, ...options });
      const example = readmeExample(`http://127.0.0.1:${jira.address().port}`);
      await call("/actions", { method: "POST", body: example.action, expect: [200, 201] });
      await call("/jobs", { method: "POST", body: example.job, expect: [200, 201] });
      await call("/__cost/reset");
      const ids = [];
      for (let i = 0; i < RUNS; i++) {
        const body = { params: { ticket_id: `ABC-${i}` }, idempotency_key: `cost-${i}` };
        const { body: run } = await call("/jobs/escalate/runs", {
          method: "POST",
          body,
          expect: [201],
        });
        await waitForRun(server.url, token, run.id);
        ids.push(run.id);
      }
      // Alarms re-armed for the mirror or a lease may still fire: let the last ones settle.
      await sleep(2000);
      const { body: counts } = await call("/__cost");
      const { body: size } = await call(`/__cost/size/${ids[0]}`);
      const perRun = (n) => Math.round((n / RUNS) * 100) / 100;
      const shapes = await countShapes(call, server.url, token);
      console.log(
        JSON.stringify(
          {
            runs: RUNS,
            per_run: {
              worker_requests: perRun(counts.workerRequests),
              do_requests: Object.fromEntries(
                Object.entries(counts.doRequests).map(([k, v]) => [k, perRun(v)]),
              ),
              do_alarms: perRun(counts.alarms),
              do_sql_rows_written: perRun(counts.doSqlRowsWritten),
              do_set_alarms: perRun(counts.doSetAlarms),
              do_kv_keys_written: perRun(counts.doKvKeysWritten),
              d1_statements: perRun(counts.d1Statements),
              d1_round_trips: perRun(counts.d1RoundTrips),
              d1_rows_read: perRun(counts.d1RowsRead),
              d1_rows_written: perRun(counts.d1RowsWritten),
            },
            run_object_sqlite_bytes: size.bytes,
            shapes,
          },
          null,
          2,
        ),
      );
    });
  } finally {
    jira.close();
  }
}

runMain("bench:cost", main);
