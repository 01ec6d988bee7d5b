/**
 * The offline harness's tests run in Node, not in workerd: the engine on node:sqlite with a
 * virtual clock (src/harness). `npm run test:harness`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/harness/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
