// The API as real clients see it (`npm run test:contract`): a real `wrangler dev` serves the
// OpenAPI document, which is checked with Redocly's linter, swagger-parser and
// openapi-typescript + tsc --strict; then every route is walked with real fixtures and
// each answer validated against the document (see walker.mjs, routes.mjs).
// Exits 0 when every check passed, 1 otherwise; always kills wrangler and cleans up.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTargetControl } from "../e2e/http.mjs";
import { createReport } from "../e2e/report.mjs";
import { runScenario } from "../e2e/scenario.mjs";
import { applyMigrations, buildWorker, startWrangler } from "../e2e/wrangler.mjs";
import { startTargetServer } from "../support/target-server.ts";
import {
  checkClientErrorsDocumented,
  checkClientTypesCurrent,
  checkGeneratedTypes,
  checkRedoclyLint,
  checkSwaggerParser,
} from "./document-checks.mjs";
import { walkEveryRoute } from "./routes.mjs";
import { createWalker } from "./walker.mjs";

/** The whole script is bounded: a hung runtime must not hang CI. */
const OVERALL_TIMEOUT_MS = 180_000;
const LOG_TAIL_LINES = 40;
/** Low enough for the walk to reach a 429 in a few calls, above what the rest of it uses. */
export const RATE_LIMIT_PER_MINUTE = 100;

const report = createReport();
const wranglerLog = [];
const tempDir = mkdtempSync(join(tmpdir(), "cairn-contract-"));
const token = randomBytes(24).toString("hex");
let wrangler = null;
let target = null;

/** Stops wrangler dev and the target server and removes the temp dir. */
async function cleanUp() {
  await wrangler?.kill();
  await target?.close().catch(() => {});
  rmSync(tempDir, { recursive: true, force: true });
}

async function main() {
  report.section("Setup");
  const script = buildWorker(join(tempDir, "dist"));
  const persistDir = join(tempDir, "state");
  applyMigrations(persistDir);
  wrangler = await startWrangler({
    script,
    persistDir,
    token,
    log: wranglerLog,
    vars: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE) },
  });
  target = await startTargetServer();
  report.note(`wrangler dev at ${wrangler.url}, target server at ${target.url}`);

  report.section("The OpenAPI document, through other people's tools");
  const response = await fetch(`${wrangler.url}/openapi.json`);
  const document = await response.json();
  const documentFile = join(tempDir, "openapi.json");
  writeFileSync(documentFile, JSON.stringify(document, null, 2));
  await checkRedoclyLint(report, documentFile);
  await checkSwaggerParser(report, document);
  await checkGeneratedTypes(report, document, tempDir);
  await checkClientTypesCurrent(report, document);
  checkClientErrorsDocumented(report, document);

  const walker = createWalker({ baseUrl: wrangler.url, token, document, report });
  report.section("Route walk: no token");
  await walker.refuseWithoutToken();
  await walkEveryRoute({
    walker,
    target: createTargetControl(target.url),
    report,
    baseUrl: wrangler.url,
    token,
    ratePerMinute: RATE_LIMIT_PER_MINUTE,
  });
  report.section("Coverage");
  const uncovered = walker.uncovered();
  report.check(
    uncovered.length === 0,
    "every documented 2xx answer of every route was produced and checked",
    uncovered.join(", "),
  );
}

runScenario({
  name: "contract",
  report,
  main,
  cleanUp,
  timeoutMs: OVERALL_TIMEOUT_MS,
  log: wranglerLog,
  logTailLines: LOG_TAIL_LINES,
});
