// `cairn validate`, `cairn import`, `cairn test` and the usage errors, offline: no server is
// started, and none may be needed (CAIRN_URL points at a closed port to prove it).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { cairn, explain, REPO_ROOT, writeFolder } from "./cli.ts";

const OFFLINE = { env: { CAIRN_URL: "http://127.0.0.1:9", CAIRN_TOKEN: "unused" } };
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const path = writeFolder(files);
  folders.push(path);
  return path;
}

const ACTION_YAML = `name: Lookup
type: http
method: GET
url: https://api.example.com/items/{{ input.id }}
`;

describe("cairn validate", () => {
  it("accepts the examples folder, walking it", async () => {
    const result = await cairn(["validate", "examples"], OFFLINE);
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stderr, /2 files valid/);
    assert.equal(result.stdout, "");
  });

  it("resolves a job's stored action against the action files given alongside", async () => {
    const dir = folder({
      "actions/lookup.yaml": ACTION_YAML,
      "jobs/uses.yaml":
        "name: uses\nsteps:\n  - id: get\n    type: task\n    action: Lookup\n    with: { id: 1 }\n",
    });
    const both = await cairn(["validate", dir], OFFLINE);
    assert.equal(both.code, 0, explain(both));
    const alone = await cairn(["validate", join(dir, "jobs", "uses.yaml")], OFFLINE);
    assert.equal(alone.code, 1, explain(alone));
    assert.equal(
      alone.stdout,
      `${join(dir, "jobs", "uses.yaml")}:5:5: steps.0.action: action "Lookup" does not exist\n`,
    );
  });

  it("prints every problem as file:line:col: path: message, in YAML and in JSON", async () => {
    const dir = folder({
      "bad.yaml": [
        "name: bad",
        "steps:",
        "  - id: a",
        "    type: pass",
        "    colour: red",
        "  - id: b",
        "    type: pass",
        "    next: nowhere",
        "",
      ].join("\n"),
      "bad.json": '{\n  "name": "j",\n  "steps": [\n    { "id": "w", "type": "wait" }\n  ]\n}\n',
      "action.json": '{\n  "name": "A",\n  "type": "http",\n  "url": "not a url"\n}\n',
    });
    const result = await cairn(["validate", dir], { ...OFFLINE, cwd: dir });
    assert.equal(result.code, 1, explain(result));
    assert.deepEqual(result.stdout.trim().split("\n"), [
      "action.json:4:3: url: must be an absolute http(s) URL",
      "bad.json:4:5: steps.0: a wait needs exactly one of duration or until",
      'bad.yaml:5:5: steps.0.colour: unknown field "colour"',
      'bad.yaml:8:5: steps.1.next: step "nowhere" does not exist',
    ]);
    assert.match(result.stderr, /4 problems in 3 files/);
  });

  it("locates syntax errors where the parser found them, and names duplicates", async () => {
    const dir = folder({
      "broken.yaml": "name: x\nsteps:\n  - id: [unclosed\n",
      "one.yaml": "name: twice\nsteps: [{ id: a, type: pass }]\n",
      "two.yaml": "name: twice\nsteps: [{ id: b, type: pass }]\n",
    });
    const result = await cairn(["validate", "."], { ...OFFLINE, cwd: dir });
    assert.equal(result.code, 1, explain(result));
    const lines = result.stdout.trim().split("\n");
    assert.match(lines[0] ?? "", /^broken\.yaml:\d+:\d+: \(document\): invalid YAML/);
    assert.equal(lines[1], "two.yaml:1:1: name: job twice is also defined in one.yaml");
  });

  it("prints the problems as JSON with --json", async () => {
    const dir = folder({ "j.yaml": "name: j\nsteps:\n  - id: a\n    type: nope\n" });
    const result = await cairn(["validate", "--json", dir], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    const report = JSON.parse(result.stdout);
    assert.equal(report.valid, false);
    assert.equal(report.problems.length, 1);
    assert.deepEqual(
      { line: report.problems[0].line, col: report.problems[0].col, path: report.problems[0].path },
      { line: 4, col: 5, path: "steps.0.type" },
    );
  });

  it("is a usage error (exit 2) for a path that does not exist", async () => {
    const result = await cairn(["validate", "no/such/folder"], OFFLINE);
    assert.equal(result.code, 2, explain(result));
    assert.match(result.stderr, /no\/such\/folder: no such file or folder/);
  });
});

