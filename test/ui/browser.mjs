// The dashboard in a real browser (Chromium via playwright-core) against a real
// `wrangler dev`, driven as a person would: sign in (a wrong key first), watch a run appear
// and move on the runs page without a reload, open it, see its graph and steps, cancel a
// waiting run from its page. All along: no console error, no request to another origin.
// Run with `npm run test:ui`. Exits 0 when every check passed, 1 otherwise.

import { createReport } from "../e2e/report.mjs";
import { runScenario } from "../e2e/scenario.mjs";
import { startTargetServer } from "../support/target-server.ts";
import { DEMO_JOB, launchChromium, REPORT_JOB, signIn, startCairn } from "./harness.mjs";

const OVERALL_TIMEOUT_MS = 180_000;
/** How long the page may take to show a change the server already made (UI polls every 2 s). */
const SHOWS_WITHIN_MS = 15_000;

const report = createReport();
const wranglerLog = [];
let cairnHandle = null;
let browser = null;
let target = null;

/** Closes the browser and stops wrangler dev (and the target server). */
async function cleanUp() {
  await browser?.close().catch(() => {});
  await cairnHandle?.stop();
  await target?.close().catch(() => {});
}

/** Waits for `locator` to be visible; a check (not a throw) when it never is. */
async function sees(locator, message) {
  try {
    await locator.first().waitFor({ state: "visible", timeout: SHOWS_WITHIN_MS });
    return report.check(true, message);
  } catch (error) {
    return report.check(false, message, error.message.split("\n")[0]);
  }
}

/** Watches the page for console errors, uncaught exceptions and requests off its origin. */
function watchPage(page, origin) {
  const problems = { consoleErrors: [], foreignRequests: [], reloads: 0 };
  page.on("console", (message) => {
    if (message.type() === "error")
      problems.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== origin) problems.foreignRequests.push(url.href);
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) problems.reloads++;
  });
  return problems;
}

/**
 * A key with only the `read` scope sees a run but no controls. API keys come with issue 14
 * (POST /keys); on a server without them this says so and checks nothing.
 */
