import { workersTestConfig } from "./test/support/workers-config.ts";

export default workersTestConfig({
  include: ["test/**/*.test.ts"],
  // The offline harness runs in Node (node:sqlite), not in workerd: test/harness/vitest.config.ts.
  exclude: ["test/harness/**"],
  bindings: { TEMPLATE_SECRETS: "API_KEY", API_KEY: "s3cr3t-value-for-tests" },
});
