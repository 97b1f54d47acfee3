import { describe, expect, it } from "vitest";
import { formatSampleNumber, formatSeriesName, matrixToChartSeries, parseSampleValue } from "./series";

describe("formatSeriesName", () => {
  it.each([
    [{}, "{}"],
    [{ __name__: "up" }, "up"],
    [{ cluster: "east" }, '{cluster="east"}'],
    [{ __name__: "up", job: "api", instance: "a:9090" }, 'up{job="api", instance="a:9090"}'],
    [{ job: "api", __name__: "up" }, 'up{job="api"}'],
    [{ path: 'say "hi"\\now\n' }, '{path="say \\"hi\\"\\\\now\\n"}'],
  ])("%j -> %s", (metric, expected) => {
    expect(formatSeriesName(metric)).toBe(expected);
  });
});

describe("parseSampleValue", () => {
  it.each([
    ["1", 1],
    ["-0.25", -0.25],
    ["1e-9", 1e-9],
    ["NaN", null],
    ["+Inf", null],
    ["-Inf", null],
    ["garbage", null],
  ])("%j -> %s", (input, expected) => {
    expect(parseSampleValue(input)).toBe(expected);
  });
});

describe("formatSampleNumber", () => {
  it.each([
    [0, "0"],
    [1, "1"],
    [12.362967112106904, "12.363"],
    [-0.000123456789, "-0.000123457"],
    [123456789, "123457000"],
    [1e-9, "1e-9"],
    [2.5e20, "2.5e+20"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("%s -> %s", (input, expected) => {
    expect(formatSampleNumber(input)).toBe(expected);
  });
});

describe("matrixToChartSeries", () => {
  it("names each series and converts seconds to milliseconds", () => {
    const series = matrixToChartSeries(
      [
        { metric: { cluster: "east" }, values: [[1795713751, "6.5"], [1795713766, "14.64"]] },
        { metric: { __name__: "up" }, values: [[1795713751.5, "1"]] },
      ],
      15,
    );
    expect(series).toEqual([
      { name: '{cluster="east"}', labels: { cluster: "east" }, points: [[1795713751000, 6.5], [1795713766000, 14.64]] },
      { name: "up", labels: { __name__: "up" }, points: [[1795713751500, 1]] },
    ]);
  });

  it.each<[string, Array<[number, string]>, Array<[number, number | null]>]>([
    ["no gap", [[0, "1"], [15, "2"], [30, "3"]], [[0, 1], [15_000, 2], [30_000, 3]]],
    ["a missing step becomes a gap", [[0, "1"], [45, "2"]], [[0, 1], [15_000, null], [45_000, 2]]],
    ["float noise is not a gap", [[0, "1"], [15.0000001, "2"]], [[0, 1], [15_000, 2]]],
    ["NaN and Inf become gaps", [[0, "NaN"], [15, "+Inf"], [30, "-Inf"]], [[0, null], [15_000, null], [30_000, null]]],
    ["no samples", [], []],
  ])("%s", (_name, values, points) => {
    expect(matrixToChartSeries([{ metric: {}, values }], 15)[0]?.points).toEqual(points);
  });

  it("draws nothing for native-histogram-only series", () => {
    expect(matrixToChartSeries([{ metric: {}, histograms: [[0, {}]] }], 15)[0]?.points).toEqual([]);
  });
});
