import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import { readInlineRun, toJobName } from "../../src/definition/inline-run";
import { catalog, karyaJobRequest } from "./fixtures";

describe("readInlineRun", () => {
  it("accepts Karya's request as written and the job compiles", () => {
    const inline = readInlineRun(karyaJobRequest);
    if (!inline.ok) throw new Error(JSON.stringify(inline.errors));
    expect(inline.params).toEqual({ ticket_id: "ABC-123" });
    expect(inline.prefix).toBe("");
    expect(inline.idempotency_key).toBeUndefined();
    expect(inline.source).toEqual({
      name: "jiraescalation",
      description: 'Karya workflow "JiraEscalation"',
      steps: karyaJobRequest.steps,
    });
    const compiled = compileJob(inline.source, catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(compiled.job.name).toBe("jiraescalation");
    expect(compiled.job.steps.wait_step?.next).toBe("done");
  });

  it("accepts Karya's form with params, a description and an idempotency key", () => {
    const inline = readInlineRun({
      workflow_name: "Nightly Report",
      description: "mine",
      params: { a: 1 },
      idempotency_key: "k-1",
      steps: [],
    });
    expect(inline).toEqual({
      ok: true,
      source: { name: "nightly-report", description: "mine", steps: [] },
      params: { a: 1 },
      idempotency_key: "k-1",
      prefix: "",
    });
  });

  it("accepts Cairn's form, with parameters as the alias of params", () => {
    const job = { name: "j", steps: [{ id: "a", type: "pass" }] };
    expect(readInlineRun({ job, params: { x: 1 }, idempotency_key: "abc" })).toEqual({
      ok: true,
      source: job,
      params: { x: 1 },
      idempotency_key: "abc",
      prefix: "job",
    });
    expect(readInlineRun({ job, parameters: { y: 2 } })).toMatchObject({
      ok: true,
      params: { y: 2 },
    });
    expect(readInlineRun({ job })).toMatchObject({ ok: true, params: {} });
  });

  it("reports envelope problems with their paths", () => {
    expect(readInlineRun({ job: { name: "j" }, params: {}, parameters: {} })).toEqual({
      ok: false,
      errors: [{ path: "parameters", message: "give params or parameters (its alias), not both" }],
    });
    expect(readInlineRun({ params: [1], extra: true, idempotency_key: "" })).toEqual({
      ok: false,
      errors: [
        { path: "params", message: "must be an object" },
        { path: "idempotency_key", message: "must be a string of 1 to 256 characters" },
        { path: "extra", message: 'unknown field "extra"' },
        { path: "job", message: "is required (or Karya's workflow_name and steps)" },
      ],
    });
    expect(readInlineRun({ workflow_name: 7, steps: [] })).toEqual({
      ok: false,
      errors: [{ path: "workflow_name", message: "must be a string" }],
    });
    expect(readInlineRun({ workflow_name: "-x", steps: [] })).toMatchObject({
      ok: false,
      errors: [{ path: "workflow_name" }],
    });
    expect(readInlineRun("text")).toEqual({
      ok: false,
      errors: [{ path: "", message: "must be a JSON object" }],
    });
  });

  it("derives job names from workflow names", () => {
    expect(toJobName("JiraEscalation")).toBe("jiraescalation");
    expect(toJobName("Nightly Report!")).toBe("nightly-report-");
    expect(toJobName("a_b-c.d")).toBe("a_b-c-d");
  });
});
