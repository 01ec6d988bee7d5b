import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app";
import { bodyLimitFor, MAX_DELIVERY_BYTES, MAX_SMALL_BODY_BYTES } from "../../src/api/body-limit";
import { ROUTE_SCOPES } from "../../src/api/route-scopes";
import { API_GROUPS, API_ROUTES } from "../../src/api/routes";
import { refusalError, refusalOf } from "../../src/clients/refusal";
import type { Refusal } from "../../src/clients/run";
import { call, readProblem } from "./api-client";

describe("the route table is the declared routes", () => {
  it("has one rule per declared route, each its declaration's method, path and access", () => {
    expect(ROUTE_SCOPES).toHaveLength(API_ROUTES.length);
    API_ROUTES.forEach((route, index) => {
      expect(ROUTE_SCOPES[index]).toMatchObject({ ...route.doc.access, path: route.doc.path });
    });
    const keys = ROUTE_SCOPES.map((rule) => `${rule.method} ${rule.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("mounts /runs and /callbacks as sub-apps of their own", () => {
    const prefixes = API_GROUPS.map((group) => group.prefix);
    expect(prefixes).toContain("/runs");
    expect(prefixes).toContain("/callbacks");
    for (const group of API_GROUPS)
      for (const route of group.routes) expect(route.doc.path.startsWith(group.prefix)).toBe(true);
    expect(app.routes.some((route) => route.path === "/callbacks/:token")).toBe(true);
  });

  it("reads each route's body ceiling from its declaration, 64 KiB for the rest", () => {
    const events = "/runs/0123456789abcdef0123456789abcdef/events/go";
    expect(bodyLimitFor("POST", events)).toBe(MAX_DELIVERY_BYTES);
    expect(bodyLimitFor("POST", "/keys")).toBe(MAX_SMALL_BODY_BYTES);
    expect(bodyLimitFor("POST", "/not-a-route")).toBe(MAX_SMALL_BODY_BYTES);
  });
});

describe("an object's refusal is mapped to a typed error in one place", () => {
  it("answers each code with its status and problem", () => {
    const issues = [{ path: "from", message: "is not a top-level step" }];
    const invalid = refusalError(
      { ok: false, code: "invalid", message: "x", errors: issues },
      "Run a",
    );
    expect(invalid).toMatchObject({ status: 400, title: "Invalid request", errors: issues });
    expect(refusalError({ ok: false, code: "not_found", message: "x" }, "Run a")).toMatchObject({
      status: 404,
      message: "Run a does not exist",
    });
    expect(
      refusalError({ ok: false, code: "conflict", message: "run is running" }, "Run a"),
    ).toMatchObject({
      status: 409,
      title: "Conflict",
      message: "run is running",
      errors: [],
    });
    const keyIssue = [{ path: "idempotency_key", message: "was used with other params" }];
    expect(
      refusalError({ ok: false, code: "conflict", message: "used", errors: keyIssue }, "Job j"),
    ).toMatchObject({ status: 409, errors: keyIssue });
    expect(refusalError({ ok: false, code: "gone", message: "used" }, "Callback")).toMatchObject({
      status: 410,
      title: "Gone",
      message: "used",
    });
  });

  it("turns an error an object met back into the refusal of the same code (refusalOf)", () => {
    const issues = [{ path: "params.n", message: "must be a number" }];
    const refusals: Refusal[] = [
      { ok: false, code: "invalid", message: "Invalid request", errors: issues },
      { ok: false, code: "not_found", message: "Job j does not exist", errors: [] },
      { ok: false, code: "conflict", message: "run is running", errors: issues },
      { ok: false, code: "gone", message: "used", errors: [] },
    ];
    for (const refusal of refusals) {
      const back = refusalOf(refusalError(refusal, "Job j"));
      expect(back).toMatchObject({ ok: false, code: refusal.code, errors: refusal.errors });
    }
  });

  it("answers a callback token of no step 404 from the run object's not_found", async () => {
    const token = `${"0".repeat(32)}.${"1".repeat(32)}`;
    const res = await call(`/callbacks/${token}`, { body: {}, token: null });
    expect(res.status).toBe(404);
    expect((await readProblem(res)).detail).toBe("Callback does not exist");
  });
});
