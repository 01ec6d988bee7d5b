// The API reference (GET /docs) in a real browser (Chromium via playwright-core) against a
// real `wrangler dev`: the page renders the document's operations, try-it-out calls this
// server, and nothing (script, font, request) comes from another origin. Part of
// `npm run test:ui`. Exits 0 when every check passed, 1 otherwise.

import { createReport } from "../e2e/report.mjs";
import { runScenario } from "../e2e/scenario.mjs";
import { launchChromium, startCairn } from "./harness.mjs";

const OVERALL_TIMEOUT_MS = 120_000;
const SHOWS_WITHIN_MS = 20_000;

const report = createReport();
const wranglerLog = [];
let cairnHandle = null;
let browser = null;

/** Closes the browser and stops wrangler dev (and the target server). */
async function cleanUp() {
  await browser?.close().catch(() => {});
  await cairnHandle?.stop();
}

/** Waits for `locator` to be shown (or, with `state: "attached"`, to be in the page). */
async function sees(locator, message, state = "visible") {
  try {
    await locator.first().waitFor({ state, timeout: SHOWS_WITHIN_MS });
    return report.check(true, message);
  } catch (error) {
    return report.check(false, message, error.message.split("\n")[0]);
  }
}

async function main() {
  browser = await launchChromium();
  if (browser === null) {
    report.check(false, "a Chromium launches");
    return;
  }
  cairnHandle = await startCairn(wranglerLog);
  const { url } = cairnHandle;
  const origin = new URL(url).origin;
  const page = await browser.newPage();
  const consoleErrors = [];
  const foreignRequests = [];
  const apiCalls = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.protocol === "data:" || target.protocol === "blob:") return;
    if (target.origin !== origin) foreignRequests.push(target.href);
    else apiCalls.push(target.pathname);
  });

  report.section("The API reference");
  const response = await page.goto(`${url}/docs`);
  report.check(response?.status() === 200, "GET /docs answers 200", `got ${response?.status()}`);
  await sees(page.getByText("Liveness check"), "it renders an operation from the document");
  // The sidebar lists every tag; opening one lists its operations.
  await page.getByRole("button", { name: "Open Group - runs" }).first().click();
  await sees(
    page.getByText("A run's status, params, output and error"),
    "opening the runs group in the sidebar lists their operations",
  );
  report.check(apiCalls.includes("/openapi.json"), "it read /openapi.json from this server");

  report.check(
    (await page.getByText("Ask AI").count()) === 0,
    "Scalar's hosted AI agent is off (it would talk to another origin)",
  );

  report.section("Try it out");
  const testButton = page.getByRole("button", { name: /Test Request/i });
  await sees(testButton, "operations offer a test request");
  await testButton.first().click();
  const send = page.getByRole("button", { name: /^Send/ });
  if (await sees(send, "the request client opens")) {
    const before = apiCalls.length;
    await send.first().click();
    await page.waitForTimeout(2000);
    const sent = apiCalls.slice(before).filter((path) => path !== "/openapi.json");
    report.check(
      sent.length > 0,
      "sending it calls this server directly (no proxy)",
      sent.join(", "),
    );
  }

  report.section("The whole time");
  report.check(consoleErrors.length === 0, "no console errors", consoleErrors.join("\n       "));
  report.check(
    foreignRequests.length === 0,
    "no request left the server's origin",
    foreignRequests.join("\n       "),
  );
}

runScenario({
  name: "docs",
  report,
  main,
  cleanUp,
  timeoutMs: OVERALL_TIMEOUT_MS,
  log: wranglerLog,
});