async function checkReadOnlyKey({ browser, url, cairn }) {
  report.section("A read-only key");
  const created = await cairn.call(
    "POST",
    "/keys",
    { name: "ui-reader", scopes: ["read"] },
    [201, 404],
  );
  if (typeof created?.key !== "string") {
    report.note("this server has no API keys (POST /keys is 404): nothing to check yet");
    return;
  }
  const run = await cairn.call("POST", `/jobs/${DEMO_JOB.name}/runs`, {
    params: { order_id: "C-3" },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/ui/runs/${run.id}`);
  await signIn(page, created.key);
  await sees(page.getByRole("heading", { name: run.id }), "a read-only key sees the run");
  await sees(page.locator(".node[data-step='approval'][data-status='waiting']"), "and its graph");
  report.check(
    (await page.getByRole("toolbar", { name: "Run controls" }).count()) === 0,
    "but no controls",
  );
  const refused = await page.evaluate(
    async (id) => (await fetch(`/runs/${id}/cancel`, { method: "POST" })).status,
    run.id,
  );
  report.check(refused === 403, "and the server refuses a cancel it sends anyway", `${refused}`);
  await context.close();
}

/**
 * A run held in its job's queue has no run object yet, so no stream: its page must say it
 * is queued without asking for the stream (each refused request is a console error).
 */
async function checkQueuedRun({ browser, url, token, cairn }) {
  report.section("A run waiting in its job's queue");
  await cairn.call("POST", "/jobs", {
    name: "one-at-a-time",
    concurrency: { limit: 1, overlap: "queue" },
    steps: [{ id: "hold", type: "wait_for_event", event: "go" }],
  });
  const first = await cairn.call("POST", "/jobs/one-at-a-time/runs", { params: {} });
  const second = await cairn.call("POST", "/jobs/one-at-a-time/runs", { params: {} });
  const page = await browser.newPage();
  const problems = watchPage(page, url);
  await page.goto(`${url}/ui/runs/${second.id}`);
  await signIn(page, token);
  await sees(page.getByRole("heading", { name: second.id }), "the queued run's page opens");
  await sees(page.locator(".badge[data-status='queued']"), "and shows it queued");
  // Two of the page's reconnect rounds (1 s each) while the run stays queued.
  await page.waitForTimeout(2500);
  report.check(
    problems.consoleErrors.length === 0,
    "without a refused request or other console error while it stays queued",
    problems.consoleErrors.join("\n       "),
  );
  await cairn.call("POST", `/runs/${first.id}/cancel`);
  await sees(
    page.locator(".badge[data-status='waiting']"),
    "and follows it once it leaves the queue",
  );
  await cairn.call("POST", `/runs/${second.id}/cancel`);
  await page.close();
}

async function main() {
  report.section("Setup");
  cairnHandle = await startCairn(wranglerLog);
  const { url, token, cairn } = cairnHandle;
  console.log(`  wrangler dev at ${url}`);
  browser = await launchChromium();
  if (browser === null) {
    report.check(false, "a Chromium launches");
    return;
  }
  report.check(true, `Chromium ${browser.version()} launches`);
  await cairn.call("POST", "/jobs", DEMO_JOB);
  await cairn.call("POST", "/jobs", REPORT_JOB);
  target = await startTargetServer();
  await cairn.call("POST", "/subscriptions", {
    url: `${target.url}/deliveries`,
    events: ["run.*"],
  });
  await cairn.call("POST", "/actions", {
    name: "notify-shop",
    type: "http",
    method: "POST",
    url: `${target.url}/notify`,
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = watchPage(page, url);

  report.section("Sign-in");
  const opened = await page.goto(`${url}/`);
  report.check(new URL(page.url()).pathname === "/ui/", "GET / opens the dashboard at /ui/");
  report.check(opened?.status() === 200, "the page answers 200", `got ${opened?.status()}`);
  await signIn(page, "not-the-token");
  await sees(
    page.getByRole("alert").filter({ hasText: "not valid" }),
    "a wrong key shows an error",
  );
  // That refused sign-in is the one error the browser may log (its 401 response).
  const expected401 = (text) => text.includes("401") && text.includes("/ui/session");
  problems.consoleErrors = problems.consoleErrors.filter((text) => !expected401(text));
  await signIn(page, token);
  await sees(page.getByRole("heading", { name: "Runs" }), "the right token opens the runs page");
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "cairn_session");
  report.check(
    session?.httpOnly === true && session.sameSite === "Strict" && session.expires > 0,
    "the session cookie is HttpOnly, SameSite=Strict and expires",
    JSON.stringify(session),
  );
  report.check(
    (await page.evaluate(() => document.cookie)).includes("cairn_session") === false,
    "scripts on the page cannot read the session cookie",
  );

  report.section("A run appears and moves without a reload");
  const navigationsBefore = problems.reloads;
  const first = await cairn.call("POST", `/jobs/${DEMO_JOB.name}/runs`, {
    params: { order_id: "A-1" },
  });
  const row = page.locator(`tr[data-run-id="${first.id}"]`);
  await sees(row, "the new run shows up in the list");
  await sees(row.locator('[data-status="waiting"]'), "its status moves to waiting");
  await cairn.call("POST", `/runs/${first.id}/events/approve`, { ok: true });
  await sees(row.locator('[data-status="succeeded"]'), "after the event it moves to succeeded");
  report.check(problems.reloads === navigationsBefore, "the page never reloaded meanwhile");

  report.section("Filters go to the server");
  const lot = crypto.randomUUID();
  const tagged = await cairn.call("POST", `/jobs/${DEMO_JOB.name}/runs`, {
    params: { order_id: "T-1" },
    tags: { lot },
  });
  const sentTagFilter = page.waitForRequest(
    (request) => new URL(request.url()).searchParams.getAll("tag").includes(`lot:${lot}`),
    { timeout: SHOWS_WITHIN_MS },
  );
  const tagInput = page.getByLabel("Tag", { exact: true });
  await tagInput.fill(`lot:${lot}`);
  await tagInput.press("Tab");
  report.check(
    await sentTagFilter.then(
      () => true,
      () => false,
    ),
    "a tag filter is sent to GET /runs as tag=key:value",
  );
  const taggedRow = page.locator(`tr[data-run-id="${tagged.id}"]`);
  await sees(
    taggedRow.filter({ hasText: `lot: ${lot}` }),
    "the tagged run is listed with its tags",
  );
  const untaggedGone = await row.waitFor({ state: "detached", timeout: SHOWS_WITHIN_MS }).then(
    () => true,
    () => false,
  );
  const rows = await page.locator("table.runs tbody tr").count();
  report.check(untaggedGone && rows === 1, "and the runs without it are not", `${rows} rows`);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await sees(row, "clearing the filters lists every run again");

  report.section("A run's page: graph, steps, cancel");
  const second = await cairn.call("POST", `/jobs/${DEMO_JOB.name}/runs`, {
    params: { order_id: "B-2" },
    tags: { order: "B-2" },
  });
  await row.page().locator(`tr[data-run-id="${second.id}"] a`).click();
  await sees(page.getByRole("heading", { name: second.id }), "the run opens from the list");
  const facts = page.locator("dl.facts");
  await sees(facts.filter({ hasText: "order: B-2" }), "the run's header shows its tags");
  const { max_step_executions } = (await cairn.call("GET", `/runs/${second.id}`)).progress;
  await sees(
    facts.filter({ hasText: new RegExp(`\\d+ of ${max_step_executions} executions`) }),
    "and its progress against max_step_executions",
  );
  const graph = page.locator("svg.graph");
  await sees(graph, "the graph is drawn");
  const nodes = await graph.locator(".node").count();
  // load_order, checks, stock, fraud_hold, charge, pack, pack_item (once), approval, ship.
  report.check(nodes === 9, "the graph has one node per step of the definition", `got ${nodes}`);
  report.check(
    (await graph.locator(".graph-group").count()) === 3,
    "branches and the map body are drawn as groups",
  );
  await sees(graph.locator('.node[data-step="approval"][data-status="waiting"]'), "approval waits");
  await sees(
    graph.locator('.node[data-step="pack/*/pack_item"]').filter({ hasText: "3 ✓" }),
    "the map body node counts its three succeeded items",
  );
  await sees(page.locator('.steps li[data-step="checks/1/charge"]'), "nested steps are listed");
  await sees(page.locator(".timeline .bar-wait"), "the timeline shows the waits");
  await page.getByRole("button", { name: "Cancel" }).click();
  const dialog = page.getByRole("dialog");
  await sees(dialog, "cancelling asks for confirmation first");
  await dialog.getByRole("button", { name: "Yes, cancel" }).click();
  await sees(page.locator("#run-title [data-status='cancelled']"), "the run shows cancelled");
  const after = await cairn.call("GET", `/runs/${second.id}`);
  report.check(after.status === "cancelled", "the API agrees", `status ${after.status}`);

  report.section("Retrying a failed run from its page");
  const failing = await cairn.call("POST", `/jobs/${REPORT_JOB.name}/runs`, {});
  await page.goto(`${url}/ui/runs/${failing.id}`);
  await sees(page.locator("#run-title [data-status='failed']"), "a failed run shows failed");
  await sees(page.getByText("Reports API answered 503"), "with its error");
  const eventsBefore = await page.locator(".history > li").count();
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, retry" }).click();
  try {
    await page.waitForFunction(
      (before) => document.querySelectorAll(".history > li").length > before,
      eventsBefore,
      { timeout: SHOWS_WITHIN_MS },
    );
    report.check(true, "after a retry the page follows the run's new events");
  } catch (error) {
    report.check(false, "after a retry the page follows the run's new events", error.message);
  }
  await page.goBack();

  report.section("A job's page, the keyboard, a phone");
  await page.locator("svg.graph .node[data-step='approval']").focus();
  await page.keyboard.press("Enter");
  await sees(page.getByText("Showing instances of approval"), "a graph node opens by keyboard");
  await page.getByRole("link", { name: `${DEMO_JOB.name} v1` }).click();
  await sees(page.getByRole("heading", { name: DEMO_JOB.name }), "the job's page opens");
  await sees(page.locator("pre.code").filter({ hasText: "type: wait_for_event" }), "as YAML");
  await page.getByLabel(/order_id/).fill("D-4");
  await page.getByRole("button", { name: "Start a run" }).click();
  await sees(page.locator(".json pre").filter({ hasText: '"D-4"' }), "its form starts a run");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/ui/runs", page.url()]) {
    await page.goto(new URL(path, url).href);
    await page.locator("main h1").first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    report.check(
      overflow <= 0,
      `${new URL(path, url).pathname} fits 390 px`,
      `${overflow} px wider`,
    );
  }

  report.section("Actions, schedules and subscriptions");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole("link", { name: "Schedules" }).click();
  await sees(
    page.locator("tr").filter({ hasText: REPORT_JOB.name }).filter({ hasText: "Europe/Berlin" }),
    "the schedules page lists the scheduled job with its time zone",
  );
  await page.getByRole("link", { name: "Actions" }).click();
  await page.locator("summary").filter({ hasText: "notify-shop" }).click();
  await sees(
    page.locator(".json pre").filter({ hasText: "/notify" }),
    "the actions page shows an action",
  );
  await page.getByRole("link", { name: "Subscriptions" }).click();
  await page.getByRole("link", { name: `${target.url}/deliveries` }).click();
  await sees(
    page.locator("tr").filter({ hasText: "run.succeeded" }).filter({ hasText: "200" }),
    "a subscription's deliveries show their events and status codes",
  );

  await checkReadOnlyKey({ browser, url, cairn });
  await checkQueuedRun({ browser, url, token, cairn });

  report.section("The whole time");
  report.check(
    problems.consoleErrors.length === 0,
    "no console errors",
    problems.consoleErrors.join("\n       "),
  );
  report.check(
    problems.foreignRequests.length === 0,
    "no request left the dashboard's origin",
    problems.foreignRequests.join("\n       "),
  );
}

runScenario({
  name: "ui",
  report,
  main,
  cleanUp,
  timeoutMs: OVERALL_TIMEOUT_MS,
  log: wranglerLog,
});
