// Peak resident memory of a `wrangler dev` server's runtime: the `workerd` process in the
// server's process group (servers.mjs starts each group detached), from /proc (Linux).
import { readFileSync } from "node:fs";
import { groupProcesses } from "./procfs.mjs";

/** The peak RSS (VmHWM) in MB of the workerd processes of `server`'s group; null when none is found. */
export function peakRssMb(server) {
  return readWorkerdMb(server, "VmHWM");
}

/** The RSS now (VmRSS) in MB of the workerd processes of `server`'s group; null when none is found. */
export function currentRssMb(server) {
  return readWorkerdMb(server, "VmRSS");
}

/** The largest `field` (a /proc status line in kB) of `server`'s workerd processes, in MB. */
function readWorkerdMb(server, field) {
  let peakKb = null;
  for (const { pid, comm } of groupProcesses(server)) {
    if (comm !== "workerd") continue;
    try {
      const hwm = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
        readFileSync(`/proc/${pid}/status`, "utf8"),
      );
      if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
    } catch {
      // The process ended while it was being read.
    }
  }
  return peakKb === null ? null : Math.round(peakKb / 1024);
}
