// Heap snapshots of the Worker's isolate (BENCH_PROFILE_HEAP=1 npm run bench:profile): taken
// through the inspector, summarised by what holds the memory. summariseHeap is pure (tested
// in test/bench/heap.test.mjs).

/** Takes a heap snapshot through `inspector` (lib/inspector.mjs); answers its text. */
export async function takeHeapSnapshot(inspector) {
  const chunks = [];
  inspector.on("HeapProfiler.addHeapSnapshotChunk", ({ chunk }) => chunks.push(chunk));
  await inspector.send("HeapProfiler.enable");
  // No HeapProfiler.collectGarbage: workerd never answers it; a snapshot collects first anyway.
  await inspector.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  return chunks.join("");
}

/**
 * Self size by node type (code, strings, objects...) and the `top` (type, name) groups with
 * the most self size, from a V8 heap snapshot (the .heapsnapshot JSON). Sizes in bytes.
 */
export function summariseHeap(snapshot, top = 25) {
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const [typeNames] = types;
  const at = (field) => fields.indexOf(field);
  const [typeAt, nameAt, sizeAt] = [at("type"), at("name"), at("self_size")];
  const byType = new Map();
  const byName = new Map();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = typeNames[snapshot.nodes[i + typeAt]];
    const size = snapshot.nodes[i + sizeAt];
    // Strings are named by their own text: group them as one, not one row per string.
    const name = type === "string" ? "(strings)" : snapshot.strings[snapshot.nodes[i + nameAt]];
    total += size;
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = `${type} ${name}`.slice(0, 100);
    const group = byName.get(key) ?? { count: 0, size: 0 };
    group.count += 1;
    group.size += size;
    byName.set(key, group);
  }
  const sorted = (map, size) => [...map.entries()].sort((a, b) => size(b[1]) - size(a[1]));
  return {
    total,
    byType: sorted(byType, (s) => s).map(([type, size]) => ({ type, size })),
    top: sorted(byName, (g) => g.size)
      .slice(0, top)
      .map(([name, group]) => ({ name, ...group })),
  };
}

/** The summary as text: total, per type, then the top groups. */
export function formatHeap(summary) {
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1).padStart(7)} MB`;
  return [
    `JS heap of the Worker's isolate: ${mb(summary.total).trim()}`,
    "",
    "by node type",
    ...summary.byType.map(({ type, size }) => `${mb(size)}  ${type}`),
    "",
    "largest groups (type, constructor or name): self size, count",
    ...summary.top.map(
      ({ name, size, count }) => `${mb(size)}  ${String(count).padStart(7)}  ${name}`,
    ),
  ].join("\n");
}
