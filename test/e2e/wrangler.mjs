// Starts and kills `wrangler dev` the way a user's machine would: a real process group
// (wrangler plus its workerd child) on a persist dir that survives the kill.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { FatalError, waitUntil } from "./http.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");
const LOG_LINES_KEPT = 400;
const HEALTH_TIMEOUT_MS = 60_000;

/**
 * Environment for wrangler: the pinned Node 22 first on PATH (wrangler needs >= 22.12),
 * no telemetry and no prompts.
 */
function wranglerEnv() {
  return {
    ...process.env,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    // Plain text: the output ends up in failure reports.
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}`,
  };
}

/** Asks the OS for a free TCP port on loopback (closed again before returning). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Applies the D1 migrations to the local database under `persistDir`; throws with wrangler's output on failure. */
export function applyMigrations(persistDir) {
  const result = spawnSync(
    join(BIN, "wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir],
    { cwd: ROOT, env: wranglerEnv(), encoding: "utf8", timeout: 60_000 },
  );
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim();
    throw new Error(`wrangler d1 migrations apply failed (exit ${result.status}):\n${output}`);
  }
}

/**
 * Spawns `wrangler dev` in its own process group on a free port and waits for GET /health.
 * The returned handle keeps the last LOG_LINES_KEPT lines of output (for failure reports)
 * and `kill()` SIGKILLs the whole group: the crash the e2e test is about.
 *
 * @param {{ persistDir: string, token: string, log: string[] }} options
 *   `log` is shared across restarts so a failure report shows both lives.
 */
export async function startWrangler({ persistDir, token, log }) {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistDir,
    "--var",
    `API_TOKEN:${token}`,
    "--var",
    "ALLOW_PRIVATE_NETWORK:true",
    "--test-scheduled",
    "--show-interactive-dev-session=false",
  ];
  log.push(`--- wrangler ${args.join(" ")}`);
  // detached: a new process group, so -pid reaches workerd as well as wrangler.
  const child = spawn(join(BIN, "wrangler"), args, {
    cwd: ROOT,
    env: wranglerEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exitCode = null;
  let hasBuildFailed = false;
  child.on("exit", (code, signal) => {
    exitCode = code ?? signal;
    log.push(`--- wrangler exited (${exitCode})`);
  });
  // wrangler dev keeps watching after a failed build instead of exiting: spot it.
  const onLine = (line) => {
    if (line.includes("Build failed")) hasBuildFailed = true;
  };
  collectLines(child.stdout, log, onLine);
  collectLines(child.stderr, log, onLine);

  const url = `http://127.0.0.1:${port}`;
  const handle = { url, pid: child.pid, kill: () => killGroup(child), exited: () => exitCode };
  try {
    await waitUntil(
      `wrangler dev on ${url} to answer GET /health`,
      async () => {
        if (exitCode !== null) throw new FatalError(`wrangler dev exited early (${exitCode})`);
        if (hasBuildFailed) throw new FatalError("wrangler dev failed to build the Worker");
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
        return res.ok;
      },
      { timeoutMs: HEALTH_TIMEOUT_MS, intervalMs: 250, tolerateErrors: true },
    );
  } catch (error) {
    await handle.kill();
    throw error;
  }
  return handle;
}

/** SIGKILLs the child's process group and waits (bounded) for the exit event. */
async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-(child.pid ?? 0), "SIGKILL");
  } catch {
    // The group is already gone: nothing left to kill.
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

/** Appends a stream's output to `log` line by line (dropping the oldest beyond LOG_LINES_KEPT) and shows each to `onLine`. */
function collectLines(stream, log, onLine) {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = stripVTControlCharacters(partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? "";
    log.push(...lines);
    lines.forEach(onLine);
    if (log.length > LOG_LINES_KEPT) log.splice(0, log.length - LOG_LINES_KEPT);
  });
}
