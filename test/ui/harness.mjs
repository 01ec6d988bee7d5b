// What the browser test and the screenshot script share: a real `wrangler dev` on a fresh
// temp state, a Chromium that came from npm, and the demo job both of them drive.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCairnClient } from "../e2e/http.mjs";
import { applyMigrations, buildWorker, startWrangler } from "../e2e/wrangler.mjs";

/** Flags for a quiet headless Chromium that talks to nothing but the pages it is sent to. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** Debian's browsers, used only when the npm-shipped one does not start on this machine. */
const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-headless-shell"];

/**
 * Launches Chromium through playwright-core: the binary inside the @sparticuz/chromium npm
 * package first (unpacked to /tmp on first use), else a Debian one. Returns null, having
 * said in one line how to get a browser, when none starts.
 */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const candidates = [];
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    candidates.push(await packaged.executablePath());
  } catch (error) {
    console.log(`  note @sparticuz/chromium did not unpack: ${error.message}`);
  }
  candidates.push(...SYSTEM_CHROMIUMS.filter((path) => existsSync(path)));
  for (const executablePath of candidates) {
    try {
      return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    } catch (error) {
      console.log(`  note ${executablePath} did not launch: ${error.message.split("\n")[0]}`);
    }
  }
  console.log(
    "No Chromium launches here: run `npm install` (it ships one in @sparticuz/chromium) or `apt-get install -y chromium`.",
  );
  return null;
}

/**
 * Starts Cairn as `npm start` would, on a temp persist dir and a random token; `stop()`
 * kills wrangler's process group and removes the temp dir. `seed(persistDir)`, if given,
 * runs after the migrations and before the server starts.
 */
export async function startCairn(log, { seed } = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), "cairn-ui-"));
  const persistDir = join(tempDir, "state");
  const token = randomBytes(24).toString("hex");
  let wrangler = null;
  const stop = async () => {
    await wrangler?.kill();
    wrangler = null;
    rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const script = buildWorker(join(tempDir, "dist"));
    applyMigrations(persistDir);
    await seed?.(persistDir);
    wrangler = await startWrangler({ script, persistDir, token, log });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: wrangler.url, token, cairn: createCairnClient(wrangler.url, token), stop };
}

/**
 * The demo job: a pass, a parallel of two branches (one waits a moment), a map over three
 * items, then a wait for the `approve` event, so a run stays `waiting` until told.
 */
export const DEMO_JOB = {
  name: "order-fulfilment",
  description: "Checks stock, charges, packs each item, waits for a human approval",
  params: {
    type: "object",
    required: ["order_id"],
    properties: {
      order_id: { type: "string", description: "The order to fulfil" },
      express: { type: "boolean" },
    },
  },
  steps: [
    { id: "load_order", type: "pass", output: { items: ["mug", "tee", "cap"] } },
    {
      id: "checks",
      type: "parallel",
      branches: [
        [{ id: "stock", type: "pass", output: "in stock" }],
        [
          { id: "fraud_hold", type: "wait", duration: "1s" },
          { id: "charge", type: "pass", output: "charged" },
        ],
      ],
    },
    {
      id: "pack",
      type: "map",
      items: "{{ output.load_order.items }}",
      max_concurrency: 3,
      steps: [{ id: "pack_item", type: "pass", output: "{{ meta.item }} packed" }],
    },
    { id: "approval", type: "wait_for_event", event: "approve" },
    { id: "ship", type: "pass", output: "shipped {{ params.order_id }}" },
  ],
};

/** A scheduled job that fails at its second step. */
export const REPORT_JOB = {
  name: "nightly-report",
  description: "Builds the nightly sales report",
  schedule: { cron: "0 2 * * *", timezone: "Europe/Berlin" },
  steps: [
    { id: "collect", type: "pass", output: { rows: 1280 } },
    { id: "render", type: "fail", error: "upstream_down", message: "Reports API answered 503" },
  ],
};

/** Signs the page in through the form, as a person would. */
export async function signIn(page, credential) {
  await page.getByLabel("API token or API key").fill(credential);
  await page.getByRole("button", { name: "Sign in" }).click();
}
