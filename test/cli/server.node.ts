// The real `cairn` command against a real `wrangler dev` (the e2e suite's helpers) and the
// loopback target server: apply (twice, invalid, prune), run --wait, logs, cancel, the run
// index, API errors and the .dev.vars token. One Worker serves every test, in order: the
// prune test runs last because it deletes whatever no file of its folder defines.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { applyMigrations, buildWorker, startWrangler } from "../e2e/wrangler.mjs";
import { startTargetServer, type TargetServer } from "../support/target-server.ts";
import {
  type CliResult,
  cairn,
  cairnOnTerminal,
  explain,
  HAS_SCRIPT,
  REPO_ROOT,
  writeFolder,
} from "./cli.ts";

const SETUP_TIMEOUT_MS = 180_000;
const RUN_ID = /^[0-9a-f]{32}$/;

const tempDir = mkdtempSync(join(tmpdir(), "cairn-cli-e2e-"));
const token = randomBytes(24).toString("hex");
const wranglerLog: string[] = [];
let wrangler: { url: string; kill: () => Promise<void> } | null = null;
let target: TargetServer | null = null;
let env: Record<string, string> = {};
const folders: string[] = [];

before(
  async () => {
    const script = buildWorker(join(tempDir, "dist"));
    const persistDir = join(tempDir, "state");
    applyMigrations(persistDir);
    target = await startTargetServer();
    wrangler = await startWrangler({ script, persistDir, token, log: wranglerLog });
    env = { CAIRN_URL: wrangler.url, CAIRN_TOKEN: token };
  },
  { timeout: SETUP_TIMEOUT_MS },
);

after(async () => {
  await wrangler?.kill();
  await target?.close();
  for (const folder of [tempDir, ...folders]) rmSync(folder, { recursive: true, force: true });
});

function run(args: readonly string[]): Promise<CliResult> {
  return cairn(args, { env });
}

function folder(files: Record<string, string>): string {
  const path = writeFolder(files);
  folders.push(path);
  return path;
}

/** Calls the API directly, to check what the CLI did. */
async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${wrangler?.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === "" ? null : JSON.parse(text)) as T };
}

type Page = { items: unknown[] };
type Stamped = { updated_at: string };

async function program(path: string, responses: unknown[]): Promise<void> {
  const res = await fetch(`${target?.url}/__program`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, responses }),
  });
  assert.equal(res.status < 300, true, `programming ${path}`);
}

function lookupAction(): string {
  return `name: Lookup\ntype: http\nmethod: GET\nurl: "${target?.url}/items/{{ input.id }}"\n`;
}

const SHOP_JOB = `name: shop
description: looks an item up
params: { type: object, required: [id], properties: { id: { type: string } } }
steps:
  - id: get
    type: task
    action: Lookup
    with: { id: "{{ params.id }}" }
  - id: done
    type: succeed
    output: "{{ output.get.name }}"
`;

