// The steps of `npm run deploy`, in order. Each one says what it does, asks wrangler (the
// injected `wrangler` runner: the only way out to Cloudflare), decides with decide.mjs,
// and stops at the first failure with a DeployError that says what to do.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  checkEnvironment,
  configuredAccountId,
  DATABASE_BINDING,
  findDatabaseBlock,
  recordDatabase,
  workerName,
} from "./config.mjs";
import {
  checkWhoami,
  decideDatabase,
  findWorkerUrl,
  hasSecret,
  isWorkerMissing,
  parseJson,
} from "./decide.mjs";
import { DeployError, explainFailure } from "./errors.mjs";

/**
 * @typedef {{ code: number | null, stdout: string, stderr: string }} WranglerResult
 * @typedef {(args: string[], options?: { echo?: boolean }) => Promise<WranglerResult>} Wrangler
 * @typedef {{
 *   wrangler: Wrangler, log: (line: string) => void, configPath: string,
 *   env?: string, databaseId?: string, accountId?: string, makeToken?: () => string,
 * }} DeployContext
 */

/** `--env <name>`, or `--env=` (the top level, stated so wrangler does not warn about it). */
function envArgs(ctx) {
  return [`--env=${ctx.env ?? ""}`];
}

/** Runs wrangler for `step`; a failure becomes the DeployError that explains it. */
async function run(ctx, step, args, { echo = false, databaseName } = {}) {
  const result = await ctx.wrangler(args, { echo });
  if (result.code !== 0) throw explainFailure({ step, databaseName }, result);
  return result;
}

/** Step 1: who is logged in, on which account, with which permissions. */
export async function checkLogin(ctx) {
  ctx.log("1/5 Checking the Cloudflare login (wrangler whoami)");
  const result = await ctx.wrangler(["whoami", "--json"]);
  const whoami = result.stdout.includes("{") ? parseJson(result.stdout, "whoami --json") : {};
  if (result.code !== 0 && whoami.loggedIn !== false) {
    throw explainFailure({ step: "checking the login" }, result);
  }
  const text = readFileSync(ctx.configPath, "utf8");
  const who = checkWhoami(whoami, {
    accountId: ctx.accountId ?? configuredAccountId(text, ctx.env),
  });
  ctx.log(`    logged in: ${who}`);
}

/** Step 2: the D1 database exists and its id is recorded in the config. */
export async function ensureDatabase(ctx) {
  const text = readFileSync(ctx.configPath, "utf8");
  const block = findDatabaseBlock(text, ctx.env);
  ctx.log(`2/5 D1 database "${block.name}" (binding ${DATABASE_BINDING})`);
  const listed = await run(ctx, "listing D1 databases", ["d1", "list", "--json"]);
  const databases = parseJson(listed.stdout, "d1 list --json");
  const decision = decideDatabase({ configured: block, databases, requestedId: ctx.databaseId });
  if (decision.action === "keep") {
    ctx.log(`    exists (${decision.id}), already recorded in wrangler.toml`);
    return decision;
  }
  let id = decision.id;
  if (decision.action === "create") {
    ctx.log("    not found: creating it");
    const step = `creating D1 database "${decision.name}"`;
    await run(ctx, step, ["d1", "create", decision.name], { databaseName: decision.name });
    const after = parseJson((await run(ctx, step, ["d1", "list", "--json"])).stdout, "d1 list");
    id = after.find((db) => db.name === decision.name)?.uuid;
    if (!id) throw new DeployError(`${step}: it is not listed afterwards.`, "Try again.");
  }
  writeFileSync(ctx.configPath, recordDatabase(text, ctx.env, { name: decision.name, id }));
  ctx.log(`    recorded database_id = "${id}" in wrangler.toml (commit it)`);
  return { ...decision, id };
}

/** Step 3: is API_TOKEN set? When not, a token is made, to go up with the deploy. */
export async function ensureApiToken(ctx) {
  ctx.log("3/5 The API token (Worker secret API_TOKEN)");
  const result = await ctx.wrangler(["secret", "list", "--format", "json", ...envArgs(ctx)]);
  const isFirstDeploy = result.code !== 0 && isWorkerMissing(`${result.stdout}\n${result.stderr}`);
  if (result.code !== 0 && !isFirstDeploy) {
    throw explainFailure({ step: "listing the Worker's secrets" }, result);
  }
  const secrets = isFirstDeploy ? [] : parseJson(result.stdout, "secret list");
  if (hasSecret(secrets, "API_TOKEN")) {
    ctx.log("    set already: kept as it is");
    return undefined;
  }
  ctx.log(
    isFirstDeploy ? "    new Worker: a token is generated" : "    not set: a token is generated",
  );
  return (ctx.makeToken ?? (() => randomBytes(32).toString("hex")))();
}

/** Step 4: the D1 migrations not yet applied to the remote database. */
export async function applyMigrations(ctx) {
  ctx.log("4/5 Applying D1 migrations to the remote database");
  const args = ["d1", "migrations", "apply", DATABASE_BINDING, "--remote", ...envArgs(ctx)];
  await run(ctx, "applying the D1 migrations", args, { echo: true });
}

/**
 * Step 5: uploads and deploys the Worker. A new token goes up with it (`--secrets-file`,
 * added to the Worker's secrets), so the Worker is never live without its token being
 * the one printed; the file lives in a private temporary folder only for the call.
 */
export async function deployWorker(ctx, token) {
  ctx.log(
    `5/5 Deploying the Worker "${workerName(readFileSync(ctx.configPath, "utf8"), ctx.env)}"`,
  );
  const args = ["deploy", ...envArgs(ctx)];
  const dir = token === undefined ? undefined : mkdtempSync(join(tmpdir(), "cairn-deploy-"));
  try {
    if (dir) {
      const file = join(dir, "secrets.json");
      writeFileSync(file, JSON.stringify({ API_TOKEN: token }), { mode: 0o600 });
      args.push("--secrets-file", file);
    }
    const result = await run(ctx, "deploying the Worker", args, { echo: true });
    return findWorkerUrl(`${result.stdout}\n${result.stderr}`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The whole deploy, idempotent: run again, it finds the database recorded, the token set
 * and no migration pending, and only uploads the code.
 * @param {DeployContext} ctx
 * @returns {Promise<{ url?: string, token?: string, databaseId: string }>}
 */
export async function deploy(ctx) {
  checkEnvironment(readFileSync(ctx.configPath, "utf8"), ctx.env);
  await checkLogin(ctx);
  const database = await ensureDatabase(ctx);
  const token = await ensureApiToken(ctx);
  await applyMigrations(ctx);
  const url = await deployWorker(ctx, token);
  return { url, token, databaseId: database.id };
}
