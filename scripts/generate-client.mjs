// Regenerates src/client/api-types.ts from the API's own OpenAPI document, as served by
// `GET /openapi.json`: a throwaway `wrangler dev` on a free port is started, asked, and
// killed. Run with `npm run client:generate` after changing a route or its schemas.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWorker, startWrangler } from "../test/e2e/wrangler.mjs";
import { CLIENT_TYPES_FILE, renderClientTypes } from "./client-types.mjs";

const tempDir = mkdtempSync(join(tmpdir(), "cairn-openapi-"));
const log = [];
let wrangler = null;
try {
  const script = buildWorker(join(tempDir, "dist"));
  wrangler = await startWrangler({
    script,
    persistDir: join(tempDir, "state"),
    token: randomBytes(16).toString("hex"),
    log,
  });
  const res = await fetch(`${wrangler.url}/openapi.json`);
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
  writeFileSync(CLIENT_TYPES_FILE, await renderClientTypes(await res.json()));
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
} catch (error) {
  console.error(log.slice(-30).join("\n"));
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await wrangler?.kill();
  rmSync(tempDir, { recursive: true, force: true });
}
