/**
 * Ceiling for definitions (jobs, actions, inline runs), starts (their params) and webhook
 * deliveries: 1 MiB. A saved job's start takes what an inline run with the same params
 * takes; senders' webhook payloads can be large.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Ceiling for delivering an event or callback: 256 KiB. */
export const MAX_DELIVERY_BYTES = 256 * 1024;
/**
 * Ceiling for every other body (keys, webhooks, subscriptions, controls, operations): 64 KiB,
 * the default of a route that declares none, and of a path no route declares.
 */
export const MAX_SMALL_BODY_BYTES = 64 * 1024;
