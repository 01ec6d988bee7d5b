/**
 * Vitest global setup: starts the loopback target server (test/support/target-server.ts)
 * once for the whole test run and hands its base URL to the tests with
 * `project.provide("targetUrl", url)`; tests read it with `inject("targetUrl")`, which the
 * Workers pool forwards into workerd (proved by test/actions/target.test.ts). Tests should
 * use the helpers in test/support/target.ts rather than the URL directly.
 */
import type { TestProject } from "vitest/node";
import { startTargetServer } from "./target-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback target server, e.g. `http://127.0.0.1:41234` (no trailing slash). */
    targetUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTargetServer();
  project.provide("targetUrl", server.url);
  return () => server.close();
}
