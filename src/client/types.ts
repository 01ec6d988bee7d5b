/** Names for the API's shapes, taken from the generated types so they follow the document. */
import type { paths } from "./api-types";

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type Run = Json<"/runs/{id}", "get">;
export type RunStatus = Run["status"];
export type RunSummary = Json<"/runs", "get">["items"][number];
export type StartedRun = Json<"/jobs/{name}/runs", "post">;
export type StepView = Json<"/runs/{id}/steps", "get">["steps"][number];
export type HistoryEvent = Json<"/runs/{id}/history", "get">["events"][number];
export type Action = Json<"/actions/{name}", "get">;
export type JobDetail = Json<"/jobs/{name}", "get">;
export type JobSummary = Json<"/jobs", "get">["items"][number];

type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer T } };
}
  ? T
  : never;

/** An action as written: the body of `PUT /actions/{name}`. */
export type ActionSource = JsonBody<"/actions/{name}", "put">;
/** A job as written: the body of `PUT /jobs/{name}`. */
export type JobSource = JsonBody<"/jobs/{name}", "put">;
