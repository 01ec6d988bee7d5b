import { describe, expect, it } from "vitest";
import { renderString } from "../../src/templates/render";
import { lazyScope } from "../../src/templates/scope";
import { makeScope } from "./scope-fixture";

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
