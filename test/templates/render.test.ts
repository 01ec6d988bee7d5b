import { describe, expect, it } from "vitest";
import {
  evaluateCondition,
  holdsTemplate,
  renderString,
  renderValue,
  TemplateError,
} from "../../src/templates/render";
import { makeScope } from "./scope-fixture";

const scope = makeScope();

describe("renderValue", () => {
  it("keeps the JSON type of a single expression", async () => {
    expect(await renderValue("{{ output.check_jira.count }}", scope)).toBe(5);
    expect(await renderValue("{{params.force}}", scope)).toBe(true);
    expect(await renderValue("{{ output.check_jira }}", scope)).toEqual(scope.output.check_jira);
    expect(await renderValue("{{ output.check_jira.tags }}", scope)).toEqual(["a", "b"]);
    expect(await renderValue("{{- params.count -}}", scope)).toBe(4);
  });

  it("turns a missing value into null", async () => {
    expect(await renderValue("{{ output.nothing.here }}", scope)).toBeNull();
  });

  it("renders any other template to a string", async () => {
    expect(await renderValue("count: {{ output.check_jira.count }}", scope)).toBe("count: 5");
    expect(await renderValue("{{ params.count }}{{ params.count }}", scope)).toBe("44");
    expect(await renderValue(" {{ params.count }}", scope)).toBe(" 4");
    expect(await renderValue("{% if params.force %}yes{% endif %}", scope)).toBe("yes");
  });

  it("returns non-templates, non-strings and undefined as they are", async () => {
    expect(await renderValue("plain } text {", scope)).toBe("plain } text {");
    expect(await renderValue(42, scope)).toBe(42);
    expect(await renderValue(null, scope)).toBeNull();
    expect(await renderValue(undefined, scope)).toBeUndefined();
  });

  it("renders deep inside objects and arrays but leaves keys alone", async () => {
    const value = {
      "{{ key }}": ["{{ params.ticket_id }}", { n: "{{ params.count | plus: 1 }}" }],
      k: false,
    };
    expect(await renderValue(value, scope)).toEqual({ "{{ key }}": ["ABC-1", { n: 5 }], k: false });
  });

  it("applies filters, including default: 0 on a missing value", async () => {
    expect(await renderValue("{{ output.x.count | default: 0 }}", scope)).toBe(0);
    expect(await renderValue("{{ params.ticket_id | downcase }}", scope)).toBe("abc-1");
    expect(await renderValue("{{ output.check_jira | json }}", scope)).toBe(
      JSON.stringify(scope.output.check_jira),
    );
  });

  it("reads Karya's step_retries[current_step] with a default", async () => {
    const template = "{{ meta.step_retries[meta.current_step] | default: 0 }}";
    expect(await renderValue(template, scope)).toBe(2);
    const fresh = makeScope({ meta: { ...scope.meta, current_step: "other" } });
    expect(await renderValue(template, fresh)).toBe(0);
  });

  it("reads secrets, input and map meta", async () => {
    const inMap = makeScope({
      input: { ticket: "T-9" },
      meta: { ...scope.meta, item: { id: 7 }, index: 3 },
    });
    expect(await renderValue("Bearer {{ secrets.API_KEY }}", inMap)).toBe("Bearer s3cr3t");
    expect(await renderValue("{{ input.ticket }}", inMap)).toBe("T-9");
    expect(await renderValue("{{ meta.item.id }}-{{ meta.index }}", inMap)).toBe("7-3");
  });

  it("fails on an unknown filter with a one-line TemplateError", async () => {
    const failure = renderValue("{{ params.ticket_id | no_such_filter }}", scope);
    await expect(failure).rejects.toBeInstanceOf(TemplateError);
    await expect(failure).rejects.toThrow(/no_such_filter/);
    const error = await renderString("x {{ a | nope }}", scope).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TemplateError");
    expect((error as Error).message).not.toContain("\n");
  });

  it("fails on a syntax error", async () => {
    await expect(renderString("{% if %}", scope)).rejects.toBeInstanceOf(TemplateError);
    await expect(renderValue("{{ params.count", scope)).rejects.toBeInstanceOf(TemplateError);
  });

  it("cannot reach prototypes, constructors or the environment", async () => {
    expect(await renderValue("{{ params.constructor }}", scope)).toBeNull();
    expect(await renderValue("{{ params.__proto__ }}", scope)).toBeNull();
    expect(await renderValue("{{ params.ticket_id.constructor.name }}", scope)).toBeNull();
    expect(await renderValue("{{ output.check_jira.tags.constructor }}", scope)).toBeNull();
    expect(await renderValue("{{ env.API_KEY }}{{ API_KEY }}{{ globalThis }}", scope)).toBe("");
  });

  it("cannot include files", async () => {
    await expect(renderString("{% include 'secrets.txt' %}", scope)).rejects.toBeInstanceOf(
      TemplateError,
    );
    await expect(renderString("{% render '/etc/passwd' %}", scope)).rejects.toBeInstanceOf(
      TemplateError,
    );
  });

  it("stops a runaway loop at the render limit", async () => {
    const runaway = "{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}";
    await expect(renderString(runaway, scope)).rejects.toThrow(/template render limit exceeded/);
  });

  it("stops a runaway allocation at the memory limit", async () => {
    const hog =
      "{% for a in (1..100000) %}{% assign x = x | append: 'xxxxxxxxxxxxxxxx' %}{% endfor %}";
    await expect(renderString(hog, scope)).rejects.toThrow(/memory alloc limit exceeded/);
    await expect(renderValue("{{ (1..100000000) | size }}", scope)).rejects.toThrow(TemplateError);
  });
});

