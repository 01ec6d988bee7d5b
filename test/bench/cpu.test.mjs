import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseProbeSets, parseVars } from "../../bench/lib/cpu.mjs";

describe("parseProbeSets", () => {
  it("turns each set into the probe's query, `floor` into no features", () => {
    assert.deepEqual(parseProbeSets("floor,d1+alarm"), [
      ["floor", "features="],
      ["d1+alarm", "features=d1,alarm"],
    ]);
  });

  it("passes a statement count after @", () => {
    assert.deepEqual(parseProbeSets("line+statements@16"), [
      ["line+statements@16", "features=line,statements&statements=16"],
    ]);
  });

  it("answers no sets for an empty list", () => {
    assert.deepEqual(parseProbeSets(""), []);
  });
});

describe("parseVars", () => {
  it("keeps everything after the first = as the value", () => {
    assert.deepEqual(parseVars("LOG_EVENTS=false,X=a=b"), { LOG_EVENTS: "false", X: "a=b" });
  });

  it("refuses a pair without a key and value", () => {
    assert.throws(() => parseVars("LOG_EVENTS"), /LOG_EVENTS is not KEY=value/);
  });
});
