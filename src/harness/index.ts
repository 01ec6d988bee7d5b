/** The engine outside Cloudflare (Node only: it needs node:sqlite). See ARCHITECTURE.md. */
export { type Mock, mockName, parseMock } from "./mocks";
export {
  MAX_ALARMS,
  type OfflineEvent,
  type OfflineOptions,
  type OfflineResult,
  type OfflineRunResult,
  runOffline,
} from "./run-offline";
