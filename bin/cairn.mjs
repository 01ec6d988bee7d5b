#!/usr/bin/env node
// The `cairn` command in a checkout (`npx cairn`). The CLI is TypeScript that shares
// src/definition with the Worker; Node cannot run that code as written (extensionless
// imports, parameter properties), so it is bundled with esbuild on each start (tens of
// milliseconds, so it is never stale) into node_modules/.cache, named by its content hash
// so concurrent starts never see a half-written file. Packages stay external: Node loads
// them from node_modules as usual.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
const CACHE = join(ROOT, "node_modules", ".cache", "cairn-cli");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

const { outputFiles } = buildSync({
  entryPoints: [join(ROOT, "src", "cli", "main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  write: false,
  outfile: join(CACHE, "main.mjs"),
  define: { CAIRN_VERSION: JSON.stringify(version) },
  logLevel: "error",
});
const code = outputFiles[0].contents;
const file = join(
  CACHE,
  `main-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`,
);
if (!existsSync(file)) {
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  pruneOldBundles();
}
const { main } = await import(pathToFileURL(file).href);
process.exitCode = await main(process.argv.slice(2));

/**
 * Each edit of the CLI's sources makes a new bundle; those of earlier sources are removed
 * once a day old (not at once: a `cairn` started just before the edit may still load one).
 */
function pruneOldBundles() {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (path !== file && name.startsWith("main-") && modified < dayAgo)
      rmSync(path, { force: true });
  }
}
