// The command line of `npm run deploy -- [options]`.
import { parseArgs } from "node:util";
import { isDatabaseId } from "./decide.mjs";
import { DeployError } from "./errors.mjs";

export const USAGE = `Usage: npm run deploy -- [--env <name>] [--database-id <id>]

Deploys Cairn to the Cloudflare account you are logged in to (npx wrangler login):
creates its D1 database when missing and records its id in wrangler.toml, sets the
API_TOKEN secret when it is not set (printing the new token once), applies the D1
migrations, and deploys the Worker. Safe to run again: it only changes what is missing.

  --env <name>         a wrangler.toml environment (e.g. staging); default: the top level
  --database-id <id>   use this existing D1 database (recorded in wrangler.toml)
  --help               this text`;

/**
 * Parses the options after `npm run deploy --`.
 * @returns {{ help: boolean, env?: string, databaseId?: string }}
 */
export function parseDeployArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: "string", short: "e" },
        "database-id": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new DeployError(error.message, USAGE);
  }
  const databaseId = values["database-id"];
  if (databaseId !== undefined && !isDatabaseId(databaseId)) {
    throw new DeployError(
      `--database-id "${databaseId}" is not a D1 database id (a UUID such as 4f8a…-…).`,
      "Copy the id from `npx wrangler d1 list`.",
    );
  }
  const env = values.env === "" ? undefined : values.env;
  if (env !== undefined && !/^[A-Za-z0-9_-]+$/.test(env)) {
    throw new DeployError(`--env "${env}" is not an environment name.`, USAGE);
  }
  return { help: values.help ?? false, env, databaseId };
}
