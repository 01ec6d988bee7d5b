// Reads and edits the few wrangler.toml values the deploy script needs, as text: the
// user's comments and layout survive, and no TOML library is needed. Only the shapes
// Cairn's own wrangler.toml uses are understood (`[[d1_databases]]` array tables and
// `key = "value"` lines); anything else ends in a DeployError naming what was expected.
import { DeployError } from "./errors.mjs";

/** The id wrangler.toml ships with: "no database recorded yet". */
export const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";

/** The binding of Cairn's D1 database (src/env.ts). */
export const DATABASE_BINDING = "DB";

const HEADER = /^\s*\[/;
const KEY_VALUE = /^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)"([^"]*)"(.*)$/;

/** Splits the text into lines, keeping the line ending of the file for writing back. */
function splitLines(text) {
  return { lines: text.split(/\r?\n/), eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

/** The `key = "value"` string values of lines[start..end). */
function readKeys(lines, start, end) {
  const keys = {};
  for (let i = start; i < end; i++) {
    const match = KEY_VALUE.exec(lines[i]);
    if (match) keys[match[2]] = match[4];
  }
  return keys;
}

/** Index of the next table header after `from` (or the end of the file). */
function blockEnd(lines, from) {
  let i = from + 1;
  while (i < lines.length && !HEADER.test(lines[i])) i++;
  return i;
}

/** Lines of the top level, before the first table header. */
function topLevelKeys(lines) {
  return readKeys(lines, 0, blockEnd(lines, -1));
}

/** Names of the environments declared as `[env.<name>...]` tables. */
export function listEnvironments(text) {
  const names = new Set();
  for (const line of splitLines(text).lines) {
    const match = /^\s*\[\[?env\.([A-Za-z0-9_-]+)[.\]]/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names];
}

/** Throws unless `env` (when given) is declared in the config. */
export function checkEnvironment(text, env) {
  if (env === undefined) return;
  const known = listEnvironments(text);
  if (!known.includes(env)) {
    throw new DeployError(
      `wrangler.toml has no environment "${env}" (it has: ${known.join(", ") || "none"}).`,
      "Add an [env.<name>] section (see the staging one), or drop --env.",
    );
  }
}

/**
 * Finds the D1 block of `binding` for `env` (top level when undefined): its line range and
 * its `database_name` / `database_id` (undefined when the line is absent).
 */
export function findDatabaseBlock(text, env, binding = DATABASE_BINDING) {
  const { lines } = splitLines(text);
  const header = env === undefined ? "[[d1_databases]]" : `[[env.${env}.d1_databases]]`;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== header) continue;
    const end = blockEnd(lines, i);
    const keys = readKeys(lines, i + 1, end);
    if (keys.binding === binding) {
      return { start: i, end, name: keys.database_name, id: keys.database_id };
    }
  }
  throw new DeployError(
    `wrangler.toml has no ${header} table with binding = "${binding}".`,
    "Cairn needs its D1 database there: restore that table from the repository's wrangler.toml.",
  );
}

/** The Worker's name for `env`: its own `name`, else wrangler's `<top-level name>-<env>`. */
export function workerName(text, env) {
  const { lines } = splitLines(text);
  const top = topLevelKeys(lines).name ?? "cairn";
  if (env === undefined) return top;
  const start = lines.findIndex((l) => l.trim() === `[env.${env}]`);
  const own = start === -1 ? undefined : readKeys(lines, start + 1, blockEnd(lines, start)).name;
  return own ?? `${top}-${env}`;
}

/** The `account_id` the config names for `env` (or at the top level), if any. */
export function configuredAccountId(text, env) {
  const { lines } = splitLines(text);
  const start = env === undefined ? -1 : lines.findIndex((l) => l.trim() === `[env.${env}]`);
  const own = start === -1 ? undefined : readKeys(lines, start + 1, blockEnd(lines, start));
  return own?.account_id ?? topLevelKeys(lines).account_id;
}

/** Sets `key = "value"` inside lines[start..end), appending the line when it is absent. */
function setKey(lines, block, key, value) {
  for (let i = block.start + 1; i < block.end; i++) {
    const match = KEY_VALUE.exec(lines[i]);
    if (match && match[2] === key) {
      lines[i] = `${match[1]}${key}${match[3]}"${value}"${match[5]}`;
      return;
    }
  }
  let last = block.end - 1;
  while (last > block.start && lines[last].trim() === "") last--;
  lines.splice(last + 1, 0, `${key} = "${value}"`);
}

/**
 * Records a D1 database (its id, and its name when it differs) in the block of the
 * binding for `env`; returns the new text. Nothing else in the file changes.
 */
export function recordDatabase(text, env, database) {
  const { lines, eol } = splitLines(text);
  const block = findDatabaseBlock(text, env);
  if (block.name !== database.name) setKey(lines, block, "database_name", database.name);
  const updated = findDatabaseBlock(lines.join(eol), env);
  setKey(lines, updated, "database_id", database.id);
  return lines.join(eol);
}
