// Checks of the OpenAPI document with tools Cairn did not write, as a new user would run
// them: Redocly's linter (recommended rules, redocly.yaml), swagger-parser's validator, and
// openapi-typescript, whose output must compile under `tsc --strict` without skipLibCheck
// and must be what the committed client types say.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import {
  CLIENT_TYPES_DIR,
  CLIENT_TYPES_FILE,
  renderClientTypes,
} from "../../scripts/client-types.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");
const TOOL_TIMEOUT_MS = 90_000;

/**
 * Runs a tool from node_modules/.bin to completion (bounded); `{ status, stdout, output }`.
 * Asynchronous on purpose: a blocked event loop would miss wrangler closing idle sockets,
 * and the next request would be sent on a dead one.
 */
function runTool(name, args) {
  return new Promise((resolve) => {
    const child = spawn(join(BIN, name), args, {
      cwd: ROOT,
      env: {
        ...process.env,
        NO_COLOR: "1",
        REDOCLY_TELEMETRY: "off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      },
      timeout: TOOL_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, output: `${stdout}${stderr}` }));
  });
}

/** `redocly lint` with the project's redocly.yaml: every error and warning is a failure. */
export async function checkRedoclyLint(report, documentFile) {
  const { stdout, output } = await runTool("redocly", [
    "lint",
    documentFile,
    "--config",
    join(ROOT, "redocly.yaml"),
    "--format=json",
  ]);
  let result;
  try {
    result = JSON.parse(stdout);
  } catch {
    return report.check(false, "redocly lint reports its result", output.slice(-2000));
  }
  const problems = (result.problems ?? []).map(
    (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? "?"}`,
  );
  report.check(
    result.totals.errors === 0 && result.totals.warnings === 0,
    `redocly lint (recommended rules): ${result.totals.errors} errors, ${result.totals.warnings} warnings`,
    problems.slice(0, 20).join("\n       "),
  );
}

/** swagger-parser's validation: the OpenAPI 3.1 meta-schema and every $ref resolved. */
export async function checkSwaggerParser(report, document) {
  try {
    await SwaggerParser.validate(structuredClone(document));
    report.check(true, "swagger-parser validates the document");
  } catch (error) {
    report.check(false, "swagger-parser validates the document", String(error).slice(0, 2000));
  }
}

/**
 * Generates the document's types with openapi-typescript, then compiles them, and a small
 * client module using them, with `tsc --strict` and full library checking.
 */
export async function checkGeneratedTypes(report, document, dir) {
  const types = astToString(await openapiTS(structuredClone(document)));
  writeFileSync(join(dir, "cairn-api.d.ts"), types);
  // Uses a few generated types the way a client would, so they must resolve to real shapes.
  writeFileSync(
    join(dir, "use-types.ts"),
    `import type { components, paths } from "./cairn-api";
type Problem = components["schemas"]["Problem"];
type Started = paths["/jobs/{name}/runs"]["post"]["responses"][201]["content"]["application/json"];
type InlineRun = NonNullable<paths["/runs"]["post"]["requestBody"]>["content"]["application/json"];
export const problem: Problem = { type: "about:blank", title: "t", status: 400, detail: "d", errors: [] };
export function runId(started: Started): string { return started.id; }
export const karya: InlineRun = { workflow_name: "W", steps: [{ id: "done", type: "succeed" }] };
`,
  );
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: "ES2022",
        module: "ES2022",
        moduleResolution: "Bundler",
        types: [],
      },
      files: ["cairn-api.d.ts", "use-types.ts"],
    }),
  );
  const { status, output } = await runTool("tsc", ["-p", join(dir, "tsconfig.json")]);
  report.check(
    status === 0,
    `openapi-typescript output (${Math.round(types.length / 1024)} KiB) compiles with tsc --strict, no skipLibCheck`,
    output.trim().split("\n").slice(0, 20).join("\n       "),
  );
}

/**
 * The committed client types (src/client/api-types.ts and its parts in src/client/api-types/,
 * used by the CLI and the dashboard) are what `npm run client:generate` makes of the served
 * document, file by file and with no stale part left, so neither can drift from the API
 * unnoticed.
 */
export async function checkClientTypesCurrent(report, document) {
  const expected = await renderClientTypes(document);
  const committedParts = existsSync(CLIENT_TYPES_DIR)
    ? readdirSync(CLIENT_TYPES_DIR).map((name) => join(CLIENT_TYPES_DIR, name))
    : [];
  const files = [...new Set([...expected.keys(), CLIENT_TYPES_FILE, ...committedParts])];
  const problems = files.flatMap((file) => {
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "(no such file)";
    const differs = firstDifferentLine(committed, expected.get(file) ?? "(not generated)");
    if (differs === null) return [];
    return [
      `${relative(ROOT, file)}, first difference at line ${differs.line}:\n       committed: ${differs.committed}\n       generated: ${differs.generated}`,
    ];
  });
  report.check(
    problems.length === 0,
    `src/client/api-types.ts and its ${expected.size - 1} parts are current with the served document (npm run client:generate)`,
    problems.join("\n       "),
  );
}

function firstDifferentLine(a, b) {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i])
      return { line: i + 1, committed: left[i] ?? "(end)", generated: right[i] ?? "(end)" };
  }
  return null;
}

/**
 * What redocly.yaml's `operation-4xx-response: off` would otherwise check: every operation
 * that takes a token, a parameter or a body documents a 4xx answer.
 */
export function checkClientErrorsDocumented(report, document) {
  const missing = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const isOpen = Array.isArray(operation.security) && operation.security.length === 0;
      const takesInput = operation.parameters?.length > 0 || operation.requestBody !== undefined;
      const has4xx = Object.keys(operation.responses).some((status) => /^4/.test(status));
      if ((!isOpen || takesInput) && !has4xx) missing.push(`${method} ${path}`);
    }
  }
  report.check(
    missing.length === 0,
    "every operation with a token, a parameter or a body documents a 4xx answer",
    missing.join(", "),
  );
}
