// The deploy script's command line and its edits of wrangler.toml (on a copy of the real one).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseDeployArgs } from "../../scripts/deploy/args.mjs";
import {
  findDatabaseBlock,
  listEnvironments,
  PLACEHOLDER_DATABASE_ID,
  recordDatabase,
  workerName,
} from "../../scripts/deploy/config.mjs";
import { DeployError } from "../../scripts/deploy/errors.mjs";
import { copyOfConfig } from "./fake-wrangler.mjs";

const ID = "8f3e6c1a-2b4d-4e5f-9a7b-0c1d2e3f4a5b";

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  assert.equal(b.length, a.length, "no line added or removed");
  return b.filter((line, i) => line !== a[i]);
}

describe("deploy arguments", () => {
  it("takes --env, -e and --env=, and the empty env as the top level", () => {
    assert.equal(parseDeployArgs(["--env", "staging"]).env, "staging");
    assert.equal(parseDeployArgs(["-e", "staging"]).env, "staging");
    assert.equal(parseDeployArgs(["--env=staging"]).env, "staging");
    assert.equal(parseDeployArgs(["--env="]).env, undefined);
    assert.deepEqual(parseDeployArgs([]), { help: false, env: undefined, databaseId: undefined });
  });

  it("takes a --database-id that is a UUID, and refuses one that is not", () => {
    assert.equal(parseDeployArgs(["--database-id", ID]).databaseId, ID);
    assert.throws(
      () => parseDeployArgs(["--database-id", "cairn"]),
      (e) =>
        e instanceof DeployError && /--database-id "cairn" is not a D1 database id/.test(e.message),
    );
  });

  it("refuses unknown options, positionals, a valueless --env and odd env names, with the usage", () => {
    for (const argv of [["--force"], ["staging"], ["--env"], ["--env", "../x"]]) {
      assert.throws(
        () => parseDeployArgs(argv),
        (e) => e instanceof DeployError && /Usage: npm run deploy/.test(e.hint),
        argv.join(" "),
      );
    }
  });
});

describe("wrangler.toml edits", () => {
  const text = readFileSync(copyOfConfig(), "utf8");

  it("reads the shipped config: placeholder ids, the staging environment, the Worker names", () => {
    assert.deepEqual(findDatabaseBlock(text).id, PLACEHOLDER_DATABASE_ID);
    assert.equal(findDatabaseBlock(text).name, "cairn");
    assert.equal(findDatabaseBlock(text, "staging").name, "cairn-staging");
    assert.deepEqual(listEnvironments(text), ["staging"]);
    assert.equal(workerName(text), "cairn");
    assert.equal(workerName(text, "staging"), "cairn-staging");
  });

  it("records an id by changing that one line, comments and layout kept", () => {
    const after = recordDatabase(text, undefined, { name: "cairn", id: ID });
    assert.deepEqual(changedLines(text, after), [`database_id = "${ID}"`]);
    assert.equal(findDatabaseBlock(after).id, ID);
    assert.equal(findDatabaseBlock(after, "staging").id, PLACEHOLDER_DATABASE_ID);
  });

  it("records the staging database in the staging table only", () => {
    const after = recordDatabase(text, "staging", { name: "cairn-staging", id: ID });
    assert.deepEqual(changedLines(text, after), [`database_id = "${ID}"`]);
    assert.equal(findDatabaseBlock(after).id, PLACEHOLDER_DATABASE_ID);
    assert.equal(findDatabaseBlock(after, "staging").id, ID);
  });

  it("renames the database when the one named by id has another name", () => {
    const after = recordDatabase(text, undefined, { name: "my-cairn", id: ID });
    assert.deepEqual(changedLines(text, after), [
      'database_name = "my-cairn"',
      `database_id = "${ID}"`,
    ]);
  });

  it("adds database_id inside its table when the line is missing", () => {
    const without = text.replace(/^database_id = .*\n/m, "");
    const after = recordDatabase(without, undefined, { name: "cairn", id: ID });
    assert.equal(after.split("\n").length, without.split("\n").length + 1);
    assert.equal(
      findDatabaseBlock(after).id,
      ID,
      "read back from within the [[d1_databases]] table",
    );
    assert.equal(findDatabaseBlock(after, "staging").id, PLACEHOLDER_DATABASE_ID);
  });

  it("keeps a trailing comment on the edited line and CRLF line ends", () => {
    const crlf = text
      .replace(
        `database_id = "${PLACEHOLDER_DATABASE_ID}"`,
        `database_id = "${PLACEHOLDER_DATABASE_ID}" # set by npm run deploy`,
      )
      .replaceAll("\n", "\r\n");
    const after = recordDatabase(crlf, undefined, { name: "cairn", id: ID });
    assert.ok(after.includes(`database_id = "${ID}" # set by npm run deploy\r\n`));
    assert.ok(!after.replaceAll("\r\n", "").includes("\n"));
  });

  it("says which table is missing when the config has no D1 binding DB", () => {
    const broken = text.replaceAll('binding = "DB"', 'binding = "OTHER"');
    assert.throws(
      () => findDatabaseBlock(broken, "staging"),
      (e) =>
        e instanceof DeployError &&
        /no \[\[env\.staging\.d1_databases\]\] table with binding = "DB"/.test(e.message),
    );
  });
});
