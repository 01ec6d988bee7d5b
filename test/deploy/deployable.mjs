// What `npm test` checks about deployability, as functions the tests call: wrangler's dry
// run of a deploy (bundle size, config validity, bindings) and `wrangler types` redone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { wranglerEnv } from "../e2e/wrangler.mjs";

export const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The limit enforced: 3 MiB of gzip-compressed Worker, the Workers Free plan's (Paid allows
 * 10 MiB). Keeping under the lower one means Cairn deploys on either plan.
 */
export const BUNDLE_LIMIT_GZIP_KIB = 3 * 1024;

/** Runs the project's wrangler with `args`; returns its exit code and colourless output. */
export function runWrangler(args) {
  const result = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), args, {
    cwd: ROOT,
    env: wranglerEnv(),
    encoding: "utf8",
    timeout: 120_000,
  });
  const output = stripVTControlCharacters(`${result.stdout ?? ""}\n${result.stderr ?? ""}`);
  return { code: result.status, output };
}

/**
 * `wrangler deploy --dry-run` for `env` ("" for the top level) into a temporary folder,
 * removed afterwards: bundles the Worker and checks the config as a deploy would.
 */
export function dryRunDeploy(env) {
  const outDir = mkdtempSync(join(tmpdir(), "cairn-dry-run-"));
  try {
    return runWrangler(["deploy", "--dry-run", "--outdir", outDir, `--env=${env}`]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Wrangler's "Total Upload: X KiB / gzip: Y KiB" line, as numbers (undefined if absent). */
export function readBundleSize(output) {
  const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
  return match ? { uploadKiB: Number(match[1]), gzipKiB: Number(match[2]) } : undefined;
}

/** The problems of a dry run: a failure, config warnings, a missing or too large bundle. */
export function dryRunProblems({ code, output }) {
  const problems = [];
  if (code !== 0) problems.push(`wrangler exited with ${code}`);
  // Wrangler only warns about unknown or misplaced config fields (a typo in a table name
  // drops that binding); for Cairn's own config that is an error.
  for (const warning of output.matchAll(
    /▲ \[WARNING\] Processing .*configuration:\n\n((?: {4}.*\n?)+)/g,
  )) {
    problems.push(`config warning: ${warning[1].trim()}`);
  }
  const size = readBundleSize(output);
  if (!size) problems.push("no bundle size in wrangler's output");
  else if (size.gzipKiB > BUNDLE_LIMIT_GZIP_KIB) {
    problems.push(
      `bundle is ${size.gzipKiB} KiB gzipped, over the ${BUNDLE_LIMIT_GZIP_KIB} KiB limit`,
    );
  }
  return problems;
}

/** The binding names wrangler lists for a dry run ("env.RUNS (RunObject)" → "RUNS"). */
export function listedBindings(output) {
  return [...output.matchAll(/^env\.([A-Za-z0-9_]+) /gm)].map((m) => m[1]).sort();
}

/**
 * `npm run types` redone into a scratch file beside the real one (the generated imports
 * are relative to the file's folder), and both texts returned with the scratch name put
 * back in the header, for comparison.
 */
export function regenerateTypes() {
  const script = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.types;
  const [command, subcommand, ...args] = script.split(/\s+/);
  if (`${command} ${subcommand}` !== "wrangler types") {
    throw new Error(`npm run types is not \`wrangler types ...\`: ${script}`);
  }
  const scratch = `.types-check-${process.pid}.d.ts`;
  try {
    const result = runWrangler(["types", scratch, ...args]);
    if (result.code !== 0) throw new Error(`wrangler types failed:\n${result.output}`);
    const fresh = readFileSync(join(ROOT, scratch), "utf8").replace(` ${scratch}\``, "`");
    return { fresh, committed: readFileSync(join(ROOT, "worker-configuration.d.ts"), "utf8") };
  } finally {
    rmSync(join(ROOT, scratch), { force: true });
  }
}
