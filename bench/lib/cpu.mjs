// CPU time of a `wrangler dev` server's processes, from /proc (Linux), and the knobs of
// bench/cpu-per-start.mjs.
import { readdirSync } from "node:fs";
import { readStat } from "./rss.mjs";

const TICKS_PER_S = 100;

/**
 * The probe's query of each set in BENCH_CPU_PROBES: `d1+alarm` -> `features=d1,alarm`;
 * `@N` after a set runs N distinct statements with the `statements` feature.
 */
export function parseProbeSets(text) {
  return text
    .split(",")
    .filter((set) => set !== "")
    .map((set) => {
      const [features, count] = set.split("@");
      const names = features === "floor" ? "" : features.split("+").join(",");
      return [set, `features=${names}${count === undefined ? "" : `&statements=${count}`}`];
    });
}

/** `KEY=value,KEY2=value2` as an object of vars; throws on a pair without `=`. */
export function parseVars(text) {
  const pairs = text.split(",").filter((pair) => pair !== "");
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`BENCH_CPU_CAIRN_VARS: ${pair} is not KEY=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/**
 * utime + stime in seconds of the processes in `server`'s group: `workerd` (the runtime) and
 * `node` (everything else: wrangler itself, which relays what the runtime prints and its
 * inspector proxy's messages).
 */
export function groupCpuSeconds(server) {
  const byCommand = {};
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const { comm, fields } = readStat(pid);
      if (Number(fields[2]) !== server.child.pid) continue;
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
      const name = comm === "workerd" ? "workerd" : "node";
      byCommand[name] = (byCommand[name] ?? 0) + seconds;
    } catch {
      // The process ended while it was being read.
    }
  }
  return byCommand;
}
