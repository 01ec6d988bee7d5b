// `npm run lint:layers` (scripts/check-layers.mjs): folder cycles, imports against the layer
// order and Durable Object classes imported outside src/index.ts fail; src/ as it is passes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { checkLayers, folderOf } from "../../scripts/check-layers.mjs";

const ROOT = path.join(import.meta.dirname, "..", "..");
const LAYERS = [["core"], ["definition"], ["engine", "gates"], ["index"]];

/** Runs the lint on `root`: its exit code and what it printed. */
function lint(root) {
  const run = spawnSync(process.execPath, ["scripts/check-layers.mjs", root], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** A throwaway src/ made of `files` (path -> source). */
function fixture(files) {
  const root = mkdtempSync(path.join(tmpdir(), "cairn-layers-"));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

describe("folderOf", () => {
  it("names a file by its top folder, a top-level file by itself", () => {
    assert.equal(folderOf("engine/store/rows.ts"), "engine");
    assert.equal(folderOf("index.ts"), "index");
  });
});

describe("checkLayers", () => {
  it("passes a graph that only imports downwards", () => {
    const graph = {
      "core/a.ts": [],
      "definition/b.ts": ["core/a.ts"],
      "engine/c.ts": ["definition/b.ts", "core/a.ts", "engine/d.ts"],
      "engine/d.ts": [],
    };
    assert.deepEqual(checkLayers(graph, [], LAYERS), []);
  });

  it("reports a folder cycle that no file cycle makes, with the imports in it", () => {
    const graph = {
      "engine/run.ts": ["gates/slot.ts"],
      "gates/slot.ts": [],
      "gates/gate.ts": ["engine/client.ts"],
      "engine/client.ts": [],
    };
    const problems = checkLayers(graph, [], LAYERS);
    assert.ok(problems.includes("folder cycle: engine <-> gates"), problems.join("\n"));
    assert.ok(problems.includes("  engine/run.ts -> gates/slot.ts"));
    assert.ok(problems.includes("  gates/gate.ts -> engine/client.ts"));
  });

  it("reports an import of a higher layer or of the same layer", () => {
    const graph = {
      "core/a.ts": ["definition/b.ts"],
      "definition/b.ts": [],
      "engine/c.ts": ["gates/d.ts"],
      "gates/d.ts": [],
    };
    const problems = checkLayers(graph, [], LAYERS);
    assert.ok(problems.includes("layer: core may not import definition (not a lower layer)"));
    assert.ok(problems.includes("layer: engine may not import gates (not a lower layer)"));
  });

  it("reports a folder that is in no layer", () => {
    const problems = checkLayers({ "stray/a.ts": [] }, [], LAYERS);
    assert.deepEqual(problems, ["folder stray has no layer: add it to LAYERS"]);
  });

  it("reports a Durable Object class imported by any file but index.ts", () => {
    const graph = {
      "gates/gate.ts": ["gates/store.ts"],
      "gates/store.ts": [],
      "gates/test-helper.ts": ["gates/gate.ts"],
      "index.ts": ["gates/gate.ts"],
      "engine/driver.ts": ["gates/gate.ts"],
    };
    const problems = checkLayers(graph, ["gates/gate.ts"], [["gates"], ["engine"], ["index"]]);
    assert.deepEqual(problems, [
      "Durable Object class imported (use its client): gates/test-helper.ts -> gates/gate.ts",
      "Durable Object class imported (use its client): engine/driver.ts -> gates/gate.ts",
    ]);
  });
});

describe("the lint script", () => {
  it("passes on src/", () => {
    const { status, output } = lint("src");
    assert.equal(status, 0, output);
  });

  it("fails on a tree with a folder cycle and an object class imported by another file", () => {
    const root = fixture({
      "core/statuses.ts": 'import { view } from "../engine/views";\nexport const s = view;\n',
      "engine/views.ts": 'import { s } from "../core/statuses";\nexport const view = s;\n',
      "gates/gate.ts": "export class Gate extends DurableObject {}\n",
      "engine/slots.ts": 'import { Gate } from "../gates/gate";\nexport const g = Gate;\n',
    });
    try {
      const { status, output } = lint(root);
      assert.equal(status, 1, output);
      assert.match(output, /folder cycle: core <-> engine/);
      assert.match(output, /core\/statuses\.ts -> engine\/views\.ts/);
      assert.match(
        output,
        /class imported \(use its client\): engine\/slots\.ts -> gates\/gate\.ts/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
