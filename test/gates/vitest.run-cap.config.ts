/**
 * The global cap on running runs needs MAX_RUNNING_RUNS set, which would change every other
 * suite, so its tests (`*.cap-test.ts`, outside the main config's `*.test.ts`) run under
 * this config: `npx vitest run -c test/gates/vitest.run-cap.config.ts`.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          API_TOKEN: "test-token",
          ALLOW_PRIVATE_NETWORK: "true",
          MAX_RUNNING_RUNS: "2",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
      },
    })),
  ],
  test: {
    include: ["test/gates/**/*.cap-test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    setupFiles: ["./test/support/apply-migrations.ts"],
    testTimeout: 20_000,
  },
});
