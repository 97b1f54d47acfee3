import type { Reducer } from "@/lib/dashboards/schema/panels";
import { describe, expect, it } from "vitest";
import { reducePoints, reduceValues, valueSources } from "./reduce";

describe("reduceValues", () => {
  const values = [null, 3, 1, null, 4, 1, 5, null];
  it.each<[Reducer, readonly (number | null)[], number | null]>([
    ["last", values, null],
    ["lastNotNull", values, 5],
    ["first", values, null],
    ["mean", values, 14 / 5],
    ["max", values, 5],
    ["min", values, 1],
    ["total", values, 14],
    ["count", values, 5],
    ["last", [1, 2], 2],
    ["first", [1, 2], 1],
    ["max", [-3, -1, -2], -1],
    ["min", [-3, -1, -2], -3],
    ["last", [], null],
    ["lastNotNull", [null, null], null],
    ["mean", [null], null],
    ["max", [], null],
    ["total", [], null],
    ["count", [], 0],
    ["count", [null], 0],
  ])("%s of %j is %s", (reducer, input, expected) => {
    expect(reduceValues(input, reducer)).toBe(expected);
  });

  it("handles series longer than the argument limit", () => {
    const long = Array.from({ length: 300_000 }, (_, i) => i);
    expect(reduceValues(long, "max")).toBe(299_999);
    expect(reduceValues(long, "min")).toBe(0);
  });

  it("reduces points by value", () => {
    expect(reducePoints([[1, 2], [2, null], [3, 7]], "max")).toBe(7);
  });
});

describe("valueSources", () => {
  it("lists series then instant samples with stable, unique keys", () => {
    const sources = valueSources({
      series: [
        { refId: "A", name: "x", labels: {}, points: [[1, 1]] },
        { refId: "A", name: "x", labels: {}, points: [[1, 2]] },
      ],
      instant: [{ refId: "B", name: "y", labels: { a: "b" }, value: 3, timeMs: 5 }],
    });
    expect(sources.map((s) => s.name)).toEqual(["x", "x", "y"]);
    expect(new Set(sources.map((s) => s.key)).size).toBe(3);
    expect(sources[2]).toMatchObject({ refId: "B", labels: { a: "b" }, points: [[5, 3]] });
  });
});
