import { z } from "zod";
import { type RunClient, runClient } from "../../clients/run";
import { NotFoundError } from "../../core/errors";
import type { Env } from "../../env";

/** Run ids are 32 hex digits; anything else cannot name a run, so it never reaches an object. */
export function runStub(env: Env, id: string): RunClient {
  if (!/^[0-9a-f]{32}$/.test(id)) throw new NotFoundError(`Run ${id}`);
  return runClient(env, id);
}

/** Params, and keys set over them: a JSON object. */
export const JsonObjectSchema = z.record(z.string(), z.json());

export const RUN_NOT_FOUND = { description: "No such run" };
