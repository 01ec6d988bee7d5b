export { executeAction } from "./execute";
export type { ActionCall, ActionOutcome, CallRecord } from "./types";
export { MAX_REDIRECTS, MAX_RESPONSE_BYTES, parseRetryAfter } from "./exchange";
export { checkOutboundUrl } from "./net-guard";
export {
  getHandler,
  type Handler,
  type HandlerContext,
  handlerNames,
  NonRetryableError,
  registerHandler,
} from "./handlers/index";