const PETIT = join(REPO_ROOT, "test", "definition", "seeds", "petit-daily-etl.yaml");
const TASK_ORCHESTRATOR = join(
  REPO_ROOT,
  "test",
  "definition",
  "seeds",
  "taskorchestrator-job-config.json",
);

describe("cairn import", () => {
  it("refuses Petit's command tasks without --action, naming each and the edge options", async () => {
    const result = await cairn(["import", "petit", PETIT], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    assert.equal(result.stdout, "");
    for (const task of ["extract", "transform", "load"]) {
      assert.match(result.stderr, new RegExp(`task ${task} \\(steps\\.\\d\\) runs the command`));
    }
    for (const option of ["http", "worker", "handler"]) {
      assert.match(result.stderr, new RegExp(`^  ${option} `, "m"));
    }
  });

  it("turns each command task into a call of the --action, which then validates", async () => {
    const result = await cairn(["import", "petit", PETIT, "--action", "RunCommand"], OFFLINE);
    assert.equal(result.code, 0, explain(result));
    const job = parse(result.stdout);
    assert.equal(job.name, "daily_etl");
    assert.deepEqual(job.steps[0], {
      id: "extract",
      type: "task",
      action: "RunCommand",
      with: { command: "python", args: ["scripts/extract.py"] },
      retry: { backoff: "constant", max_attempts: 3, delay: "60s" },
      description: "Extract Data",
    });
    const dir = folder({
      "job.yaml": result.stdout,
      "run-command.yaml":
        "name: RunCommand\ntype: http\nmethod: POST\nurl: https://runner.example.com/run\nbody: '{{ input }}'\n",
    });
    const check = await cairn(["validate", dir], OFFLINE);
    assert.equal(check.code, 0, explain(check));
  });

  it("converts a TaskOrchestrator job to a DAG of handler tasks", async () => {
    const result = await cairn(
      ["import", "taskorchestrator", TASK_ORCHESTRATOR, "--json"],
      OFFLINE,
    );
    assert.equal(result.code, 0, explain(result));
    const job = JSON.parse(result.stdout);
    assert.ok(job.steps.length > 0);
    for (const step of job.steps) {
      assert.equal(step.type, "task");
      assert.equal(typeof step.handler, "string");
      assert.ok(Array.isArray(step.depends_on));
    }
  });

  it("reports a config it cannot convert, and refuses options of the other format", async () => {
    const dir = folder({ "empty.json": "{}" });
    const bad = await cairn(["import", "taskorchestrator", join(dir, "empty.json")], OFFLINE);
    assert.equal(bad.code, 1, explain(bad));
    assert.match(bad.stderr, /jobs: must be an object of jobs by name/);
    const misuse = await cairn(
      ["import", "taskorchestrator", TASK_ORCHESTRATOR, "--action", "X"],
      OFFLINE,
    );
    assert.equal(misuse.code, 2, explain(misuse));
    const format = await cairn(["import", "airflow", PETIT], OFFLINE);
    assert.equal(format.code, 2, explain(format));
  });
});

describe("the command line", () => {
  it("has --help on every command", async () => {
    const commands = [
      "validate",
      "apply",
      "run",
      "runs",
      "show",
      "logs",
      "cancel",
      "pause",
      "resume",
      "retry",
      "import",
      "test",
    ];
    for (const command of [[], ...commands.map((name) => [name])]) {
      const result = await cairn([...command, "--help"], OFFLINE);
      assert.equal(result.code, 0, explain(result));
      assert.match(result.stdout, /^Usage: cairn/);
    }
  });

  it("exits 2 on usage errors, before reaching any server", async () => {
    const cases = [
      [],
      ["bogus"],
      ["validate"],
      ["run"],
      ["run", "job", "--params", "not json"],
      ["run", "job", "--params", "[1]"],
      ["run", "job", "--param", "novalue"],
      ["runs", "--status", "finished"],
      ["runs", "--limit", "0"],
      ["show"],
      ["validate", "examples", "--frobnicate"],
    ];
    for (const args of cases) {
      const result = await cairn(args, OFFLINE);
      assert.equal(result.code, 2, `cairn ${args.join(" ")}: ${explain(result)}`);
      assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    }
  });

  it("reports an unreachable server as a failure (exit 1) without a stack trace", async () => {
    const result = await cairn(["runs"], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    assert.match(result.stderr, /cannot reach Cairn at http:\/\/127\.0\.0\.1:9/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});

const EXAMPLES = join(REPO_ROOT, "examples");
const HELLO = join(EXAMPLES, "jobs", "hello.yaml");
const LOOKUP_ACTION = "name: Lookup\ntype: http\nmethod: GET\nurl: https://api.example.com/x\n";
const lookupJob = (task: string) =>
  `name: uses-lookup\nsteps:\n  - id: call\n    type: task\n    action: Lookup\n${task}`;

describe("cairn test", () => {
  it("validates and tests the examples folder offline, as a CI job would", async () => {
    const mocks = folder({ "up.json": '{ "ok": true }', "down.yaml": "ok: false\n" });
    const validated = await cairn(["validate", EXAMPLES], OFFLINE);
    assert.equal(validated.code, 0, explain(validated));
    const args = ["test", HELLO, "--defs", join(EXAMPLES, "actions"), "--param", "name=Ada"];
    const up = await cairn([...args, "--mock", `CairnHealth=${join(mocks, "up.json")}`], OFFLINE);
    assert.equal(up.code, 0, explain(up));
    assert.match(up.stdout, /^ +\+0s ▶ greet started$/m);
    assert.match(up.stdout, /^ +\+0s → decide chose done$/m);
    assert.match(up.stdout, /^greet +succeeded +1 +\{"greeting":"Hello, Ada"\}$/m);
    assert.match(up.stdout, /"message": "Hello, Ada"/);
    assert.match(up.stderr, /run succeeded/);
    const down = await cairn(
      [...args, "--mock", `CairnHealth=${join(mocks, "down.yaml")}`],
      OFFLINE,
    );
    assert.equal(down.code, 1, explain(down));
    assert.match(down.stdout, /→ decide chose down/);
    assert.match(down.stderr, /run failed at step down: unhealthy: .*Cairn did not answer ok/);
  });

  it("takes a retry path from an error mock, on the virtual clock", async () => {
    const dir = folder({
      "lookup.yaml": LOOKUP_ACTION,
      "job.yaml": lookupJob(
        "    retry: { max_attempts: 3, delay: 10s, backoff: constant, jitter: false }\n",
      ),
      "flaky.json": JSON.stringify({
        responses: [{ error: { type: "network", message: "reset" } }, { id: 7 }],
      }),
    });
    const result = await cairn(
      ["test", join(dir, "job.yaml"), "--defs", join(dir, "lookup.yaml")].concat(
        "--mock",
        `Lookup=${join(dir, "flaky.json")}`,
      ),
      OFFLINE,
    );
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, /^ +\+0s ! call attempt 1 failed: network: reset; retry in 10s$/m);
    assert.match(result.stdout, /^ +\+10s +call attempt 2$/m);
    assert.match(result.stdout, /^call +succeeded +2 +\{"id":7\}$/m);
    assert.match(result.stderr, /run succeeded \(virtual time \+10s\)/);
  });

  it("fails a step whose action has no mock, naming the mock it needs", async () => {
    const dir = folder({ "lookup.yaml": LOOKUP_ACTION, "job.yaml": lookupJob("") });
    const result = await cairn(["test", join(dir, "job.yaml"), "--defs", dir], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    assert.match(
      result.stderr,
      /run failed at step call: failed: no mock for action "Lookup": pass --mock Lookup=<file>/,
    );
  });

  it("runs a run_job child from --defs, and waits take no wall time", async () => {
    const dir = folder({
      "parent.yaml": [
        "name: parent",
        "steps:",
        "  - { id: nap, type: wait, duration: 3h }",
        "  - { id: sub, type: run_job, job: child, params: { n: 2 } }",
        "",
      ].join("\n"),
      "child.yaml":
        "name: child\nsteps:\n  - { id: triple, type: succeed, output: '{{ params.n | times: 3 }}' }\n",
    });
    const result = await cairn(
      ["test", join(dir, "parent.yaml"), "--defs", dir, "--json"],
      OFFLINE,
    );
    assert.equal(result.code, 0, explain(result));
    const report = JSON.parse(result.stdout);
    assert.equal(report.run.status, "succeeded");
    assert.equal(report.run.output, 6);
    assert.deepEqual(
      report.children.map((child: { run: { job: string; status: string } }) => child.run),
      [{ ...report.children[0].run, job: "child", status: "succeeded" }],
    );
    const nap = report.steps.find((step: { id: string }) => step.id === "nap");
    assert.equal(Date.parse(nap.finished_at) - Date.parse(nap.started_at), 3 * 3_600_000);
    assert.ok(report.history.some((event: { type: string }) => event.type === "child_started"));
  });

  it("delivers an --event to the run's wait_for_event step", async () => {
    const dir = folder({
      "job.yaml": [
        "name: approval",
        "steps:",
        "  - { id: approve, type: wait_for_event, event: approved, timeout: 1d }",
        "  - { id: done, type: succeed, output: '{{ output.approve.by }}' }",
        "",
      ].join("\n"),
      "approved.json": '{ "by": "ada" }',
    });
    const job = join(dir, "job.yaml");
    const given = await cairn(
      ["test", job, "--event", `approved=${join(dir, "approved.json")}`],
      OFFLINE,
    );
    assert.equal(given.code, 0, explain(given));
    assert.match(given.stdout, /^"ada"$/m);
    const none = await cairn(["test", job], OFFLINE);
    assert.equal(none.code, 1, explain(none));
    assert.match(none.stderr, /run failed at step approve: timeout: .* \(virtual time \+1d\)/);
  });

  it("prints validate's problems for an invalid job file and runs nothing (exit 1)", async () => {
    const dir = folder({
      "bad.yaml": "name: bad\nsteps:\n  - id: a\n    type: pass\n    next: nowhere\n",
    });
    const result = await cairn(["test", join(dir, "bad.yaml")], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    const validated = await cairn(["validate", join(dir, "bad.yaml")], OFFLINE);
    assert.equal(result.stdout, validated.stdout);
    assert.match(result.stdout, /bad\.yaml:5:5: steps\.0\.next: step "nowhere" does not exist/);
    assert.match(result.stderr, /1 problem; nothing run/);
  });

  it("fails a run whose params the job refuses (exit 1), naming the field", async () => {
    const result = await cairn(["test", HELLO, "--defs", join(EXAMPLES, "actions")], OFFLINE);
    assert.equal(result.code, 1, explain(result));
    assert.match(result.stderr, /params: .*"name"/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  });

  it("exits 2 on usage errors: no file, a folder, a bad --mock, a bad mock file", async () => {
    const dir = folder({
      "job.yaml": "name: j\nsteps: [{ id: a, type: pass }]\n",
      "bad-mock.json": '{ "error": { "type": "network" } }',
      "lookup.yaml": LOOKUP_ACTION,
    });
    const job = join(dir, "job.yaml");
    const cases: [string[], RegExp][] = [
      [["test"], /missing required argument/],
      [["test", dir], /takes one job file, not a folder/],
      [["test", join(dir, "lookup.yaml")], /not a job file/],
      [["test", job, "--mock", "novalue"], /--mock novalue: expected <action>=<file>/],
      [
        ["test", job, "--mock", `A=${join(dir, "none.json")}`],
        /--mock A: .*none\.json: no such file/,
      ],
      [["test", job, "--mock", `A=${join(dir, "bad-mock.json")}`], /error\.message/],
      [["test", job, "--params", "[1]"], /--params/],
    ];
    for (const [args, message] of cases) {
      const result = await cairn(args, OFFLINE);
      assert.equal(result.code, 2, `cairn ${args.join(" ")}: ${explain(result)}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    }
  });

  const OLD_NODE = "/usr/bin/node";
  const oldVersion = spawnSync(OLD_NODE, ["--version"], { encoding: "utf8" }).stdout?.trim();
  const tooOld = /^v(?:1\d|20|21|22\.(?:\d|1[0-2]))\./.test(oldVersion ?? "");
  it("says which Node it needs on a Node without node:sqlite", { skip: !tooOld }, () => {
    const dir = folder({ "job.yaml": "name: j\nsteps: [{ id: a, type: pass }]\n" });
    const result = spawnSync(
      OLD_NODE,
      [join(REPO_ROOT, "bin", "cairn.mjs"), "test", join(dir, "job.yaml")],
      {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /cairn test needs Node >= 22\.13/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  });
});
