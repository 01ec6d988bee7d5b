// `npm test` fails when what it tested could not be deployed: a bundle over the size
// limit, a config wrangler rejects or warns about, a staging environment missing a
// binding, or a worker-configuration.d.ts that no longer matches wrangler.toml.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BUNDLE_LIMIT_GZIP_KIB,
  dryRunDeploy,
  dryRunProblems,
  listedBindings,
  readBundleSize,
  regenerateTypes,
} from "./deployable.mjs";

describe("wrangler deploy --dry-run", () => {
  const production = dryRunDeploy("");
  const staging = dryRunDeploy("staging");

  it("bundles the Worker within the size limit with a config wrangler accepts", () => {
    assert.deepEqual(dryRunProblems(production), [], production.output);
    const size = readBundleSize(production.output);
    console.log(
      `bundle: ${size.uploadKiB} KiB, ${size.gzipKiB} KiB gzipped (limit ${BUNDLE_LIMIT_GZIP_KIB} KiB gzipped, Workers Free)`,
    );
  });

  it("does the same for the staging environment, with the same bindings", () => {
    assert.deepEqual(dryRunProblems(staging), [], staging.output);
    assert.deepEqual(listedBindings(staging.output), listedBindings(production.output));
    assert.ok(listedBindings(production.output).includes("RUNS"));
  });
});

describe("dry-run verdicts", () => {
  const ok = "Total Upload: 2108.79 KiB / gzip: 411.74 KiB\nenv.RUNS (RunObject)  Durable Object\n";

  it("reject a bundle over the limit, a failed run, config warnings and a missing size", () => {
    const big = `Total Upload: 9000.00 KiB / gzip: ${BUNDLE_LIMIT_GZIP_KIB + 1}.00 KiB\n`;
    assert.match(dryRunProblems({ code: 0, output: big })[0], /over the 3072 KiB limit/);
    assert.deepEqual(dryRunProblems({ code: 1, output: ok }), ["wrangler exited with 1"]);
    const typo =
      '▲ [WARNING] Processing wrangler.toml configuration:\n\n    - Unexpected fields found in top-level field: "d1_database"\n\n' +
      ok;
    assert.deepEqual(dryRunProblems({ code: 0, output: typo }), [
      'config warning: - Unexpected fields found in top-level field: "d1_database"',
    ]);
    assert.deepEqual(dryRunProblems({ code: 0, output: "" }), [
      "no bundle size in wrangler's output",
    ]);
    assert.deepEqual(dryRunProblems({ code: 0, output: ok }), []);
  });
});

describe("worker-configuration.d.ts", () => {
  it("is what `npm run types` makes of wrangler.toml (run it after changing the config)", () => {
    const { fresh, committed } = regenerateTypes();
    assert.equal(committed, fresh, "worker-configuration.d.ts is stale: run `npm run types`");
  });
});