describe("cairn apply", () => {
  it("plans with --dry-run and applies nothing", async () => {
    const dir = folder({ "actions/lookup.yaml": lookupAction(), "jobs/shop.yaml": SHOP_JOB });
    const result = await run(["apply", dir, "--dry-run"]);
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, /create\s+action\s+Lookup/);
    assert.match(result.stdout, /create\s+job\s+shop/);
    assert.equal((await api("GET", "/jobs/shop")).status, 404);
    assert.equal((await api("GET", "/actions/Lookup")).status, 404);
  });

  it("creates, then leaves unchanged files alone: no new version, no rewrite", async () => {
    const dir = folder({
      "actions/lookup.yaml": lookupAction(),
      "jobs/shop.yaml": SHOP_JOB,
      "jobs/slow.json": JSON.stringify({
        name: "slow",
        steps: [{ id: "nap", type: "wait", duration: "1h" }],
      }),
    });
    const first = await run(["apply", dir]);
    assert.equal(first.code, 0, explain(first));
    assert.match(first.stderr, /created job shop \(version 1\)/);
    const action = await api<Stamped>("GET", "/actions/Lookup");
    assert.equal(action.status, 200);

    const second = await run(["apply", dir]);
    assert.equal(second.code, 0, explain(second));
    assert.match(second.stdout, /unchanged\s+action\s+Lookup/);
    assert.match(second.stdout, /unchanged\s+job\s+shop/);
    assert.match(second.stdout, /unchanged\s+job\s+slow/);
    assert.doesNotMatch(second.stdout, /^\s+(create|update)\s/m);
    assert.equal((await api<Page>("GET", "/jobs/shop/versions")).body.items.length, 1);
    assert.equal(
      (await api<Stamped>("GET", "/actions/Lookup")).body.updated_at,
      action.body.updated_at,
    );

    writeFileSync(
      join(dir, "jobs", "shop.yaml"),
      SHOP_JOB.replace("looks an item up", "finds an item"),
    );
    const third = await run(["apply", dir]);
    assert.equal(third.code, 0, explain(third));
    assert.match(third.stdout, /update\s+job\s+shop\s+\(makes version 2\)/);
    assert.match(third.stdout, /unchanged\s+action\s+Lookup/);
    assert.equal((await api<Page>("GET", "/jobs/shop/versions")).body.items.length, 2);
  });

  it("applies nothing when any file is invalid", async () => {
    const dir = folder({
      "fresh.yaml": "name: FreshAction\ntype: http\nurl: https://example.com/x\n",
      "broken.yaml": "name: broken\nsteps:\n  - id: a\n    type: pass\n    next: missing\n",
    });
    const result = await run(["apply", dir]);
    assert.equal(result.code, 1, explain(result));
    assert.match(result.stdout, /broken\.yaml:5:5: steps\.0\.next: step "missing" does not exist/);
    assert.match(result.stderr, /nothing applied/);
    assert.equal((await api("GET", "/actions/FreshAction")).status, 404);
  });

  it("resolves a job's actions against those the server already has", async () => {
    const uses = SHOP_JOB.replace("name: shop", "name: shop_copy");
    const result = await run(["apply", folder({ "copy.yaml": uses })]);
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, /create\s+job\s+shop_copy/);
  });
});

describe("cairn run", () => {
  it("--wait follows the steps, prints the output and exits 0 on success", async () => {
    await program("/items/1", [{ status: 200, body: { name: "widget" } }]);
    const result = await run(["run", "shop", "--param", "id=1", "--wait"]);
    assert.equal(result.code, 0, explain(result));
    const [id, ...output] = result.stdout.trim().split("\n");
    assert.match(id ?? "", RUN_ID);
    assert.equal(JSON.parse(output.join("\n")), "widget");
    assert.match(result.stderr, /▶ get started/);
    assert.match(result.stderr, /✓ get succeeded/);
    assert.match(result.stderr, /succeeded$/m);
  });

  it("--wait on a terminal draws a progress line under the step lines", {
    skip: !HAS_SCRIPT,
  }, async () => {
    await program("/items/4", [{ status: 200, body: { name: "dial" } }]);
    const result = await cairnOnTerminal(["run", "shop", "--param", "id=4", "--wait"], { env });
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, /\d+ done · \d+ running/);
    assert.match(result.stdout, /✓ get succeeded/);
    assert.match(result.stdout, /"dial"/);
  });

  it("--wait exits 1 when the run fails, naming the step and the error", async () => {
    await program("/items/2", [{ status: 404, body: { error: "no such item" } }]);
    const result = await run(["run", "shop", "--params", '{"id":"2"}', "--wait"]);
    assert.equal(result.code, 1, explain(result));
    assert.match(result.stdout.trim(), RUN_ID);
    assert.match(result.stderr, /✗ get failed: http_4xx/);
    assert.match(result.stderr, /failed at step get: http_4xx/);
  });

  it("shows an API error as its problem and field paths, not a stack trace", async () => {
    const missing = await run(["run", "shop"]);
    assert.equal(missing.code, 1, explain(missing));
    assert.match(missing.stderr, /^error: 400 Invalid request: params/m);
    assert.doesNotMatch(missing.stderr, /\n\s+at /);
    const unknown = await run(["run", "no_such_job"]);
    assert.equal(unknown.code, 1, explain(unknown));
    assert.match(unknown.stderr, /404 Not found: Job no_such_job does not exist/);
  });

  it("starts nothing on a usage error (exit 2)", async () => {
    const before = (await api<Page>("GET", "/runs?job=shop")).body.items.length;
    const result = await run(["run", "shop", "--param", "id"]);
    assert.equal(result.code, 2, explain(result));
    assert.equal((await api<Page>("GET", "/runs?job=shop")).body.items.length, before);
  });
});

