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
import { runScenario } from "./scenario.mjs";
import { applyMigrations, buildWorker, startWrangler } from "./wrangler.mjs";

/** The whole script is bounded: a hung runtime must not hang CI. */
const OVERALL_TIMEOUT_MS = 235_000;
const LOG_TAIL_LINES = 50;

const report = createReport();
const wranglerLog = [];
const tempDir = mkdtempSync(join(tmpdir(), "cairn-e2e-"));
const persistDir = join(tempDir, "state");
let script = "";
const token = randomBytes(24).toString("hex");
let wrangler = null;
let target = null;

/** Kills wrangler's process group, stops the target server and removes the temp dir. */
async function cleanUp() {
  await wrangler?.kill();
  wrangler = null;
  await target?.close().catch(() => {});
  target = null;
  rmSync(tempDir, { recursive: true, force: true });
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

runScenario({
  name: "e2e",
  report,
  main,
  cleanUp,
  timeoutMs: OVERALL_TIMEOUT_MS,
  log: wranglerLog,
  logTailLines: LOG_TAIL_LINES,
});
