#!/usr/bin/env node
// Takes the README's dashboard screenshots from real runs: starts Cairn on a temp state,
// saves the demo jobs, starts runs and drives them to a mix of statuses, then photographs
// the runs list, a run (graph and timeline) and a job (its definition diff) with the same
// Chromium the browser test uses. Writes docs/images/dashboard-*.png.
// Run with `npm run screenshots`.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { waitUntil } from "../test/e2e/http.mjs";
import { DEMO_JOB, launchChromium, REPORT_JOB, signIn, startCairn } from "../test/ui/harness.mjs";

const OUT = join(import.meta.dirname, "..", "docs", "images");

/** Waits until run `id` has status `status` (bounded). */
function settles(cairn, id, status) {
  return waitUntil(
    `run ${id} to be ${status}`,
    async () => (await cairn.call("GET", `/runs/${id}`)).status === status,
    { timeoutMs: 30_000 },
  );
}

/** Saves the jobs and leaves runs in several states; returns the run to photograph. */
async function makeRuns(cairn) {
  await cairn.call("POST", "/jobs", DEMO_JOB);
  await cairn.call("PUT", `/jobs/${DEMO_JOB.name}`, {
    ...DEMO_JOB,
    steps: DEMO_JOB.steps.map((step) =>
      step.id === "ship" ? { ...step, output: "shipped {{ params.order_id }} by courier" } : step,
    ),
  });
  await cairn.call("POST", "/jobs", REPORT_JOB);
  const start = (job, params) => cairn.call("POST", `/jobs/${job}/runs`, { params });
  const done = await start(DEMO_JOB.name, { order_id: "A-1001" });
  await settles(cairn, done.id, "waiting");
  await cairn.call("POST", `/runs/${done.id}/events/approve`, { by: "sam" });
  const failed = await start(REPORT_JOB.name, {});
  const cancelled = await start(DEMO_JOB.name, { order_id: "A-1002" });
  await settles(cairn, cancelled.id, "waiting");
  await cairn.call("POST", `/runs/${cancelled.id}/cancel`);
  const waiting = await start(DEMO_JOB.name, { order_id: "A-1003", express: true });
  await Promise.all([
    settles(cairn, done.id, "succeeded"),
    settles(cairn, failed.id, "failed"),
    settles(cairn, waiting.id, "waiting"),
  ]);
  return waiting.id;
}

async function main() {
  const log = [];
  const cairn = await startCairn(log);
  const browser = await launchChromium();
  try {
    if (browser === null) throw new Error("no browser");
    const runId = await makeRuns(cairn.cairn);
    mkdirSync(OUT, { recursive: true });
    const shots = [
      { name: "dashboard-runs", path: "/ui/runs", width: 1440, height: 640 },
      { name: "dashboard-run", path: `/ui/runs/${runId}`, width: 1440, height: 1500 },
      { name: "dashboard-job", path: `/ui/jobs/${DEMO_JOB.name}`, width: 1440, height: 1300 },
      {
        name: "dashboard-run-phone-dark",
        path: `/ui/runs/${runId}`,
        width: 390,
        height: 1400,
        dark: true,
      },
    ];
    for (const shot of shots) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: shot.dark ? "dark" : "light",
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(`${cairn.url}${shot.path}`);
      await signIn(page, cairn.token);
      await page.locator("main h1").first().waitFor();
      if (shot.name === "dashboard-job") {
        await page.getByLabel("Compare with").selectOption("1");
        await page.locator(".diff").waitFor();
      } else if (shot.path.includes("/runs/")) {
        await page.locator("svg.graph").waitFor();
        await page.locator(".timeline .bar").first().waitFor();
      } else {
        await page.locator("tr[data-run-id]").nth(3).waitFor();
      }
      const file = join(OUT, `${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshots: ${file}`);
      await context.close();
    }
  } finally {
    await browser?.close();
    await cairn.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
