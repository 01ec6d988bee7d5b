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
export function wranglerEnv() {
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

/** Runs wrangler to completion (bounded); throws with its output when it fails. */
function runWrangler(args, what) {
  const result = spawnSync(join(BIN, "wrangler"), args, {
    cwd: ROOT,
    env: wranglerEnv(),
    encoding: "utf8",
    timeout: 90_000,
  });
  if (result.status !== 0) {
    const output = stripVTControlCharacters(
      `${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    ).trim();
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

/** Applies the D1 migrations to the local database under `persistDir`. */
export function applyMigrations(persistDir) {
  runWrangler(
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir],
    "wrangler d1 migrations apply",
  );
}

/**
 * Bundles the Worker once, as `wrangler deploy` would, into `outDir`, and returns the
 * entry file. Both lives of the crash test then run exactly this code: wrangler dev from
 * source would rebuild (and drop its alarms) whenever a file in src/ changes meanwhile.
 */
export function buildWorker(outDir) {
  runWrangler(["deploy", "--dry-run", "--outdir", outDir], "wrangler deploy --dry-run");
  return join(outDir, "index.js");
}

/**
 * Spawns `wrangler dev` in its own process group on a free port and waits for GET /health.
 * The returned handle keeps the last LOG_LINES_KEPT lines of output (for failure reports)
 * and `kill()` SIGKILLs the whole group: the crash the e2e test is about.
 *
 * @param {{ script: string, persistDir: string, token: string, log: string[], vars?: Record<string, string> }} options
 *   `script` is the bundle from buildWorker (run as is, with wrangler.toml's bindings);
 *   `log` is shared across restarts so a failure report shows both lives; `vars` are
 *   further Worker variables by name.
 */
export async function startWrangler({ script, persistDir, token, log, vars = {} }) {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const args = [
    "dev",
    script,
    "--no-bundle",
    "--config",
    join(ROOT, "wrangler.toml"),
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
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
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
  child.on("exit", (code, signal) => {
    exitCode = code ?? signal;
    log.push(`--- wrangler exited (${exitCode})`);
  });
  collectLines(child.stdout, log);
  collectLines(child.stderr, log);

  const url = `http://127.0.0.1:${port}`;
  const handle = { url, pid: child.pid, kill: () => killGroup(child) };
  try {
    await waitUntil(
      `wrangler dev on ${url} to answer GET /health`,
      async () => {
        if (exitCode !== null) throw new FatalError(`wrangler dev exited early (${exitCode})`);
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

/**
 * SIGKILLs the child's process group and waits (bounded) for wrangler's exit event. The
 * group is signalled even when wrangler itself has exited: workerd may have outlived it.
 */
async function killGroup(child) {
  const isRunning = child.exitCode === null && child.signalCode === null;
  const exited = isRunning ? new Promise((resolve) => child.once("exit", resolve)) : null;
  try {
    process.kill(-(child.pid ?? 0), "SIGKILL");
  } catch {
    // ESRCH: the whole group is already gone.
  }
  if (exited !== null) {
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
}

/** Appends a stream's output to `log` line by line, dropping the oldest beyond LOG_LINES_KEPT. */
function collectLines(stream, log) {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = stripVTControlCharacters(partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? "";
    log.push(...lines);
    if (log.length > LOG_LINES_KEPT) log.splice(0, log.length - LOG_LINES_KEPT);
  });
}
