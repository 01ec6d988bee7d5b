// The deploy steps against recorded wrangler answers: what is called, in which order, what
// the config becomes, and where it stops.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { findDatabaseBlock, PLACEHOLDER_DATABASE_ID } from "../../scripts/deploy/config.mjs";
import { DeployError } from "../../scripts/deploy/errors.mjs";
import { deploy } from "../../scripts/deploy/steps.mjs";
import { fakeWrangler, makeContext, recorded } from "./fake-wrangler.mjs";

const CAIRN_ID = "8f3e6c1a-2b4d-4e5f-9a7b-0c1d2e3f4a5b";

/** An account with Cairn deployed: database recorded-able, token set, nothing to migrate. */
const DEPLOYED = {
  whoami: "whoami",
  "d1 list": "d1ListCairn",
  "secret list": "secretListWithToken",
  "d1 migrations apply": "migrationsNone",
  deploy: "deployed",
};

/** A fresh account: no database, no Worker. */
const FRESH = {
  whoami: "whoami",
  "d1 list": ["d1ListEmpty", "d1ListCairn"],
  "d1 create": "d1Created",
  "secret list": "secretListWorkerMissing",
  "d1 migrations apply": "migrationsApplied",
  deploy: "deployed",
};

/** Runs deploy() expecting a DeployError; returns it. */
async function deployFails(ctx) {
  const error = await deploy(ctx).then(
    () => assert.fail("deploy should have stopped"),
    (e) => e,
  );
  assert.ok(error instanceof DeployError, `not a DeployError: ${error?.stack}`);
  return error;
}

describe("npm run deploy on a fresh account", () => {
  it("creates the database, records its id, sends a new token with the deploy, and prints it", async () => {
    let secretsFile;
    const fake = fakeWrangler(FRESH, (args) => {
      const i = args.indexOf("--secrets-file");
      if (i !== -1) {
        secretsFile = args[i + 1];
        assert.deepEqual(JSON.parse(readFileSync(secretsFile, "utf8")), {
          API_TOKEN: "generated-token-for-tests",
        });
      }
    });
    const { ctx } = makeContext(fake);
    const result = await deploy(ctx);

    assert.deepEqual(fake.commands(), [
      "whoami --json",
      "d1 list --json",
      "d1 create cairn",
      "d1 list --json",
      "secret list --format json --env=",
      "d1 migrations apply DB --remote --env=",
      `deploy --env= --secrets-file ${secretsFile}`,
    ]);
    assert.equal(findDatabaseBlock(readFileSync(ctx.configPath, "utf8")).id, CAIRN_ID);
    assert.deepEqual(result, {
      url: "https://cairn.dev-example.workers.dev",
      token: "generated-token-for-tests",
      databaseId: CAIRN_ID,
    });
    assert.equal(existsSync(secretsFile), false, "the secrets file is removed after the deploy");
  });

  it("run a second time, changes nothing but the code", async () => {
    const first = makeContext(fakeWrangler(FRESH));
    await deploy(first.ctx);
    const configAfterFirst = readFileSync(first.ctx.configPath, "utf8");

    const fake = fakeWrangler(DEPLOYED);
    const result = await deploy({ ...first.ctx, wrangler: fake.wrangler });

    assert.deepEqual(fake.commands(), [
      "whoami --json",
      "d1 list --json",
      "secret list --format json --env=",
      "d1 migrations apply DB --remote --env=",
      "deploy --env=",
    ]);
    assert.equal(readFileSync(first.ctx.configPath, "utf8"), configAfterFirst);
    assert.equal(result.token, undefined, "the token set before is kept, and not printed");
  });
});

