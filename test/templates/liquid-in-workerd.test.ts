import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { liquid } from "../../src/templates/liquid";
import { renderValue } from "../../src/templates/render";
import { makeScope } from "./scope-fixture";

describe("liquidjs in workerd", () => {
  it("loads and renders inside the Workers runtime", async () => {
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    expect(await liquid.parseAndRender("{{ 'a' | upcase }}{{ 1 | plus: 2 }}")).toBe("A3");
    expect(await renderValue("{{ params.count | times: 2 }}", makeScope())).toBe(8);
  });

  it("is part of the Worker bundle that serves requests", async () => {
    // The Worker entry imports the engine, which imports the template renderer.
    const worker = (
      exports as unknown as { default: { fetch(request: Request): Promise<Response> } }
    ).default;
    const response = await worker.fetch(new Request("http://cairn.test/health"));
    expect(response.status).toBeLessThan(500);
  });
});
