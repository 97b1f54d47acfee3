import { describe, expect, it } from "vitest";
import { Samples } from "@/lib/panels/samples";
import { legendStats } from "./legend-stats";

describe("legendStats", () => {
  it("computes the requested calcs in order, skipping gaps", () => {
    const points: Array<[number, number | null]> = [[1, 4], [2, null], [3, 1], [4, 7], [5, null]];
    expect(legendStats(Samples.fromPairs(points), ["last", "min", "max", "mean", "total"])).toEqual([
      { calc: "last", value: 7 },
      { calc: "min", value: 1 },
      { calc: "max", value: 7 },
      { calc: "mean", value: 4 },
      { calc: "total", value: 12 },
    ]);
  });

  it("gives null for a series without values, and nothing for no calcs", () => {
    expect(legendStats(Samples.fromPairs([[1, null]]), ["max"])).toEqual([{ calc: "max", value: null }]);
    expect(legendStats(Samples.fromPairs([[1, 1]]), [])).toEqual([]);
  });
});
