/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { operations } from "./operations";

export interface Paths2 {
  "/runs/{id}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a paused run */
    post: operations["postRunsIdResume"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a run: calls in flight are aborted and runs its run_job steps started are cancelled; a start still held by its job's concurrency queue leaves the queue */
    post: operations["postRunsIdCancel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-run a failed or timed-out run from the step that failed; with `from`, any finished run from that top-level step (a DAG: it and everything downstream), with `params`, with new params; the history records what changed */
    post: operations["postRunsIdRetry"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/callbacks/{token}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver the event of the wait_for_event step the token belongs to (no API token: the URL, from `callbacks.<step_id>` in templates, is the credential; it works once) */
    post: operations["postCallbacksToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/operations": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel, retry or delete every run a filter matches, in the background; runs that cannot take the action are counted in failed with a reason */
    post: operations["postOperations"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/operations/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A bulk operation's progress: matched, done, failed and the first 100 failures */
    get: operations["getOperationsId"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schedules": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every schedule entry of every job, with its next five fire times and a description (paged by job) */
    get: operations["getSchedules"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/pause": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause a job's schedule: no run starts on schedule until resumed */
    post: operations["postJobsNamePause"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a job's schedule; fires missed while paused follow each entry's catchup */
    post: operations["postJobsNameResume"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/webhook": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create the job's webhook secret, or rotate it (the old one works 24 more hours); the body is optional */
    post: operations["postJobsNameWebhook"];
    /** Remove the job's webhook; deliveries to it then get 404 */
    delete: operations["deleteJobsNameWebhook"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/hooks/{job}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a run from a signed delivery (Standard Webhooks, or GitHub's X-Hub-Signature-256 when enabled); a repeated delivery id returns the first run */
    post: operations["postHooksJob"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List subscriptions (without secrets) */
    get: operations["getSubscriptions"];
    put?: never;
    /** Subscribe a URL to run lifecycle events, delivered signed (Standard Webhooks) */
    post: operations["postSubscriptions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a subscription (without its secret) */
    get: operations["getSubscriptionsId"];
    put?: never;
    post?: never;
    /** Delete a subscription; pending deliveries are dropped */
    delete: operations["deleteSubscriptionsId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions/{id}/deliveries": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent deliveries, newest first, with every attempt's outcome */
    get: operations["getSubscriptionsIdDeliveries"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every API key, without its secret, with when it was last used */
    get: operations["getKeys"];
    put?: never;
    /** Create an API key; its secret is answered once, and only its hash is stored */
    post: operations["postKeys"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/keys/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a key: the next request that presents it gets 401 */
    delete: operations["deleteKeysId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ui/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the dashboard's session may do */
    get: operations["getUiSession"];
    put?: never;
    /** Sign the dashboard in: sets an HttpOnly, SameSite=Strict session cookie (12 hours) that the API accepts like the bearer token */
    post: operations["postUiSession"];
    /** Sign the dashboard out (clears the cookie) */
    delete: operations["deleteUiSession"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Opens the dashboard (redirects to /ui/) */
    get: operations["get"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ui/*": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The dashboard: its bundled files, and its one HTML page for every other path (client-side routes such as /ui/runs/{id}) */
    get: operations["getUi"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
