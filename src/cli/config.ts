/**
 * Where the CLI talks to (DESIGN.md "CLI"): `CAIRN_URL`, default http://localhost:8787,
 * with `CAIRN_TOKEN`, default the `API_TOKEN` of a `.dev.vars` in the current folder
 * (the file `npm start` writes), so a checkout needs no setup.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { type CairnClient, createCairnClient } from "../client";

export const DEFAULT_URL = "http://localhost:8787";

export interface Target {
  url: string;
  token: string | undefined;
}

/** Reads the target from the environment, falling back to ./.dev.vars for the token. */
export function readTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const url = env.CAIRN_URL?.trim() || DEFAULT_URL;
  const token = env.CAIRN_TOKEN?.trim() || readDevVarsToken(process.cwd());
  return { url, token };
}

export function connect(target: Target = readTarget()): CairnClient {
  return createCairnClient(
    target.token === undefined ? { url: target.url } : { url: target.url, token: target.token },
  );
}

function readDevVarsToken(folder: string): string | undefined {
  const file = join(folder, ".dev.vars");
  if (!existsSync(file)) return undefined;
  return parseEnv(readFileSync(file, "utf8")).API_TOKEN || undefined;
}
