#!/usr/bin/env node
// `npm run bench:http-wait`: what holds an HTTP call's request back in a Durable Object under
// local `wrangler dev`, without Cairn. Starts bench/http-wait (one fresh object per probe) and
// a loopback echo that answers at once, then runs each variant of a Cairn attempt's sequence
// (worker.ts: journal, log line, alarm, D1 index write and read, before or after the call) in
// alternating rounds and prints, per variant, the medians of: request made -> echo receives
// it, and request made -> answer and -> body read in the object (means: the object's clock
// counts whole ms). BENCH_ROUNDS [30].
// See bench/README.md, "The HTTP task's wait, session 11".
import { createServer } from "node:http";
import { join } from "node:path";
import { describeMachine, readCount, readLoad } from "../lib/machine.mjs";
import { killServersOnExit, ROOT, runMain, startServer, withServers } from "../lib/servers.mjs";
import { median } from "../lib/stats.mjs";

const ROUNDS = readCount("BENCH_ROUNDS", 30);

/** The echo, remembering when (epoch ms) the latest request arrived. */
function startEcho() {
  const echo = { receivedAt: 0 };
  echo.server = createServer((_request, response) => {
    echo.receivedAt = performance.timeOrigin + performance.now();
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"ok":true}');
  });
  return new Promise((resolve) => echo.server.listen(0, "127.0.0.1", () => resolve(echo)));
}

async function measure(stateDir) {
  const echo = await startEcho();
  const echoUrl = `http://127.0.0.1:${echo.server.address().port}/echo`;
  const server = await startServer({
    name: "http-wait",
    config: join(ROOT, "bench", "http-wait", "wrangler.toml"),
    persistTo: join(stateDir, "http-wait"),
    logFile: join(stateDir, "http-wait.log"),
  });
  const { variants } = await (await fetch(`${server.url}/health`)).json();
  const samples = new Map(variants.map((name) => [name, { leave: [], answer: [], read: [] }]));
  const load = [readLoad()];
  // Round 0 warms up; the variants alternate within each round, so load drifts evenly.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const name of variants) {
      const query = `variant=${encodeURIComponent(name)}&url=${encodeURIComponent(echoUrl)}`;
      const timing = await (await fetch(`${server.url}/probe?${query}`, { method: "POST" })).json();
      if (round === 0) continue;
      samples.get(name).leave.push(echo.receivedAt - timing.sent_at);
      samples.get(name).answer.push(timing.answered_at - timing.sent_at);
      samples.get(name).read.push(timing.read_at - timing.sent_at);
    }
  }
  load.push(readLoad());
  echo.server.close();
  const { date, nproc, cpuModel } = describeMachine();
  console.log(
    `bench:http-wait, ${ROUNDS} rounds, ${date}, ${nproc} cores (${cpuModel}), load ${load.join(" -> ")}`,
  );
  console.log(
    "| variant | request made -> echo has it (ms, median) | -> answer (ms, mean) | -> body read (ms, mean) |",
  );
  console.log("| --- | --- | --- | --- |");
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  for (const [name, { leave, answer, read }] of samples) {
    const times = [median(leave), mean(answer), mean(read)].map((ms) => ms.toFixed(1));
    console.log(`| ${name} | ${times.join(" | ")} |`);
  }
}

killServersOnExit();
runMain("bench:http-wait", () => withServers("cairn-bench-http-wait-", measure));
