// A stand-in for the one seam the deploy script has to Cloudflare (scripts/deploy/wrangler.mjs):
// it answers each wrangler command with a recorded answer and keeps the calls, so the
// steps' decisions can be checked where Cloudflare cannot be reached.
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HERE = import.meta.dirname;
const ROOT = join(HERE, "..", "..");

/** A recorded answer by name: composed.json's entries, or a file of recorded/ (real runs). */
export function recorded(name) {
  const composed = JSON.parse(readFileSync(join(HERE, "recorded", "composed.json"), "utf8"));
  if (name in composed) return composed[name];
  return JSON.parse(readFileSync(join(HERE, "recorded", `${name}.json`), "utf8"));
}

/** A private copy of the project's wrangler.toml, for the steps to edit. */
export function copyOfConfig() {
  const dir = mkdtempSync(join(tmpdir(), "cairn-deploy-test-"));
  const path = join(dir, "wrangler.toml");
  copyFileSync(join(ROOT, "wrangler.toml"), path);
  return path;
}

/**
 * A runner that answers by the command's first words ("d1 list", "secret list", ...).
 * `answers[command]` is one answer or a list used in turn. `onCall(args)` runs during the
 * call (to look at a file the command is given while it exists). Unknown commands fail
 * the test.
 */
export function fakeWrangler(answers, onCall = () => {}) {
  const calls = [];
  const used = {};
  const wrangler = async (args) => {
    calls.push(args);
    onCall(args);
    const command = Object.keys(answers).find((c) => args.join(" ").startsWith(c));
    if (command === undefined) throw new Error(`unexpected wrangler call: ${args.join(" ")}`);
    const list = [answers[command]].flat();
    const index = used[command] ?? 0;
    used[command] = index + 1;
    const answer = list[Math.min(index, list.length - 1)];
    return typeof answer === "string" ? recorded(answer) : answer;
  };
  return { wrangler, calls, commands: () => calls.map((a) => a.join(" ")) };
}

/** A deploy context around a fake runner and a config copy; `lines` collects the log. */
export function makeContext(fake, overrides = {}) {
  const lines = [];
  return {
    lines,
    ctx: {
      wrangler: fake.wrangler,
      log: (line) => lines.push(line),
      configPath: copyOfConfig(),
      makeToken: () => "generated-token-for-tests",
      ...overrides,
    },
  };
}
