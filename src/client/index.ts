/** The Cairn API client: typed routes (generated from GET /openapi.json) and a live run follower. */
export type { components, JsonValue, paths } from "./api-types";
export {
  ApiError,
  type CairnClient,
  type ClientOptions,
  ConnectionError,
  createCairnClient,
  expectDone,
  expectOk,
  type Problem,
} from "./client";
export { followRun, type StreamItem } from "./run-stream";
export type * from "./types";
