import { type CairnClient, expectOk, type JsonValue } from "../../client";
import { connect } from "../config";
import { EXIT, type ExitCode, UsageError } from "../errors";
import { formatEvent, STEP_EVENTS } from "../events";
import { followToEnd } from "../follow";
import { color, print, printError, printJson } from "../output";

export interface RunOptions {
  params?: string;
  param: string[];
  idempotencyKey?: string;
  wait?: boolean;
  json?: boolean;
}

/**
 * `cairn run <job>`: starts a run and prints its id. With --wait, follows its steps live,
 * then prints its output (or its error) and exits 0 only if it succeeded.
 */
export async function runCommand(job: string, options: RunOptions): Promise<ExitCode> {
  const params = readParams(options.params, options.param);
  const client = connect();
  const started = await expectOk(
    client.POST("/jobs/{name}/runs", {
      params: { path: { name: job } },
      body: {
        params,
        ...(options.idempotencyKey === undefined
          ? {}
          : { idempotency_key: options.idempotencyKey }),
      },
    }),
  );
  if (!options.wait) {
    if (options.json) printJson(started);
    else print(started.id);
    return EXIT.ok;
  }
  if (!options.json) print(started.id);
  return waitForRun(client, started.id, options.json === true);
}

/** Follows a run to its end, prints how it ended, and turns that into the exit code. */
export async function waitForRun(
  client: CairnClient,
  id: string,
  json: boolean,
): Promise<ExitCode> {
  await followToEnd(client, id, {
    format: (event) => (STEP_EVENTS.has(event.type) ? formatEvent(event) : null),
    out: process.stderr,
    progress: true,
  });
  const run = await expectOk(client.GET("/runs/{id}", { params: { path: { id } } }));
  if (json) printJson(run);
  else if (run.status === "succeeded") print(JSON.stringify(run.output, null, 2));
  const where = run.failed_step ? ` at step ${run.failed_step}` : "";
  const error = run.error ? `: ${run.error.type}: ${run.error.message}` : "";
  printError(
    run.status === "succeeded"
      ? color.green(`run ${id} succeeded`)
      : color.red(`run ${id} ${run.status}${where}${error}`),
  );
  return run.status === "succeeded" ? EXIT.ok : EXIT.failure;
}

/**
 * `--params '{"a":1}'` and `--param key=value` (a string) or `--param key:=<json>` (any
 * JSON value, HTTPie's convention); `--param` wins over the same key in `--params`.
 */
export function readParams(
  json: string | undefined,
  pairs: readonly string[],
): Record<string, JsonValue> {
  const params: Record<string, JsonValue> = json === undefined ? {} : parseParamsObject(json);
  for (const pair of pairs) {
    const typed = /^([^=:]+):=(.*)$/s.exec(pair);
    const plain = /^([^=]+)=(.*)$/s.exec(pair);
    if (typed?.[1] !== undefined && typed[2] !== undefined) {
      params[typed[1]] = parseJson(typed[2], `--param ${typed[1]}:=`);
    } else if (plain?.[1] !== undefined && plain[2] !== undefined) {
      params[plain[1]] = plain[2];
    } else {
      throw new UsageError(`--param ${pair}: expected key=value or key:=<json>`);
    }
  }
  return params;
}

function parseParamsObject(text: string): Record<string, JsonValue> {
  const value = parseJson(text, "--params");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError("--params must be a JSON object");
  }
  return value;
}

function parseJson(text: string, what: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new UsageError(
      `${what}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
