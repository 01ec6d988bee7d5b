// A copy of the committed tree for `wrangler dev` to run, so the bench measures one commit.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations, ROOT, startServer } from "./servers.mjs";

/** The full hash `rev` names now (for several snapshots of one commit, resolve it once). */
export function resolveCommit(rev = "HEAD") {
  return execFileSync("git", ["rev-parse", "--verify", `${rev}^{commit}`], {
    cwd: ROOT,
    encoding: "utf8",
  }).trim();
}

/**
 * Extracts `rev` (default HEAD, `git archive`) into `dir`, links node_modules, and answers
 * the short commit. wrangler dev watches its sources: run from the working tree, anyone editing
 * src/ meanwhile would rebuild and restart Cairn mid-measurement, and uncommitted work
 * would be measured under no name.
 */
export function snapshotCommit(dir, rev = "HEAD") {
  mkdirSync(dir, { recursive: true });
  // Resolved once, so a commit landing meanwhile cannot split what is extracted from what is named.
  const commit = resolveCommit(rev);
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  // wrangler.toml serves the dashboard from dist/assets (built, not committed); the bench
  // never loads the dashboard, so an empty folder satisfies wrangler without a UI build.
  mkdirSync(join(dir, "dist", "assets"), { recursive: true });
  return commit.slice(0, 7);
}

/** `LOG_EVENTS` as BENCH_LOG_EVENTS sets it (`false`: no console call per run), else nothing. */
export function logEventsVars() {
  const value = process.env.BENCH_LOG_EVENTS;
  return value ? { LOG_EVENTS: value } : {};
}

/**
 * Snapshots `rev` (default HEAD) into `stateDir`/`name`-source, migrates its D1 under
 * `stateDir`/`name` (both at once, throwing on failure), then starts it as the server
 * `name` (default "cairn") with `vars`, logging to `stateDir`/`name`.log. Answers a
 * promise of `{ server, commit }`.
 */
export function startSnapshotCairn(stateDir, vars, { rev = "HEAD", name = "cairn" } = {}) {
  const source = join(stateDir, name === "cairn" ? "source" : `${name}-source`);
  const persistTo = join(stateDir, name);
  const commit = snapshotCommit(source, rev);
  applyMigrations(persistTo, source);
  const server = startServer({
    name,
    config: join(source, "wrangler.toml"),
    persistTo,
    logFile: join(stateDir, `${name}.log`),
    vars,
  });
  return server.then((started) => ({ server: started, commit }));
}
