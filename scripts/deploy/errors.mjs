// The deploy script's one error type, and the mapping from what wrangler printed to a
// sentence that says what to do. Wrangler's own text stays available under the message.
import { stripVTControlCharacters } from "node:util";

/** A failure the user can act on: `message` says what went wrong, `hint` what to do. */
export class DeployError extends Error {
  name = "DeployError";
  /** @param {string} message @param {string} hint @param {string} [detail] wrangler's output */
  constructor(message, hint, detail = "") {
    super(message);
    this.hint = hint;
    this.detail = detail;
  }
}

/** The error for "no Cloudflare credentials", whoever noticed it first. */
export function notLoggedInError() {
  return new DeployError(
    "You are not logged in to Cloudflare.",
    "Run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then `npm run deploy` again.",
  );
}

/**
 * What wrangler's failures mean, most specific first. Each `match` is tested against the
 * output with colours stripped; `explain` gets the step's context (database name...).
 */
const FAILURES = [
  {
    kind: "not-logged-in",
    match:
      /not authenticated|necessary to set a CLOUDFLARE_API_TOKEN|Invalid access token|\[code: 9109\]/i,
    explain: notLoggedInError,
  },
  {
    kind: "several-accounts",
    match: /More than one account available/,
    explain: () =>
      new DeployError(
        "Your login can reach more than one Cloudflare account, and none is chosen.",
        "Set CLOUDFLARE_ACCOUNT_ID=<id> (ids: `npx wrangler whoami`), or account_id in wrangler.toml.",
      ),
  },
  {
    kind: "name-taken",
    match: /already exists|\[code: 7502\]/i,
    explain: ({ databaseName }) =>
      new DeployError(
        `A D1 database named "${databaseName}" already exists and is not the one recorded in wrangler.toml.`,
        "Reuse it with `npm run deploy -- --database-id <id>` (ids: `npx wrangler d1 list`), or set another database_name in wrangler.toml.",
      ),
  },
  {
    kind: "no-permission",
    match: /Authentication error|\[code: (10000|9106)\]|not authorized/i,
    explain: ({ step }) =>
      new DeployError(
        `Cloudflare refused the request (${step}): your login lacks the permission.`,
        "Log in as a member who may edit Workers and D1 (`npx wrangler login`), or use an API token with Workers Scripts: Edit, D1: Edit and Account Settings: Read.",
      ),
  },
  {
    kind: "no-subdomain",
    match: /workers\.dev subdomain/i,
    explain: () =>
      new DeployError(
        "This account has no workers.dev subdomain yet, so the Worker has no URL to deploy to.",
        "Open Workers & Pages in the Cloudflare dashboard once to choose one (or add routes to wrangler.toml), then deploy again.",
      ),
  },
  {
    kind: "offline",
    match:
      /Unable to resolve Cloudflare.s API hostname|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|fetch failed/,
    explain: () =>
      new DeployError(
        "The Cloudflare API could not be reached.",
        "Check the network (and HTTPS_PROXY), then deploy again.",
      ),
  },
];

/** The last lines of wrangler's output, without colours, for the error's detail. */
export function tailOf(output, lines = 20) {
  return stripVTControlCharacters(output).trim().split(/\r?\n/).slice(-lines).join("\n");
}

/**
 * Turns a failed wrangler call into a DeployError.
 * @param {{ step: string, databaseName?: string }} context what was being done
 * @param {{ code: number | null, stdout: string, stderr: string }} result
 */
export function explainFailure(context, result) {
  const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
  const known = FAILURES.find((failure) => failure.match.test(output));
  const error = known
    ? known.explain(context)
    : new DeployError(
        `${context.step} failed (wrangler exited with ${result.code}).`,
        "Read wrangler's output below; fix the cause and run `npm run deploy` again (it picks up where it stopped).",
      );
  error.detail = tailOf(output);
  error.kind = known?.kind ?? "unknown";
  return error;
}
