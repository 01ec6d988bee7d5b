import { z } from "zod";
import { OPERATION_ACTIONS, OperationViewSchema, operationClient } from "../clients/operation";
import { refusalError } from "../clients/refusal";
import { NotFoundError } from "../core/errors";
import { StepIdSchema } from "../definition/fields";
import { defineRoute } from "./define-route";
import { RunFilterSchema, toRunFilter } from "./run-filter";

const JsonObjectSchema = z.record(z.string(), z.json());

const OperationRequestSchema = z
  .strictObject({
    action: z.enum(OPERATION_ACTIONS),
    filter: RunFilterSchema,
    from: StepIdSchema.optional().describe("retry only: the top-level step each run re-runs from"),
    set_params: JsonObjectSchema.optional().describe(
      "retry only: keys set over each run's params (each result checked against its job's schema)",
    ),
  })
  .superRefine((request, ctx) => {
    if (request.action === "retry") return;
    for (const field of ["from", "set_params"] as const) {
      if (request[field] !== undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "is for action retry only" });
    }
  });

/** Operation ids are 32 hex digits, like run ids. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}

/** Bulk cancel, retry or delete of the runs a filter matches; each operation is its own object. */
export const operationRoutes = [
  defineRoute({
    method: "post",
    path: "/operations",
    summary:
      "Cancel, retry or delete every run a filter matches, in the background; runs that cannot take the action are counted in failed with a reason",
    tag: "operations",
    access: { scope: "write" },
    body: OperationRequestSchema,
    bodyDefault: {},
    responses: {
      202: { description: "The operation, started", schema: OperationViewSchema },
      400: { description: "A bad action or filter (an empty filter included), named" },
    },
    handler: async (c, { body: request }) => {
      const id = randomId();
      const view = await operationClient(c.env, id).start({
        id,
        action: request.action,
        filter: toRunFilter(request.filter),
        ...(request.action === "retry"
          ? { retry: { from: request.from, set_params: request.set_params } }
          : {}),
      });
      return c.json(view, 202, { Location: `/operations/${id}` });
    },
  }),
  defineRoute({
    method: "get",
    path: "/operations/{id}",
    summary: "A bulk operation's progress: matched, done, failed and the first 100 failures",
    tag: "operations",
    access: { scope: "read" },
    responses: {
      200: { description: "The operation", schema: OperationViewSchema },
      404: { description: "No such operation" },
    },
    handler: async (c, { params: { id } }) => {
      if (!/^[0-9a-f]{32}$/.test(id)) throw new NotFoundError(`Operation ${id}`);
      const result = await operationClient(c.env, id).describe();
      if (!result.ok) throw refusalError(result, `Operation ${id}`);
      return c.json(result.operation);
    },
  }),
];
