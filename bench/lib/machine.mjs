// Knobs from the environment and facts about the machine, printed with the figures.
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

/** Reads a positive integer from the environment, so a slow machine can run a lighter bench. */
export function readCount(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** Load average over the last minute, as text. */
export function readLoad() {
  return loadavg()[0].toFixed(2);
}

/** Machine facts printed with the figures (the caller adds `commit` and `loadAfter`). */
export function describeMachine() {
  return {
    date: new Date().toISOString(),
    nproc: execFileSync("nproc", { encoding: "utf8" }).trim(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadBefore: readLoad(),
  };
}
