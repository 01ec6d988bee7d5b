export { MAX_REDIRECTS, MAX_RESPONSE_BYTES, parseRetryAfter } from "./exchange";
export { executeAction } from "./execute";
export {
  getHandler,
  type Handler,
  type HandlerContext,
  handlerNames,
  NonRetryableError,
  registerHandler,
} from "./handlers/index";
export { checkOutboundUrl } from "./net-guard";
export type { ActionCall, ActionOutcome, CallRecord } from "./types";
