/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { operations } from "./operations";

export interface Paths1 {
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness check */
    get: operations["getHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/openapi.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API as an OpenAPI 3.1 document */
    get: operations["getOpenapiJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/docs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API as a browsable HTML page */
    get: operations["getDocs"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schemas/job.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** JSON Schema (draft 2020-12) of a job definition, for editors and CI */
    get: operations["getSchemasJobJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schemas/action.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** JSON Schema (draft 2020-12) of an action definition, for editors and CI */
    get: operations["getSchemasActionJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/actions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List actions by name */
    get: operations["getActions"];
    put?: never;
    /** Create an action (409 if the name exists) */
    post: operations["postActions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/actions/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an action as written */
    get: operations["getActionsName"];
    /** Create or replace an action (body name absent or equal to the path) */
    put: operations["putActionsName"];
    post?: never;
    /** Delete an action unused by any job's current version */
    delete: operations["deleteActionsName"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List jobs by name */
    get: operations["getJobs"];
    put?: never;
    /** Create a job from JSON or YAML (409 if the name exists) */
    post: operations["postJobs"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/validate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Dry-run: compile a job without saving it */
    post: operations["postJobsValidate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a job: its source as written and its compiled graph (?version=N for an older one) */
    get: operations["getJobsName"];
    /** Save a new version of a job (created if absent); runs keep the version they started with */
    put: operations["putJobsName"];
    post?: never;
    /** Delete a job and its versions (runs keep their snapshot) */
    delete: operations["deleteJobsName"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/versions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every saved version of a job, newest first */
    get: operations["getJobsNameVersions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a run of the job's current version (idempotent by idempotency_key) */
    post: operations["postJobsNameRuns"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run index, newest first, filtered by job, status (a comma-separated list), tags (tag=key:value, repeatable) and creation time; unknown parameters are refused */
    get: operations["getRuns"];
    put?: never;
    /** Start a run of an inline job definition (Karya's request body is accepted as written) */
    post: operations["postRuns"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run's status, params, output and error */
    get: operations["getRunsId"];
    put?: never;
    post?: never;
    /** Delete a finished run and its state */
    delete: operations["deleteRunsId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/definition": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The definition the run executes: its job version's source as saved, or the inline definition it was started with */
    get: operations["getRunsIdDefinition"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/steps": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every step of the run with its status, attempts, input, output and error */
    get: operations["getRunsIdSteps"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/history": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run's append-only event history (page with ?after=<seq>) */
    get: operations["getRunsIdHistory"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/stream": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run's history as Server-Sent Events, then each new event until the run ends (resumes after ?after= or Last-Event-ID) */
    get: operations["getRunsIdStream"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/events/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver an event: the wait_for_event step waiting for it takes it (its body becomes the step's output), or the run keeps it for a step that waits later */
    post: operations["postRunsIdEventsName"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/pause": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause a run: steps in flight finish, nothing new starts */
    post: operations["postRunsIdPause"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
