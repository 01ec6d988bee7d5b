// The heap snapshot summary of bench:profile (bench/lib/heap.mjs), on a hand-made snapshot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatHeap, summariseHeap } from "../../bench/lib/heap.mjs";

/** A snapshot in V8's format: nodes are flat rows of `node_fields`, names index `strings`. */
const SNAPSHOT = {
  snapshot: {
    meta: {
      node_fields: ["type", "name", "id", "self_size", "edge_count"],
      node_types: [["hidden", "object", "string", "code"]],
    },
  },
  strings: ["Map", "some text", "other text", "(compiled code)"],
  nodes: [1, 0, 1, 100, 0, 1, 0, 2, 50, 0, 2, 1, 3, 30, 0, 2, 2, 4, 20, 0, 3, 3, 5, 400, 0],
};

test("sizes are summed per type and per (type, name), largest first; strings form one group", () => {
  const summary = summariseHeap(SNAPSHOT);
  assert.equal(summary.total, 600);
  assert.deepEqual(summary.byType, [
    { type: "code", size: 400 },
    { type: "object", size: 150 },
    { type: "string", size: 50 },
  ]);
  assert.deepEqual(summary.top, [
    { name: "code (compiled code)", count: 1, size: 400 },
    { name: "object Map", count: 2, size: 150 },
    { name: "string (strings)", count: 2, size: 50 },
  ]);
});

test("the text names the total and every group", () => {
  const text = formatHeap(summariseHeap(SNAPSHOT, 2));
  assert.match(text, /^JS heap of the Worker's isolate: 0\.0 MB/);
  assert.match(text, /object Map/);
  assert.doesNotMatch(text, /string \(strings\)/);
});
