// End-to-end test of Cairn over HTTP, as a user with curl would drive it: a real
// `wrangler dev` on a temp persist dir, a loopback target server, Karya's example, then a
// SIGKILL of the whole runtime mid-run and a restart. Run with `npm run e2e` (Node 22:
// the target server is TypeScript, loaded through Node's type stripping).
// Exits 0 when every check passed, 1 otherwise; always kills wrangler and cleans up.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTargetServer } from "../support/target-server.ts";
import { runCrashScenario } from "./crash.mjs";
import { createCairnClient, createTargetControl } from "./http.mjs";
import { runKaryaScenario } from "./karya.mjs";
import { runKeysScenario } from "./keys.mjs";
import { createReport } from "./report.mjs";
import { applyMigrations, buildWorker, startWrangler } from "./wrangler.mjs";

/** The whole script is bounded: a hung runtime must not hang CI. */
const OVERALL_TIMEOUT_MS = 235_000;
const LOG_TAIL_LINES = 50;

const startedAt = Date.now();
const report = createReport();
const wranglerLog = [];
const tempDir = mkdtempSync(join(tmpdir(), "cairn-e2e-"));
const persistDir = join(tempDir, "state");
let script = "";
const token = randomBytes(24).toString("hex");
let wrangler = null;
let target = null;
let isFinishing = false;

/** Kills wrangler's process group, stops the target server and removes the temp dir. */
async function cleanUp() {
  await wrangler?.kill();
  wrangler = null;
  await target?.close().catch(() => {});
  target = null;
  rmSync(tempDir, { recursive: true, force: true });
}

/** Prints the summary (and wrangler's last lines on failure), cleans up, and exits. */
async function finish(error) {
  // The overall timeout and main() can both end the script: the first one wins.
  if (isFinishing) return;
  isFinishing = true;
  if (error !== undefined) {
    report.check(
      false,
      "the scenario ran to the end",
      error instanceof Error ? error.message : String(error),
    );
  }
  const failed = report.failures.length > 0;
  if (failed) {
    console.log(`\n== last ${LOG_TAIL_LINES} lines of wrangler dev output`);
    console.log(wranglerLog.slice(-LOG_TAIL_LINES).join("\n"));
  }
  await cleanUp();
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `\n== e2e: ${report.passed()} passed, ${report.failures.length} failed (${seconds}s)`,
  );
  for (const failure of report.failures) console.log(`  - ${failure}`);
  process.exit(failed ? 1 : 0);
}

/** Starts wrangler dev on the shared persist dir and returns a client for it. */
async function bootCairn() {
  wrangler = await startWrangler({ script, persistDir, token, log: wranglerLog });
  console.log(`  wrangler dev up at ${wrangler.url} (pid ${wrangler.pid})`);
  return createCairnClient(wrangler.url, token);
}

async function main() {
  report.section("Setup");
  console.log(`  temp dir ${tempDir}`);
  script = buildWorker(join(tempDir, "dist"));
  report.check(true, "the Worker bundles (wrangler deploy --dry-run)");
  applyMigrations(persistDir);
  report.check(true, "migrations applied to a fresh local D1");
  const cairn = await bootCairn();
  target = await startTargetServer();
  console.log(`  target server at ${target.url}`);
  const control = createTargetControl(target.url);
  const unauthorized = await fetch(`${wrangler.url}/runs`);
  report.check(
    unauthorized.status === 401,
    "GET /runs without a token is 401",
    `got ${unauthorized.status}`,
  );

  await runKaryaScenario({ cairn, target: control, report });
  await runKeysScenario({ cairn, report });
  await runCrashScenario({
    cairn,
    target: control,
    report,
    crash: async () => {
      await wrangler?.kill();
      wrangler = null;
      console.log("  SIGKILLed wrangler dev and workerd");
    },
    restart: bootCairn,
  });
}

const overall = setTimeout(() => {
  void finish(new Error(`overall timeout: still running after ${OVERALL_TIMEOUT_MS / 1000}s`));
}, OVERALL_TIMEOUT_MS);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => void finish(new Error(`interrupted by ${signal}`)));
}
main().then(
  () => {
    clearTimeout(overall);
    return finish();
  },
  (error) => {
    clearTimeout(overall);
    return finish(error);
  },
);
