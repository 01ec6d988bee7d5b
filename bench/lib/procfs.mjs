// The processes of a `wrangler dev` server's process group (servers.mjs starts each group
// detached), read from /proc (Linux): what rss.mjs and cpu.mjs measure.
import { readdirSync, readFileSync } from "node:fs";

/** Fields of /proc/<pid>/stat after the command name: state is [0], the process group [2]. */
function readStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return {
    comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
    fields: stat.slice(stat.lastIndexOf(")") + 2).split(" "),
  };
}

/**
 * `{ pid, comm, fields }` of each live process in `server`'s group (`fields` as readStat
 * gives them); a process that ends while it is read is left out.
 */
export function* groupProcesses(server) {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat;
    try {
      stat = readStat(pid);
    } catch {
      continue; // The process ended while it was being read.
    }
    if (Number(stat.fields[2]) === server.child.pid) yield { pid, ...stat };
  }
}
