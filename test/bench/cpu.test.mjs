import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseProbeSets } from "../../bench/lib/cpu.mjs";

describe("parseProbeSets", () => {
  it("turns each set into the probe's query, `floor` into no features", () => {
    assert.deepEqual(parseProbeSets("floor,d1+alarm"), [
      ["floor", "features="],
      ["d1+alarm", "features=d1,alarm"],
    ]);
  });

  it("passes a statement count after @, with the statements feature", () => {
    assert.deepEqual(parseProbeSets("line+statements@16,line@8"), [
      ["line+statements@16", "features=line,statements&statements=16"],
      ["line@8", "features=line,statements&statements=8"],
    ]);
  });

  it("refuses a set with two counts", () => {
    assert.throws(() => parseProbeSets("line@1@2"), /line@1@2 has more than one @/);
  });

  it("answers no sets for an empty list", () => {
    assert.deepEqual(parseProbeSets(""), []);
  });
});
