import type { Context } from "hono";
import { z } from "zod";
import { controlQueuedRun } from "../../clients/queued-runs";
import { refusalError } from "../../clients/refusal";
import type { ControlResult } from "../../clients/run";
import { RunViewSchema } from "../../clients/run-views";
import { RUN_STATUSES } from "../../core/statuses";
import { getDb } from "../../db/client";
import { deleteRunIndex, getRunIndex } from "../../db/queries/runs";
import { StepIdSchema } from "../../definition/fields";
import { EventNameSchema } from "../../definition/step-schema";
import type { AppEnv } from "../app-env";
import { MAX_BODY_BYTES, MAX_DELIVERY_BYTES } from "../body-sizes";
import { defineRoute } from "../define-route";
import { readDocument, validate } from "../validate";
import { JsonObjectSchema, RUN_NOT_FOUND, runStub } from "./run-stub";

/** `POST /runs/{id}/retry`'s optional body. */
const RetryBodySchema = z.strictObject({
  from: StepIdSchema.optional().describe(
    "A top-level step: it and what follows it run again (any finished run); default: the failed step",
  ),
  params: JsonObjectSchema.optional().describe(
    "Replaces the run's params for the steps that run again (checked against the job's params schema)",
  ),
});

type Control = "pause" | "resume" | "cancel" | "retry";

const CONTROL_SUMMARIES: Record<Control, string> = {
  pause: "Pause a run: steps in flight finish, nothing new starts",
  resume: "Resume a paused run",
  cancel:
    "Cancel a run: calls in flight are aborted and runs its run_job steps started are cancelled; a start still held by its job's concurrency queue leaves the queue",
  retry:
    "Re-run a failed or timed-out run from the step that failed; with `from`, any finished run from that top-level step (a DAG: it and everything downstream), with `params`, with new params; the history records what changed",
};

const CONTROL_RESPONSES = {
  200: { description: "The run after the change", schema: RunViewSchema },
  404: RUN_NOT_FOUND,
  409: { description: "The run is not in a state that allows this" },
};

/** A control's answer: the run after it, or, for a run its job's queue holds, the queue's. */
async function answerControl(
  c: Context<AppEnv>,
  id: string,
  control: Control,
  result: ControlResult,
): Promise<Response> {
  if (result.ok) return c.json(result.run);
  // No run object: the run may be a start its job's queue holds, which answers instead.
  const answer = result.code === "not_found" ? await controlQueuedRun(c.env, id, control) : null;
  const final = answer ?? result;
  if (final.ok) return c.json(final.run);
  throw refusalError(final, `Run ${id}`);
}

/** Delivering events to runs and steering them: pause, resume, cancel, retry, delete. */
export const controlRunRoutes = [
  defineRoute({
    method: "post",
    path: "/runs/{id}/events/{name}",
    summary:
      "Deliver an event: the wait_for_event step waiting for it takes it (its body becomes the step's output), or the run keeps it for a step that waits later",
    tag: "runs",
    access: { scope: "run", job: "run", limited: true },
    maxBodyBytes: MAX_DELIVERY_BYTES,
    // Read after the event name is checked, and an absent body is the event's `null`.
    ownBody: z.json().optional(),
    responses: {
      202: {
        description: "Delivered (taken_by: the step instance that took it, or null when kept)",
        schema: z.object({
          run_id: z.string(),
          event: z.string(),
          taken_by: z.string().nullable(),
          status: z.enum(RUN_STATUSES),
        }),
      },
      400: { description: "Bad event name or body" },
      404: RUN_NOT_FOUND,
      409: { description: "The run has finished" },
    },
    handler: async (c, { params: { id, name: rawName } }) => {
      const name = validate(EventNameSchema, rawName, "name");
      const body = validate(z.json(), (await readDocument(c)) ?? null, "body");
      const result = await runStub(c.env, id).deliverEvent(name, body);
      if (!result.ok) throw refusalError(result, `Run ${id}`);
      return c.json(
        { run_id: id, event: name, taken_by: result.taken_by, status: result.run.status },
        202,
      );
    },
  }),
  ...(["pause", "resume", "cancel"] as const).map((control) =>
    defineRoute({
      method: "post",
      path: `/runs/{id}/${control}`,
      summary: CONTROL_SUMMARIES[control],
      tag: "runs",
      access: { scope: "run", job: "run" },
      responses: CONTROL_RESPONSES,
      handler: async (c, { params: { id } }) =>
        answerControl(c, id, control, await runStub(c.env, id)[control]()),
    }),
  ),
  defineRoute({
    method: "post",
    path: "/runs/{id}/retry",
    summary: CONTROL_SUMMARIES.retry,
    tag: "runs",
    access: { scope: "run", job: "run" },
    maxBodyBytes: MAX_BODY_BYTES,
    body: RetryBodySchema.optional(),
    bodyDefault: {},
    responses: {
      ...CONTROL_RESPONSES,
      400: { description: "A bad from, or params the job's schema refuses, named" },
    },
    handler: async (c, { params: { id }, body }) =>
      answerControl(c, id, "retry", await runStub(c.env, id).retry(body)),
  }),
  defineRoute({
    method: "delete",
    path: "/runs/{id}",
    summary: "Delete a finished run and its state",
    tag: "runs",
    access: { scope: "write" },
    responses: {
      204: { description: "Deleted" },
      404: RUN_NOT_FOUND,
      409: { description: "The run has not finished" },
    },
    handler: async (c, { params: { id } }) => {
      const db = getDb(c.env.DB);
      const result = await runStub(c.env, id).destroy();
      // A run object already gone leaves only its index row (expired, or a queued start).
      if (!result.ok && (result.code === "conflict" || !(await getRunIndex(db, id))))
        throw refusalError(result, `Run ${id}`);
      await deleteRunIndex(db, id);
      return c.body(null, 204);
    },
  }),
];
