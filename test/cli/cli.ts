/**
 * Runs the real `cairn` command (bin/cairn.mjs) as a child process, the way a user or a CI
 * job does, and captures what it printed and its exit code. Plain TypeScript that Node's
 * type stripping runs directly (no enums, no parameter properties, explicit extensions).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cairn.mjs");
/** A CLI call that takes longer than this is a hang, reported as such. */
const CLI_TIMEOUT_MS = 60_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Runs `cairn <args>`; never throws on a non-zero exit: the exit code is the result. */
export function cairn(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(process.execPath, [BIN, ...args], options);
}

/** Whether util-linux `script` is there to give the CLI a terminal (see cairnOnTerminal). */
export const HAS_SCRIPT = spawnSync("script", ["--version"]).status === 0;

/**
 * Runs `cairn <args>` with a pseudo-terminal as its stdout and stderr (util-linux
 * `script`), to see what a user at a terminal sees; both streams arrive as `stdout`.
 */
export function cairnOnTerminal(
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return spawnCli("script", ["--quiet", "--return", "--command", command, "/dev/null"], options);
}

function quote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

function spawnCli(file: string, args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd ?? ROOT,
      // No colour: assertions read plain text. No inherited CAIRN_* settings.
      env: {
        ...process.env,
        CAIRN_URL: undefined,
        CAIRN_TOKEN: undefined,
        NO_COLOR: "1",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`cairn ${args.join(" ")} did not finish in ${CLI_TIMEOUT_MS} ms\n${stderr}`),
      );
    }, CLI_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Says what the CLI printed, for assertion messages. */
export function explain(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** A fresh temp folder holding `files` (relative path → text). */
export function writeFolder(files: Record<string, string>, prefix = "cairn-cli-"): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

export const REPO_ROOT = ROOT;