describe("npm run deploy: the database", () => {
  it("records a database of the configured name that already exists, without creating one", async () => {
    const fake = fakeWrangler(DEPLOYED);
    const { ctx } = makeContext(fake);
    await deploy(ctx);
    assert.ok(!fake.commands().some((c) => c.startsWith("d1 create")));
    assert.equal(findDatabaseBlock(readFileSync(ctx.configPath, "utf8")).id, CAIRN_ID);
  });

  it("uses the database named with --database-id, and records its name too", async () => {
    const other = { uuid: "11111111-2222-4333-8444-555555555555", name: "my-cairn" };
    const fake = fakeWrangler({
      ...DEPLOYED,
      "d1 list": { code: 0, stdout: JSON.stringify([other]), stderr: "" },
    });
    const { ctx } = makeContext(fake, { databaseId: other.uuid });
    await deploy(ctx);
    const block = findDatabaseBlock(readFileSync(ctx.configPath, "utf8"));
    assert.deepEqual([block.name, block.id], ["my-cairn", other.uuid]);
  });

  it("stops on a --database-id the account does not have, the config untouched", async () => {
    const fake = fakeWrangler(DEPLOYED);
    const { ctx } = makeContext(fake, { databaseId: "11111111-2222-4333-8444-555555555555" });
    const before = readFileSync(ctx.configPath, "utf8");
    const error = await deployFails(ctx);
    assert.match(error.message, /no D1 database with id 11111111-/);
    assert.equal(readFileSync(ctx.configPath, "utf8"), before);
    assert.deepEqual(fake.commands(), ["whoami --json", "d1 list --json"]);
  });

  it("stops when the recorded id is not one of the account's databases", async () => {
    const first = makeContext(fakeWrangler(FRESH));
    await deploy(first.ctx);
    const fake = fakeWrangler({ ...DEPLOYED, "d1 list": "d1ListEmpty" });
    const error = await deployFails({ ...first.ctx, wrangler: fake.wrangler });
    assert.match(
      error.message,
      new RegExp(`names D1 database ${CAIRN_ID}, which this account does not have`),
    );
    assert.match(error.hint, new RegExp(PLACEHOLDER_DATABASE_ID));
    assert.ok(!fake.commands().some((c) => c.startsWith("deploy")));
  });

  it("says the name is taken when D1 refuses to create it", async () => {
    const fake = fakeWrangler({ ...FRESH, "d1 create": "d1CreateNameTaken" });
    const { ctx } = makeContext(fake);
    const before = readFileSync(ctx.configPath, "utf8");
    const error = await deployFails(ctx);
    assert.equal(error.kind, "name-taken");
    assert.match(error.message, /A D1 database named "cairn" already exists/);
    assert.match(error.hint, /--database-id/);
    assert.equal(readFileSync(ctx.configPath, "utf8"), before);
    assert.equal(fake.calls.length, 3, "nothing after the failed create");
  });
});

describe("npm run deploy: login and permissions", () => {
  it("stops at the first step when not logged in (recorded), pointing to wrangler login", async () => {
    const fake = fakeWrangler({ whoami: "whoami-not-logged-in" });
    const error = await deployFails(makeContext(fake).ctx);
    assert.equal(error.message, "You are not logged in to Cloudflare.");
    assert.match(error.hint, /npx wrangler login/);
    assert.deepEqual(fake.commands(), ["whoami --json"]);
  });

  it("maps wrangler's non-interactive 'no credentials' failures (recorded) to the same advice", async () => {
    for (const answers of [
      { "d1 list": "d1-list-not-logged-in" },
      { "secret list": "secret-list-not-logged-in" },
    ]) {
      const fake = fakeWrangler({ ...DEPLOYED, ...answers });
      const error = await deployFails(makeContext(fake).ctx);
      assert.equal(error.kind, "not-logged-in");
      assert.match(error.hint, /npx wrangler login/);
      assert.ok(!fake.commands().some((c) => c.startsWith("deploy")));
    }
  });

  it("says the login lacks permission on Cloudflare's authentication error", async () => {
    const fake = fakeWrangler({ ...DEPLOYED, "d1 list": "d1ListNoPermission" });
    const error = await deployFails(makeContext(fake).ctx);
    assert.equal(error.kind, "no-permission");
    assert.match(error.message, /listing D1 databases/);
    assert.match(error.detail, /Authentication error \[code: 10000\]/);
  });

  it("says so when the login's scopes miss what a deploy needs", async () => {
    const whoami = JSON.parse(recorded("whoami").stdout);
    whoami.tokenPermissions = whoami.tokenPermissions.filter((s) => s !== "d1:write");
    const fake = fakeWrangler({ whoami: { code: 0, stdout: JSON.stringify(whoami), stderr: "" } });
    const error = await deployFails(makeContext(fake).ctx);
    assert.match(error.message, /missing scopes: d1:write/);
  });

  it("asks to choose an account when the login reaches several, and goes on once one is chosen", async () => {
    const whoami = JSON.parse(recorded("whoami").stdout);
    whoami.accounts.push({ name: "Work", id: "ffffffffffffffffffffffffffffffff" });
    const answer = { code: 0, stdout: JSON.stringify(whoami), stderr: "" };
    const error = await deployFails(makeContext(fakeWrangler({ ...DEPLOYED, whoami: answer })).ctx);
    assert.match(error.message, /reaches 2 Cloudflare accounts/);
    assert.match(error.hint, /CLOUDFLARE_ACCOUNT_ID/);

    const chosen = makeContext(fakeWrangler({ ...DEPLOYED, whoami: answer }), {
      accountId: "ffffffffffffffffffffffffffffffff",
    });
    await deploy(chosen.ctx);
    assert.ok(chosen.lines.includes("    logged in: dev@example.com, account Work"));
  });

  it("says Cloudflare is out of reach when it is (recorded without network)", async () => {
    const fake = fakeWrangler({ ...DEPLOYED, "d1 list": "d1-list-offline" });
    const error = await deployFails(makeContext(fake).ctx);
    assert.equal(error.kind, "offline");
  });
});

