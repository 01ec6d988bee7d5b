/**
 * The vitest configuration both suites share: tests inside workerd with the project's
 * wrangler.toml, D1 migrations applied before each file, and the loopback target server.
 * Each suite adds its own bindings and test files.
 */
import { execFileSync } from "node:child_process";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";

export function workersTestConfig(options: {
  include: string[];
  exclude?: string[];
  bindings?: Record<string, string>;
}) {
  // wrangler.toml serves the dashboard from dist/assets, which must exist before it loads.
  execFileSync(process.execPath, ["scripts/build-ui.mjs"], { stdio: "ignore" });
  return defineConfig({
    plugins: [
      cloudflareTest(async () => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            API_TOKEN: "test-token",
            ALLOW_PRIVATE_NETWORK: "true",
            ...options.bindings,
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          },
        },
      })),
    ],
    test: {
      include: options.include,
      exclude: [...configDefaults.exclude, ...(options.exclude ?? [])],
      globalSetup: ["./test/support/global-setup.ts"],
      setupFiles: ["./test/support/apply-migrations.ts"],
      testTimeout: 20_000,
      // Run objects log a JSON line per event (test/engine/logs.test.ts checks them); kept
      // out of the test output, where thousands of them would bury the results.
      onConsoleLog: (log) => !log.startsWith('{"event"'),
      deps: { optimizer: { ssr: { enabled: true, include: ["cron-parser", "luxon"] } } },
    },
  });
}
