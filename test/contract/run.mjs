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

const startedAt = Date.now();
const report = createReport();
const wranglerLog = [];
const tempDir = mkdtempSync(join(tmpdir(), "cairn-contract-"));
const token = randomBytes(24).toString("hex");
let wrangler = null;
let target = null;
let isFinishing = false;

async function finish(error) {
  if (isFinishing) return;
  isFinishing = true;
  if (error !== undefined) {
    report.check(
      false,
      "the contract test ran to the end",
      error instanceof Error ? `${error.stack}\n       cause: ${error.cause}` : String(error),
    );
  }
  const failed = report.failures.length > 0;
  if (failed && wranglerLog.length > 0) {
    console.log(`\n== last ${LOG_TAIL_LINES} lines of wrangler dev output`);
    console.log(wranglerLog.slice(-LOG_TAIL_LINES).join("\n"));
  }
  await wrangler?.kill();
  await target?.close().catch(() => {});
  rmSync(tempDir, { recursive: true, force: true });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `\n== contract: ${report.passed()} passed, ${report.failures.length} failed (${seconds}s)`,
  );
  for (const failure of report.failures) console.log(`  - ${failure.split("\n")[0]}`);
  process.exit(failed ? 1 : 0);
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
