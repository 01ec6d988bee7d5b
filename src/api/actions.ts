import { z } from "zod";
import { handlerNames } from "../actions/handlers";
import { ConflictError, invalid, NotFoundError, ValidationError } from "../core/errors";
import { getDb } from "../db/client";
import {
  type ActionInput,
  type ActionRecord,
  createAction,
  deleteUnusedAction,
  getAction,
  listActions,
  replaceAction,
} from "../db/queries/actions";
import { jobsUsingAction } from "../db/queries/jobs";
import { ActionSourceSchema, parseAction } from "../definition";
import type { NamedAction } from "../definition/ir";
import type { Env } from "../env";
import { MAX_BODY_BYTES } from "./body-sizes";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";
import { PageQuerySchema, pageSchema } from "./pagination";
import { readDocument, withPathName } from "./validate";

/**
 * Validates an action source and checks what it points at exists in this deployment (a
 * service binding for `worker`, a registered function for `handler`), so a typo fails
 * at save time rather than in the middle of a run.
 */
function readAction(env: Env, source: unknown): ActionInput {
  const parsed = parseAction(source);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  checkTarget(env, parsed.action);
  const { name: _name, ...spec } = source as Record<string, unknown>;
  return { name: parsed.action.name, type: parsed.action.type, spec };
}

function checkTarget(env: Env, action: NamedAction): void {
  if (action.type === "worker" && !isServiceBinding(env[action.binding])) {
    throw invalid("binding", `no service binding named ${action.binding} is configured`);
  }
  if (action.type === "handler" && !handlerNames().has(action.handler)) {
    throw invalid("handler", `no handler named ${action.handler} is registered`);
  }
}

function isServiceBinding(binding: unknown): boolean {
  return (
    typeof binding === "object" &&
    binding !== null &&
    typeof (binding as { fetch?: unknown }).fetch === "function"
  );
}

function toActionResponse(action: ActionRecord) {
  return {
    name: action.name,
    ...action.spec,
    created_at: toIso(action.created_at),
    updated_at: toIso(action.updated_at),
  };
}

/**
 * An action as written plus its times. Each kind of action is a strict object, so the times
 * join each kind's own fields (an intersection with a strict object would allow nothing).
 */
const TIMES = { created_at: IsoTimeSchema, updated_at: IsoTimeSchema };
const [HttpKind, WorkerKind, HandlerKind] = ActionSourceSchema.in.options;
const ActionResponseSchema = z.discriminatedUnion("type", [
  HttpKind.extend(TIMES),
  WorkerKind.extend(TIMES),
  HandlerKind.extend(TIMES),
]);
/** The action catalog: reusable HTTP calls, service-binding calls and named handlers. */
export const actionRoutes = [
  defineRoute({
    method: "post",
    path: "/actions",
    summary: "Create an action (409 if the name exists)",
    tag: "actions",
    access: { scope: "write" },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: ActionSourceSchema,
    responses: {
      201: { description: "Created", schema: ActionResponseSchema },
      400: { description: "Invalid action: every bad field is named" },
      409: { description: "An action with this name exists" },
      413: { description: "Body too large" },
      415: { description: "Not JSON or YAML" },
    },
    handler: async (c) => {
      const input = readAction(c.env, await readDocument(c));
      const action = await createAction(getDb(c.env.DB), input, Date.now());
      return c.json(toActionResponse(action), 201, {
        Location: `/actions/${encodeURIComponent(action.name)}`,
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/actions",
    summary: "List actions by name",
    tag: "actions",
    access: { scope: "read" },
    query: PageQuerySchema,
    responses: {
      200: { description: "One page of actions", schema: pageSchema(ActionResponseSchema) },
    },
    handler: async (c, { query: { cursor, limit } }) => {
      const page = await listActions(getDb(c.env.DB), cursor, limit);
      return c.json({ items: page.items.map(toActionResponse), next_cursor: page.next_cursor });
    },
  }),
  defineRoute({
    method: "get",
    path: "/actions/{name}",
    summary: "Get an action as written",
    tag: "actions",
    access: { scope: "read" },
    responses: {
      200: { description: "The action", schema: ActionResponseSchema },
      404: { description: "No such action" },
    },
    handler: async (c, { params: { name } }) => {
      const action = await getAction(getDb(c.env.DB), name);
      if (!action) throw new NotFoundError(`Action ${name}`);
      return c.json(toActionResponse(action));
    },
  }),
  defineRoute({
    method: "put",
    path: "/actions/{name}",
    summary: "Create or replace an action (body name absent or equal to the path)",
    tag: "actions",
    access: { scope: "write" },
    maxBodyBytes: MAX_BODY_BYTES,
    ownBody: ActionSourceSchema,
    responses: {
      200: { description: "Replaced", schema: ActionResponseSchema },
      201: { description: "Created", schema: ActionResponseSchema },
      400: { description: "Invalid action" },
    },
    handler: async (c, { params: { name } }) => {
      const input = readAction(c.env, withPathName(await readDocument(c), name));
      const { action, created } = await replaceAction(getDb(c.env.DB), input, Date.now());
      return c.json(toActionResponse(action), created ? 201 : 200);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/actions/{name}",
    summary: "Delete an action unused by any job's current version",
    tag: "actions",
    access: { scope: "write" },
    responses: {
      204: { description: "Deleted" },
      404: { description: "No such action" },
      409: { description: "Jobs use it; the problem names them" },
    },
    handler: async (c, { params: { name } }) => {
      const db = getDb(c.env.DB);
      if (await deleteUnusedAction(db, name)) return c.body(null, 204);
      const users = await jobsUsingAction(db, name);
      if (users.length === 0) throw new NotFoundError(`Action ${name}`);
      throw new ConflictError(
        `Action ${name} is used by the current version of: ${users.join(", ")}`,
        users.map((job) => ({ path: "name", message: `used by job ${job}` })),
      );
    },
  }),
];
