#!/usr/bin/env node
// Prepares a checkout for `wrangler dev`: a local API token in .dev.vars and a migrated
// local D1. Idempotent, so `npm start` / `npm run dev` can run it every time.
// Plain Node ESM with no dependencies: it runs before anything else is known to work.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEV_VARS = join(ROOT, ".dev.vars");
const LOCAL_URL = "http://localhost:8787";

/** Reads .dev.vars as lines ("" when the file does not exist yet). */
function readDevVars() {
  return existsSync(DEV_VARS) ? readFileSync(DEV_VARS, "utf8") : "";
}

/** Finds `NAME=value` in dotenv text; quotes around the value are dropped. */
function findVar(text, name) {
  const line = text.split(/\r?\n/).find((l) => l.trim().startsWith(`${name}=`));
  if (line === undefined) return undefined;
  const value = line.slice(line.indexOf("=") + 1).trim();
  return value.replace(/^(["'])(.*)\1$/, "$2");
}

/**
 * Ensures .dev.vars holds API_TOKEN and ALLOW_PRIVATE_NETWORK, appending only what is
 * missing so the user's own lines (and an existing token) survive.
 * Local development may call loopback targets, hence ALLOW_PRIVATE_NETWORK=true.
 */
function ensureDevVars() {
  const text = readDevVars();
  const additions = [];
  let token = findVar(text, "API_TOKEN");
  if (!token) {
    token = randomBytes(24).toString("hex");
    additions.push(`API_TOKEN=${token}`);
  }
  if (findVar(text, "ALLOW_PRIVATE_NETWORK") === undefined) {
    additions.push("ALLOW_PRIVATE_NETWORK=true");
  }
  if (additions.length > 0) {
    const separator = text === "" || text.endsWith("\n") ? "" : "\n";
    writeFileSync(DEV_VARS, `${text}${separator}${additions.join("\n")}\n`, { mode: 0o600 });
  }
  return { token, created: additions.length > 0 };
}

/**
 * Applies D1 migrations to the local database. CI=true keeps wrangler from prompting;
 * node_modules/.bin goes first on PATH so the pinned Node 22 runs wrangler even when
 * this script was started with an older system node.
 */
function applyLocalMigrations() {
  const bin = join(ROOT, "node_modules", ".bin");
  const result = spawnSync(join(bin, "wrangler"), ["d1", "migrations", "apply", "DB", "--local"], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      CI: "true",
      WRANGLER_SEND_METRICS: "false",
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error("dev-setup: applying local D1 migrations failed (see output above).");
    process.exit(result.status ?? 1);
  }
}

const { token, created } = ensureDevVars();
console.log(created ? "dev-setup: wrote .dev.vars" : "dev-setup: .dev.vars already set");
applyLocalMigrations();
console.log(`
Cairn (local)
  URL:   ${LOCAL_URL}
  Token: ${token}
  Open:  ${LOCAL_URL} in a browser and sign in with the token
  Try:   curl -H "Authorization: Bearer ${token}" ${LOCAL_URL}/runs
`);
