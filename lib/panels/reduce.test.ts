import type { Reducer } from "@/lib/dashboards/schema/panels";
import { describe, expect, it } from "vitest";
import { parseFrame } from "@/lib/promql/frames/decode";
import { reduceSamples, reduceValues, valueSources } from "./reduce";
import { Samples } from "./samples";

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
    // The panels' one-pass reducer over columns agrees (null: a NaN sample, as panel points read it).
    expect(reduceSamples(Samples.fromPairs(input.map((v, i) => [i * 1000, v])), reducer)).toBe(expected);
  });

  it("handles series longer than the argument limit", () => {
    const long = Array.from({ length: 300_000 }, (_, i) => i);
    expect(reduceValues(long, "max")).toBe(299_999);
    expect(reduceValues(long, "min")).toBe(0);
  });

  it("reduces samples by value", () => {
    expect(reduceSamples(Samples.fromPairs([[1, 2], [2, null], [3, 7]]), "max")).toBe(7);
  });

  it("skips gaps but sees NaN and ±Inf as nulls (first and last look at them)", () => {
    // A JSON frame's series: null is a gap (no sample), "NaN" and "+Inf" are samples.
    const frame = { encoding: "frames/v1", resultType: "matrix", startMs: 0, stepMs: 1000, count: 6, series: [{ labels: {}, values: [null, 2, "NaN", 5, "+Inf", null] }] };
    const parsed = parseFrame(frame);
    if (!("frame" in parsed)) throw new Error(parsed.reason);
    const samples = Samples.fromColumns(parsed.frame.series[0]!);
    expect(reduceSamples(samples, "first")).toBe(2);
    expect(reduceSamples(samples, "last")).toBe(null);
    expect(reduceSamples(samples, "lastNotNull")).toBe(5);
    expect(reduceSamples(samples, "count")).toBe(2);
    expect(reduceSamples(samples, "mean")).toBe(3.5);
  });
});

describe("valueSources", () => {
  it("lists series then instant samples with stable, unique keys", () => {
    const sources = valueSources({
      series: [
        { refId: "A", name: "x", labels: {}, samples: Samples.fromPairs([[1, 1]]) },
        { refId: "A", name: "x", labels: {}, samples: Samples.fromPairs([[1, 2]]) },
      ],
      instant: [{ refId: "B", name: "y", labels: { a: "b" }, value: 3, timeMs: 5 }],
    });
    expect(sources.map((s) => s.name)).toEqual(["x", "x", "y"]);
    expect(new Set(sources.map((s) => s.key)).size).toBe(3);
    expect(sources[2]).toMatchObject({ refId: "B", labels: { a: "b" } });
    expect(sources[2]!.samples.toPairs()).toEqual([[5, 3]]);
  });
});