describe("reading and steering runs", () => {
  it("lists runs with full ids, filtered by job and status", async () => {
    const all = await run(["runs", "--job", "shop", "--json"]);
    assert.equal(all.code, 0, explain(all));
    const items: { id: string; status: string }[] = JSON.parse(all.stdout).items;
    assert.ok(items.length >= 2);
    const failed = await run(["runs", "--job", "shop", "--status", "failed"]);
    assert.equal(failed.code, 0, explain(failed));
    const rows = failed.stdout.trim().split("\n").slice(1);
    assert.ok(rows.length >= 1);
    for (const row of rows) {
      assert.match(row, /^[0-9a-f]{32}\s+shop\s+\d+\s+failed\s/);
    }
  });

  it("logs prints the history, as text and as JSON", async () => {
    await program("/items/3", [{ status: 200, body: { name: "gadget" } }]);
    const started = await run(["run", "shop", "--param", "id=3", "--wait"]);
    assert.equal(started.code, 0, explain(started));
    const id = started.stdout.split("\n")[0] ?? "";
    const text = await run(["logs", id]);
    assert.equal(text.code, 0, explain(text));
    assert.match(text.stdout, /run created/);
    assert.match(text.stdout, /✓ get succeeded/);
    assert.match(text.stdout, /run running → succeeded/);
    const json = await run(["logs", id, "--json"]);
    const types = JSON.parse(json.stdout).events.map((event: { type: string }) => event.type);
    assert.equal(types[0], "run_created");
    assert.ok(types.includes("step_succeeded"));
    const shown = await run(["show", id, "--json"]);
    assert.equal(JSON.parse(shown.stdout).run.output, "gadget");
  });

  it("cancel stops a waiting run, and logs --follow sees it end", async () => {
    const started = await run(["run", "slow"]);
    assert.equal(started.code, 0, explain(started));
    const id = started.stdout.trim();
    assert.match(id, RUN_ID);
    const following = run(["logs", id, "--follow"]);
    const cancelled = await run(["cancel", id]);
    assert.equal(cancelled.code, 0, explain(cancelled));
    assert.equal(cancelled.stdout.trim(), `${id} cancelled`);
    const followed = await following;
    assert.equal(followed.code, 0, explain(followed));
    assert.match(followed.stdout, /→ cancelled/);
    assert.equal((await api<{ status: string }>("GET", `/runs/${id}`)).body.status, "cancelled");
    const again = await run(["cancel", id]);
    assert.equal(again.code, 1, explain(again));
    assert.match(again.stderr, /^error: 409 /m);
  });

  it("pause and resume steer a waiting run; retry re-runs a failed one", async () => {
    const id = (await run(["run", "slow"])).stdout.trim();
    assert.match(id, RUN_ID);
    const paused = await run(["pause", id]);
    assert.equal(paused.stdout.trim(), `${id} paused`, explain(paused));
    const resumed = await run(["resume", id, "--json"]);
    assert.equal(JSON.parse(resumed.stdout).status, "waiting", explain(resumed));
    assert.equal((await run(["cancel", id])).code, 0);

    await program("/items/9", [{ status: 404, body: {} }]);
    const failed = await run(["run", "shop", "--param", "id=9", "--wait"]);
    assert.equal(failed.code, 1, explain(failed));
    const failedId = failed.stdout.trim();
    await program("/items/9", [{ status: 200, body: { name: "fixed" } }]);
    const retried = await run(["retry", failedId]);
    assert.equal(retried.code, 0, explain(retried));
    assert.equal((await run(["logs", failedId, "--follow"])).code, 0);
    const shown = JSON.parse((await run(["show", failedId, "--json"])).stdout);
    assert.deepEqual([shown.run.status, shown.run.output], ["succeeded", "fixed"]);
  });

  it("logs --follow waits for a run queued behind its job's concurrency limit", async () => {
    const job =
      "name: one_at_a_time\nconcurrency: { limit: 1, overlap: queue }\nsteps:\n  - id: nap\n    type: wait\n    duration: 1h\n";
    const applied = await run(["apply", folder({ "queue.yaml": job })]);
    assert.equal(applied.code, 0, explain(applied));
    const first = (await run(["run", "one_at_a_time"])).stdout.trim();
    const second = (await run(["run", "one_at_a_time"])).stdout.trim();
    assert.match(second, RUN_ID);
    assert.equal((await api<{ status: string }>("GET", `/runs/${second}`)).body.status, "queued");
    const following = run(["logs", second, "--follow"]);
    const cancelled = await run(["cancel", second]);
    assert.equal(cancelled.code, 0, explain(cancelled));
    const followed = await following;
    assert.equal(followed.code, 0, explain(followed));
    assert.equal((await run(["cancel", first])).code, 0);
  });

  it("takes the token from ./.dev.vars when CAIRN_TOKEN is not set", async () => {
    const cwd = folder({ ".dev.vars": `API_TOKEN=${token}\n` });
    const ok = await cairn(["runs", "--limit", "1"], { cwd, env: { CAIRN_URL: wrangler?.url } });
    assert.equal(ok.code, 0, explain(ok));
    const wrong = await cairn(["runs"], {
      cwd: folder({}),
      env: { CAIRN_URL: wrangler?.url, CAIRN_TOKEN: "wrong" },
    });
    assert.equal(wrong.code, 1, explain(wrong));
    assert.match(wrong.stderr, /401 Unauthorized/);
  });
});