describe("npm run deploy: token, migrations, deploy", () => {
  it("generates a token for an existing Worker that has none", async () => {
    const fake = fakeWrangler({ ...DEPLOYED, "secret list": "secretListEmpty" });
    const result = await deploy(makeContext(fake).ctx);
    assert.equal(result.token, "generated-token-for-tests");
    assert.ok(fake.commands().at(-1).startsWith("deploy --env= --secrets-file "));
  });

  it("stops when a migration fails, before deploying", async () => {
    const fake = fakeWrangler({ ...DEPLOYED, "d1 migrations apply": "migrationsFailed" });
    const error = await deployFails(makeContext(fake).ctx);
    assert.match(error.message, /applying the D1 migrations failed \(wrangler exited with 1\)/);
    assert.match(error.detail, /syntax error/);
    assert.ok(!fake.commands().some((c) => c.startsWith("deploy")));
  });

  it("explains a missing workers.dev subdomain", async () => {
    const fake = fakeWrangler({ ...DEPLOYED, deploy: "deployNoSubdomain" });
    const error = await deployFails(makeContext(fake).ctx);
    assert.equal(error.kind, "no-subdomain");
  });
});

describe("npm run deploy -- --env staging", () => {
  it("targets the staging Worker and records the staging database only", async () => {
    const staging = { uuid: "99999999-8888-4777-8666-555555555555", name: "cairn-staging" };
    const fake = fakeWrangler({
      ...FRESH,
      "d1 list": ["d1ListCairn", { code: 0, stdout: JSON.stringify([staging]), stderr: "" }],
    });
    const { ctx, lines } = makeContext(fake, { env: "staging" });
    await deploy(ctx);

    const commands = fake.commands();
    assert.ok(commands.includes("d1 create cairn-staging"));
    assert.ok(commands.includes("secret list --format json --env=staging"));
    assert.ok(commands.includes("d1 migrations apply DB --remote --env=staging"));
    assert.ok(commands.at(-1).startsWith("deploy --env=staging --secrets-file "));
    const text = readFileSync(ctx.configPath, "utf8");
    assert.equal(findDatabaseBlock(text, "staging").id, staging.uuid);
    assert.equal(findDatabaseBlock(text).id, PLACEHOLDER_DATABASE_ID);
    assert.ok(lines.includes('5/5 Deploying the Worker "cairn-staging"'));
  });

  it("refuses an environment the config does not declare, before calling wrangler", async () => {
    const fake = fakeWrangler(DEPLOYED);
    const error = await deployFails(makeContext(fake, { env: "prod" }).ctx);
    assert.match(error.message, /no environment "prod" \(it has: staging\)/);
    assert.equal(fake.calls.length, 0);
  });
});
