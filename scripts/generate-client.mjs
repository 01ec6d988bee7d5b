// Regenerates src/client/api-types.ts and its parts (src/client/api-types/) from the API's own OpenAPI document, as served by
// `GET /openapi.json`: a throwaway `wrangler dev` on a free port is started, asked, and
// killed. Run with `npm run client:generate` after changing a route or its schemas.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWorker, startWrangler } from "../test/e2e/wrangler.mjs";
import { CLIENT_TYPES_DIR, renderClientTypes } from "./client-types.mjs";

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
  const files = await renderClientTypes(await res.json());
  // The folder holds generated parts only: a part the document no longer makes goes.
  rmSync(CLIENT_TYPES_DIR, { recursive: true, force: true });
  mkdirSync(CLIENT_TYPES_DIR);
  for (const [file, text] of files) writeFileSync(file, text);
  console.log(
    `wrote ${files.size} files: ${readdirSync(CLIENT_TYPES_DIR).join(", ")} and the index`,
  );
} catch (error) {
  console.error(log.slice(-30).join("\n"));
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await wrangler?.kill();
  rmSync(tempDir, { recursive: true, force: true });
}
