export { signGithubPayload, verifyGithubSignature } from "./github";
export { decodeWebhookSecret, generateWebhookSecret, SECRET_PREFIX } from "./secret";
export {
  type StandardWebhookHeaders,
  signStandardWebhook,
  TIMESTAMP_TOLERANCE_MS,
  type VerifyResult,
  verifyStandardWebhook,
} from "./standard-webhooks";
