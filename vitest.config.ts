import { workersTestConfig } from "./test/support/workers-config.ts";

export default workersTestConfig({
  include: ["test/**/*.test.ts"],
  bindings: { TEMPLATE_SECRETS: "API_KEY", API_KEY: "s3cr3t-value-for-tests" },
});
