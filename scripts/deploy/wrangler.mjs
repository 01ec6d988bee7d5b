// The seam to Cloudflare: runs the project's pinned wrangler and hands back what it
// printed. Everything else in scripts/deploy/ is tested with a runner that replays
// recorded answers instead (test/deploy/), since Cloudflare is out of reach there.
import { spawn } from "node:child_process";
import { delimiter, join } from "node:path";

/**
 * A runner for `root`'s wrangler. stdin is closed, so wrangler never waits on a prompt
 * (it takes its non-interactive defaults: migrations apply without asking); with `echo`,
 * its output is also shown as it comes.
 * @returns {import("./steps.mjs").Wrangler}
 */
export function createWranglerRunner(root) {
  const bin = join(root, "node_modules", ".bin");
  return (args, { echo = false } = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(join(bin, "wrangler"), args, {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        // The pinned Node 22 first on PATH (wrangler needs >= 22.12).
        env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` },
      });
      const out = { stdout: "", stderr: "" };
      for (const stream of ["stdout", "stderr"]) {
        child[stream].setEncoding("utf8");
        child[stream].on("data", (chunk) => {
          out[stream] += chunk;
          if (echo) process[stream].write(chunk);
        });
      }
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, ...out }));
    });
}
