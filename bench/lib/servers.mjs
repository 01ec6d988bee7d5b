// Starting and stopping local `wrangler dev` servers for the benchmark.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
// The e2e suite starts wrangler the same way: one definition of its environment and ports.
import { findFreePort, wranglerEnv } from "../../test/e2e/wrangler.mjs";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");
const WRANGLER = join(BIN, "wrangler");
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000;
/** Every server spawned and not yet stopped, so no error path can leave one running. */
const liveServers = new Set();

/**
 * Applies the D1 migrations of the checkout at `cwd` (default: this one) to the local
 * database under `persistTo`; throws on failure.
 */
export function applyMigrations(persistTo, cwd = ROOT) {
  const args = ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo];
  const result = spawnSync(WRANGLER, args, { cwd, env: wranglerEnv(), encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`wrangler d1 migrations apply failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts `wrangler dev` for `config` on a free port, detached in its own process group
 * (so stopServer can end wrangler, esbuild and workerd together), logging to `logFile`.
 * `vars` become `--var NAME:value`. Resolves once `GET /health` answers 200.
 */
export async function startServer({ name, config, persistTo, logFile, vars = {} }) {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const args = ["dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--inspector-port", String(inspectorPort), "--persist-to", persistTo);
  args.push("--show-interactive-dev-session=false", "--log-level", "warn");
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const log = openSync(logFile, "a");
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: wranglerEnv(),
    detached: true,
    stdio: ["ignore", log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const server = { name, url, inspectorPort, child, logFile, exited: false };
  liveServers.add(server);
  child.once("exit", () => {
    server.exited = true;
  });
  await waitForHealth(server);
  return server;
}

/** Polls `GET /health` until it answers 200; throws with the log's tail on exit or timeout. */
async function waitForHealth(server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`${server.name} exited early:\n${readLogTail(server)}`);
    // wrangler dev keeps watching after a failed build, so it would never turn healthy.
    if (hasBuildFailed(server)) {
      throw new Error(`${server.name} failed to build:\n${readLogTail(server, 60)}`);
    }
    try {
      const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: wrangler is still bundling or workerd is still starting.
    }
    await sleep(250);
  }
  throw new Error(
    `${server.name} not healthy after ${READY_TIMEOUT_MS} ms:\n${readLogTail(server)}`,
  );
}

/** True when the server's log reports a failed build. */
function hasBuildFailed(server) {
  return readFileSync(server.logFile, "utf8").includes("Build failed");
}

/** The last lines of a server's log, for error messages. */
export function readLogTail(server, lines = 30) {
  return readFileSync(server.logFile, "utf8").split("\n").slice(-lines).join("\n");
}

/** Sends `signal` to the server's whole process group; false when it is already gone. */
function signalGroup(server, signal) {
  try {
    process.kill(-server.child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Ends the server's process group: SIGTERM, then SIGKILL if it lingers. */
async function stopServer(server) {
  liveServers.delete(server);
  if (!signalGroup(server, "SIGTERM")) return;
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (!server.exited && Date.now() < deadline) await sleep(100);
  signalGroup(server, "SIGKILL");
}

/** Stops every server still running (wrangler, esbuild and workerd of each). */
export async function stopAllServers() {
  await Promise.all([...liveServers].map(stopServer));
}

/** Every server still running, e.g. to print their logs after an error. */
export function listLiveServers() {
  return [...liveServers];
}

/** Last-resort synchronous kill, for `process.on("exit")` where nothing can be awaited. */
export function killAllServersNow() {
  for (const server of liveServers) signalGroup(server, "SIGKILL");
}

/** Makes sure no wrangler or workerd process outlives the bench, whatever ends it (an error, Ctrl-C). */
export function killServersOnExit() {
  process.on("exit", killAllServersNow);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => process.exit(130));
  }
}

/**
 * Runs `body(stateDir)` in a fresh temporary dir named from `prefix`, for the servers it
 * starts: on an error, prints the log tail of every server still running and rethrows; in
 * any case stops them all and removes the dir.
 */
export async function withServers(prefix, body) {
  const stateDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await body(stateDir);
  } catch (error) {
    for (const server of listLiveServers()) {
      console.error(`--- ${server.name} log tail ---\n${readLogTail(server)}`);
    }
    throw error;
  } finally {
    await stopAllServers();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Runs `main()`; on an error prints "`label` failed: ..." and exits 1. */
export function runMain(label, main) {
  main().catch((error) => {
    console.error(`${label} failed: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  });
}
