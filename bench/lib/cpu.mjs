// CPU time of a `wrangler dev` server's processes, from /proc (Linux), and the knobs of
// bench/cpu-per-start.mjs.
import { execFileSync } from "node:child_process";
import { groupProcesses } from "./procfs.mjs";

/** The kernel's clock ticks per second, the unit of /proc's utime and stime. */
const TICKS_PER_S = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/**
 * The probe's query of each set in BENCH_CPU_PROBES: `d1+alarm` -> `features=d1,alarm`;
 * `@N` after a set runs N distinct statements (the `statements` feature, added if missing).
 */
export function parseProbeSets(text) {
  return text
    .split(",")
    .filter((set) => set !== "")
    .map((set) => {
      const [features, count, ...rest] = set.split("@");
      if (rest.length > 0) throw new Error(`BENCH_CPU_PROBES: ${set} has more than one @`);
      const names = features === "floor" ? [] : features.split("+");
      if (count === undefined) return [set, `features=${names.join(",")}`];
      if (!names.includes("statements")) names.push("statements");
      return [set, `features=${names.join(",")}&statements=${count}`];
    });
}

/**
 * utime + stime in seconds of the processes in `server`'s group: `workerd` (the runtime) and
 * `node` (everything else: wrangler itself, which relays what the runtime prints and its
 * inspector proxy's messages).
 */
export function groupCpuSeconds(server) {
  const byCommand = {};
  for (const { comm, fields } of groupProcesses(server)) {
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    const name = comm === "workerd" ? "workerd" : "node";
    byCommand[name] = (byCommand[name] ?? 0) + seconds;
  }
  return byCommand;
}
