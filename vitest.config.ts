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
          TEMPLATE_SECRETS: "API_KEY",
          API_KEY: "s3cr3t-value-for-tests",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    setupFiles: ["./test/support/apply-migrations.ts"],
    testTimeout: 20_000,
    deps: { optimizer: { ssr: { enabled: true, include: ["cron-parser", "luxon"] } } },
  },
});