describe("holdsTemplate", () => {
  it("finds Liquid markup at any depth, and none in literals", () => {
    expect(holdsTemplate({ a: [1, { b: "x {{ params.y }}" }] })).toBe(true);
    expect(holdsTemplate(["{% if x %}1{% endif %}"])).toBe(true);
    expect(holdsTemplate({ a: [1, { b: "plain {" }], c: null, d: true })).toBe(false);
    expect(holdsTemplate(undefined)).toBe(false);
  });
});

describe("evaluateCondition", () => {
  it("evaluates comparisons and boolean operators", async () => {
    expect(await evaluateCondition("output.check_jira.count > 3 and params.force", scope)).toBe(
      true,
    );
    expect(await evaluateCondition("output.check_jira.status == 'Done'", scope)).toBe(true);
    expect(await evaluateCondition("output.check_jira.status == 'Open'", scope)).toBe(false);
    expect(await evaluateCondition("params.count < 2 or params.force == false", scope)).toBe(false);
    expect(await evaluateCondition("output.check_jira.tags contains 'b'", scope)).toBe(true);
  });

  it("uses Liquid truthiness: only false and nil are false", async () => {
    expect(await evaluateCondition("params.missing", scope)).toBe(false);
    expect(await evaluateCondition("params.count", scope)).toBe(true);
    const zero = makeScope({ params: { n: 0, s: "" } });
    expect(await evaluateCondition("params.n", zero)).toBe(true);
    expect(await evaluateCondition("params.s", zero)).toBe(true);
  });

  it("refuses markup that would smuggle tags into the condition", async () => {
    const smuggled = "true %}{% include 'x' %}{% if true";
    await expect(evaluateCondition(smuggled, scope)).rejects.toBeInstanceOf(TemplateError);
    await expect(evaluateCondition("{{ params.force }}", scope)).rejects.toBeInstanceOf(
      TemplateError,
    );
  });

  it("throws TemplateError on a bad expression", async () => {
    await expect(evaluateCondition("params.count | nope", scope)).rejects.toBeInstanceOf(
      TemplateError,
    );
  });
});