describe("the README's example", () => {
  it("validates, applies and runs as written in examples/", async () => {
    const examples = join(REPO_ROOT, "examples");
    assert.equal((await run(["validate", examples])).code, 0);
    const applied = await run(["apply", examples]);
    assert.equal(applied.code, 0, explain(applied));
    // The action calls Cairn's own /health; this Cairn is not on :8787, hence cairn_url.
    const result = await run([
      "run",
      "hello",
      "--param",
      "name=Ada",
      "--param",
      `cairn_url=${wrangler?.url}`,
      "--wait",
    ]);
    assert.equal(result.code, 0, explain(result));
    const output = JSON.parse(result.stdout.split("\n").slice(1).join("\n"));
    assert.deepEqual(output, { message: "Hello, Ada", healthy: true });
  });
});

describe("cairn apply --prune", () => {
  it("deletes the jobs and actions no file defines, jobs first, after a dry run that deletes nothing", async () => {
    const dir = folder({ "keep.yaml": "name: keep\nsteps: [{ id: a, type: pass }]\n" });
    const dry = await run(["apply", dir, "--prune", "--dry-run"]);
    assert.equal(dry.code, 0, explain(dry));
    assert.match(dry.stdout, /create\s+job\s+keep/);
    assert.match(dry.stdout, /delete\s+job\s+shop\b/);
    assert.match(dry.stdout, /delete\s+action\s+Lookup/);
    assert.equal((await api("GET", "/jobs/shop")).status, 200);

    const pruned = await run(["apply", dir, "--prune"]);
    assert.equal(pruned.code, 0, explain(pruned));
    assert.equal((await api("GET", "/jobs/shop")).status, 404);
    assert.equal((await api("GET", "/jobs/slow")).status, 404);
    assert.equal((await api("GET", "/actions/Lookup")).status, 404);
    assert.equal((await api("GET", "/jobs/keep")).status, 200);
  });
});
