// The deploy script's decisions, as pure functions of what wrangler answered: what to do
// about the D1 database and the API token, and what the deploy printed. No I/O here.
import { stripVTControlCharacters } from "node:util";
import { PLACEHOLDER_DATABASE_ID } from "./config.mjs";
import { DeployError, notLoggedInError } from "./errors.mjs";

/** OAuth scopes the deploy needs (`wrangler login` grants them by default). */
export const REQUIRED_SCOPES = ["workers_scripts:write", "d1:write"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a D1 database id (a UUID). */
export function isDatabaseId(value) {
  return UUID.test(value);
}

/** Parses the JSON wrangler printed for `what`; a DeployError when it is not JSON. */
export function parseJson(stdout, what) {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new DeployError(
      `Could not read wrangler's answer to ${what} (expected JSON).`,
      "Run it by hand to see what it says; an old wrangler may lack --json (this project pins one: npm install).",
      stdout.slice(0, 2000),
    );
  }
}

/**
 * Checks `wrangler whoami --json`: logged in, one account chosen, the needed scopes.
 * @param {{ loggedIn: boolean, email?: string, accounts?: {id: string, name: string}[], tokenPermissions?: string[] }} whoami
 * @param {{ accountId?: string }} choice the account named by CLOUDFLARE_ACCOUNT_ID or the config
 * @returns {string} who is deploying, for the log
 */
export function checkWhoami(whoami, choice) {
  if (!whoami.loggedIn) {
    throw notLoggedInError();
  }
  const accounts = whoami.accounts ?? [];
  if (accounts.length > 1 && !choice.accountId) {
    throw new DeployError(
      `Your login reaches ${accounts.length} Cloudflare accounts and none is chosen: ${accounts.map((a) => `${a.name} (${a.id})`).join(", ")}.`,
      "Set CLOUDFLARE_ACCOUNT_ID=<id>, or account_id in wrangler.toml, then deploy again.",
    );
  }
  const scopes = whoami.tokenPermissions;
  const missing = Array.isArray(scopes) ? REQUIRED_SCOPES.filter((s) => !scopes.includes(s)) : [];
  if (missing.length > 0) {
    throw new DeployError(
      `Your Cloudflare login lacks the permission to deploy (missing scopes: ${missing.join(", ")}).`,
      "Run `npx wrangler login` again and allow the scopes it asks for.",
    );
  }
  const account = accounts.find((a) => a.id === choice.accountId) ?? accounts[0];
  return [whoami.email, account && `account ${account.name}`].filter(Boolean).join(", ");
}

/**
 * What to do about the D1 database, given the config's block, the account's databases
 * (`wrangler d1 list --json`) and the id the user named with --database-id, if any.
 * @returns {{ action: "keep" | "record" | "create", name: string, id?: string }}
 */
export function decideDatabase({ configured, databases, requestedId }) {
  if (requestedId !== undefined) {
    const named = databases.find((db) => db.uuid === requestedId);
    if (!named) {
      throw new DeployError(
        `This account has no D1 database with id ${requestedId}.`,
        "List the account's databases with `npx wrangler d1 list`.",
      );
    }
    const same = named.uuid === configured.id && named.name === configured.name;
    return { action: same ? "keep" : "record", name: named.name, id: named.uuid };
  }
  const recorded = configured.id !== undefined && configured.id !== PLACEHOLDER_DATABASE_ID;
  if (recorded) {
    const found = databases.find((db) => db.uuid === configured.id);
    if (!found) {
      throw new DeployError(
        `wrangler.toml names D1 database ${configured.id}, which this account does not have.`,
        `Pass --database-id <id> of one it has (\`npx wrangler d1 list\`), or put database_id = "${PLACEHOLDER_DATABASE_ID}" back to have one created.`,
      );
    }
    return { action: "keep", name: found.name, id: found.uuid };
  }
  const byName = databases.find((db) => db.name === configured.name);
  if (byName) return { action: "record", name: byName.name, id: byName.uuid };
  return { action: "create", name: configured.name };
}

/** True when `wrangler secret list` says the Worker does not exist yet (a first deploy). */
export function isWorkerMissing(output) {
  return /Worker ".*?"(?: \(env: .*?\))? not found|\[code: 10007\]/.test(
    stripVTControlCharacters(output),
  );
}

/** True when the secret list (`wrangler secret list --format json`) holds `name`. */
export function hasSecret(secrets, name) {
  return Array.isArray(secrets) && secrets.some((secret) => secret?.name === name);
}

/** The workers.dev URL `wrangler deploy` printed, if it printed one. */
export function findWorkerUrl(output) {
  return /https:\/\/[a-z0-9.-]+\.workers\.dev\b/i.exec(stripVTControlCharacters(output))?.[0];
}
