#!/usr/bin/env node
// `npm run deploy [-- --env staging] [-- --database-id <id>]`: Cairn on your own Cloudflare
// account in one command. The steps are in scripts/deploy/steps.mjs; this file only wires
// them to the real wrangler and the terminal.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDeployArgs, USAGE } from "./deploy/args.mjs";
import { DeployError } from "./deploy/errors.mjs";
import { deploy } from "./deploy/steps.mjs";
import { createWranglerRunner } from "./deploy/wrangler.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Prints what the user needs after a deploy: the URL, and a new token (this once only). */
function printSummary({ url, token }) {
  const origin = url ?? "<your Worker's URL>";
  console.log(
    `\nCairn is deployed${url ? ` at ${url}` : " (its routes are in wrangler's output above)"}.`,
  );
  if (token) {
    console.log(
      `\nAPI token (shown this once; it is stored only as the Worker secret API_TOKEN):\n  ${token}`,
    );
  } else {
    console.log("The API token is the one set before (wrangler secret put API_TOKEN replaces it).");
  }
  console.log(`Try: curl -H "Authorization: Bearer ${token ?? "$TOKEN"}" ${origin}/runs`);
}

async function main() {
  const options = parseDeployArgs(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const result = await deploy({
    ...options,
    wrangler: createWranglerRunner(ROOT),
    log: (line) => console.log(line),
    configPath: join(ROOT, "wrangler.toml"),
    accountId: process.env.CLOUDFLARE_ACCOUNT_ID,
  });
  printSummary(result);
}

main().catch((error) => {
  if (!(error instanceof DeployError)) throw error;
  console.error(`\n✘ ${error.message}\n  ${error.hint.replaceAll("\n", "\n  ")}`);
  if (error.detail) console.error(`\nwrangler said:\n${error.detail}`);
  process.exitCode = 1;
});
