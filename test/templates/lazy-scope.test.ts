import { describe, expect, it } from "vitest";
import { evaluateCondition, renderString, renderValue } from "../../src/templates/render";
import { lazyScope, type TemplateScope } from "../../src/templates/scope";
import { makeScope } from "./scope-fixture";

/** A lazy scope over `built`, counting its builds (each build is a read of the run's rows). */
function countedLazyScope(built: TemplateScope): { scope: TemplateScope; builds(): number } {
  let builds = 0;
  const scope = lazyScope(() => {
    builds += 1;
    return built;
  });
  return { scope, builds: () => builds };
}

describe("lazyScope", () => {
  it("is not built by a render without templates, and built once by one with", async () => {
    let builds = 0;
    const scope = lazyScope(() => {
      builds += 1;
      return makeScope({ params: { name: "ada" } });
    });
    expect(await renderString("https://example.com/plain", scope)).toBe(
      "https://example.com/plain",
    );
    expect(builds).toBe(0);
    expect(await renderString("https://example.com/{{ params.name }}", scope)).toBe(
      "https://example.com/ada",
    );
    expect(await renderString("{{ params.name }}-{{ meta.run_id }}", scope)).toContain("ada-");
    expect(builds).toBe(1);
  });

  it("shows every field of the scope it builds", () => {
    const built = makeScope({ input: { n: 1 }, callbacks: { wait: "https://x/cb" } });
    expect({ ...lazyScope(() => built) }).toEqual({ ...built });
  });
});

describe("a lazy scope read by renderValue, evalValue and evaluateCondition", () => {
  const eager = makeScope({ input: { n: 1 } });

  it("renders a value as the eager scope does, built only when a string holds a template", async () => {
    const lazy = countedLazyScope(eager);
    const literal = { url: "https://example.com/plain", tags: ["a", 1, null], nested: { k: true } };
    expect(await renderValue(literal, lazy.scope)).toEqual(literal);
    expect(lazy.builds()).toBe(0);

    const templated = {
      ticket: "ticket {{ params.ticket_id }} is {{ output.check_jira.status }}",
      items: ["plain", "{% if params.force %}forced{% endif %}"],
      literal: "no markup",
    };
    expect(await renderValue(templated, lazy.scope)).toEqual(await renderValue(templated, eager));
    expect(lazy.builds()).toBe(1);
  });

  it("evaluates a single expression (liquid's evalValue) to the same JSON as the eager scope", async () => {
    const lazy = countedLazyScope(eager);
    const expressions = [
      "{{ output.check_jira }}",
      "{{ output.check_jira.tags }}",
      "{{ params.count | plus: 1 }}",
      "{{ input.n }}",
      "{{ meta.step_retries[meta.current_step] }}",
      "{{ output.nothing.here }}",
    ];
    for (const expression of expressions) {
      expect(await renderValue(expression, lazy.scope)).toEqual(
        await renderValue(expression, eager),
      );
    }
    expect(await renderValue({ n: "{{ params.count }}" }, lazy.scope)).toEqual({ n: 4 });
    expect(lazy.builds()).toBe(1);
  });

  it("evaluates conditions as the eager scope does, built once", async () => {
    const lazy = countedLazyScope(eager);
    const conditions = [
      "output.check_jira.count > 3 and params.force",
      "output.check_jira.status == 'Open'",
      "output.check_jira.tags contains 'b'",
      "params.missing",
    ];
    for (const condition of conditions) {
      expect(await evaluateCondition(condition, lazy.scope)).toBe(
        await evaluateCondition(condition, eager),
      );
    }
    expect(lazy.builds()).toBe(1);
  });
});

describe("a fault in building a lazy scope", () => {
  // What a run's rows can throw: a platform error, for the alarm or the retry policy to repeat.
  const fault = Object.assign(new Error("storage caused object to be reset"), { retryable: true });
  const failing = lazyScope(() => {
    throw fault;
  });

  it("is thrown as it is by every render that reads the scope, never as a TemplateError", async () => {
    await expect(renderString("https://example.com/{{ params.name }}", failing)).rejects.toBe(
      fault,
    );
    await expect(renderValue({ url: "id {{ meta.run_id }}" }, failing)).rejects.toBe(fault);
    await expect(renderValue(["{{ output.check_jira }}"], failing)).rejects.toBe(fault);
    await expect(evaluateCondition("params.force", failing)).rejects.toBe(fault);
  });

  it("is not met by a render without templates", async () => {
    expect(await renderString("https://example.com/plain", failing)).toBe(
      "https://example.com/plain",
    );
    expect(await renderValue({ body: ["plain", 1] }, failing)).toEqual({ body: ["plain", 1] });
  });
});
