/**
 * The global cap on running runs needs MAX_RUNNING_RUNS set, which would change every other
 * suite, so its tests (`*.cap-test.ts`, outside the main config's `*.test.ts`) run under
 * this config: `npx vitest run -c test/gates/vitest.run-cap.config.ts`.
 */
import { workersTestConfig } from "../support/workers-config.ts";

export default workersTestConfig({
  include: ["test/gates/**/*.cap-test.ts"],
  bindings: { MAX_RUNNING_RUNS: "2" },
});
