/**
 * bin/cairn.mjs bundles the CLI into node_modules/.cache/cairn-cli on each start, one file
 * per content hash: bundles of earlier sources are removed once a day old, recent ones kept.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cairn } from "./cli.ts";

const CACHE = join(import.meta.dirname, "..", "..", "node_modules", ".cache", "cairn-cli");

test("a new bundle removes those of earlier sources once a day old, and keeps recent ones", async () => {
  mkdirSync(CACHE, { recursive: true });
  const first = await cairn(["--version"]);
  assert.equal(first.code, 0, first.stderr);
  const current = readdirSync(CACHE).filter((name) => name.startsWith("main-"));
  // Removing the current bundles makes the next start write its bundle again.
  for (const name of current) rmSync(join(CACHE, name));
  const stale = join(CACHE, "main-00000000000000aa.mjs");
  const recent = join(CACHE, "main-00000000000000bb.mjs");
  writeFileSync(stale, "export {};\n");
  writeFileSync(recent, "export {};\n");
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(stale, twoDaysAgo, twoDaysAgo);

  const second = await cairn(["--version"]);
  try {
    assert.equal(second.code, 0, second.stderr);
    assert.equal(existsSync(stale), false, "the day-old bundle is removed");
    assert.equal(existsSync(recent), true, "a recent bundle is kept");
    assert.ok(
      readdirSync(CACHE).some((name) => name.startsWith("main-") && !name.includes("0000000000")),
      "the current bundle is written",
    );
  } finally {
    rmSync(stale, { force: true });
    rmSync(recent, { force: true });
  }
});
