// V8 CPU profiles of the `wrangler dev` isolate through its inspector (bench/profile.mjs,
// bench/schedules.mjs with BENCH_SCHEDULES_PROFILE): record one around a workload, then
// split its samples by function.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { connectInspector } from "./inspector.mjs";

const TOP = 25;

/** Runs `work()` under the CPU profiler (100 us samples); answers `{ result, profile }`. */
export async function recordCpuProfile(inspectorPort, work) {
  const inspector = await connectInspector(inspectorPort);
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.setSamplingInterval", { interval: 100 });
  await inspector.send("Profiler.start");
  try {
    const result = await work();
    const { profile } = await inspector.send("Profiler.stop");
    return { result, profile };
  } finally {
    inspector.close();
  }
}

/** Writes the raw profile (open it in Chrome DevTools' Performance tab). */
export function saveCpuProfile(path, profile) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(profile));
}

/**
 * Self and total time per function (name + location) from a CPU profile, the TOP of each as
 * text; with `per` (a count of runs, wakes, fires), each line also shows ms per one of them.
 * With `within` (a function name), only the samples with that function on their stack count
 * (e.g. `alarm`: what Durable Object alarms did).
 */
export function summariseCpuProfile(profile, per, within) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const label = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.split("/").slice(-2).join("/") : "";
    return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
  };
  const self = new Map();
  const total = new Map();
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const stackOf = (sample) => {
    const names = [];
    for (let id = sample; id !== undefined; id = parentOf.get(id))
      names.push(byId.get(id).callFrame.functionName);
    return names;
  };
  const samples =
    within === undefined
      ? profile.samples
      : profile.samples.filter((sample) => stackOf(sample).includes(within));
  for (const sample of samples) {
    const node = byId.get(sample);
    self.set(label(node), (self.get(label(node)) ?? 0) + 1);
    const seen = new Set();
    for (let id = sample; id !== undefined; id = parentOf.get(id)) {
      const name = label(byId.get(id));
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + 1);
    }
  }
  const format = (count) => {
    const ms = count * interval;
    const share = per === undefined ? "" : `${(ms / per).toFixed(2).padStart(7)} ms each  `;
    return `${ms.toFixed(0).padStart(7)} ms  ${share}`;
  };
  const top = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, count]) => `${format(count)}${name}`)
      .join("\n");
  return { self: top(self), total: top(total), ms: samples.length * interval };
}
