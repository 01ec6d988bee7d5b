import "./builtins";

export {
  getHandler,
  type Handler,
  type HandlerContext,
  handlerNames,
  NonRetryableError,
  registerHandler,
} from "./registry";
