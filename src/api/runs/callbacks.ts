import { z } from "zod";
import { refusalError } from "../../clients/refusal";
import { runClient } from "../../clients/run";
import { NotFoundError } from "../../core/errors";
import { RUN_STATUSES } from "../../core/statuses";
import { MAX_DELIVERY_BYTES } from "../body-sizes";
import { defineRoute } from "../define-route";
import { readDocument, validate } from "../validate";

/** `POST /callbacks/{token}`: the URL is the credential, so the route is open (and rate-limited). */
export const callbackRoutes = [
  defineRoute({
    method: "post",
    path: "/callbacks/{token}",
    summary:
      "Deliver the event of the wait_for_event step the token belongs to (no API token: the URL, from `callbacks.<step_id>` in templates, is the credential; it works once)",
    tag: "runs",
    access: { scope: null, limited: true },
    maxBodyBytes: MAX_DELIVERY_BYTES,
    // Read once the token has the shape of one, and an absent body is the event's `null`.
    ownBody: z.json().optional(),
    responses: {
      202: {
        description: "Delivered",
        schema: z.object({ run_id: z.string(), status: z.enum(RUN_STATUSES) }),
      },
      404: { description: "No such callback" },
      410: { description: "The callback was already used, or its run has finished" },
    },
    handler: async (c, { params: { token } }) => {
      // `<run id>.<secret>`: the run id says which object to ask.
      const runId = /^([0-9a-f]{32})\.[0-9a-f]{32}$/.exec(token)?.[1];
      if (!runId) throw new NotFoundError("Callback");
      const body = validate(z.json(), (await readDocument(c)) ?? null, "body");
      const result = await runClient(c.env, runId).deliverCallback(token, body);
      if (!result.ok) throw refusalError(result, "Callback");
      return c.json({ run_id: runId, status: result.run.status }, 202);
    },
  }),
];
