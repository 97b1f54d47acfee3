import { describe, expect, it } from "vitest";
import { bucketMax, formatWhatIfTooltip, runsOf, toWhatIfChartOption } from "./to-chart-option";

describe("bucketMax", () => {
  it.each([
    ["no bucketing when under the limit", [1, 2, 3], 10, [[10_000, 1], [11_000, 2], [12_000, 3]]],
    ["buckets of 2 keep each bucket's peak", [1, 5, 2, 0, 7], 3, [[10_000, 5], [12_000, 2], [14_000, 7]]],
    ["empty input", [], 5, []],
  ] as const)("%s", (_name, values, maxPoints, expected) => {
    expect(bucketMax(10, values, maxPoints)).toEqual(expected);
  });
});

describe("runsOf", () => {
  it.each([
    ["no panic", [false, false], []],
    ["one run in the middle", [false, true, true, false], [[1000, 3000]]],
    ["a run to the end and one at the start", [true, false, true], [[0, 1000], [2000, 3000]]],
  ] as const)("%s", (_name, flags, expected) => {
    expect(runsOf(0, flags)).toEqual(expected);
  });
});

describe("toWhatIfChartOption", () => {
  const option = toWhatIfChartOption({
    startS: 100,
    actualReady: [1, 1, 2, 2],
    predictedReady: [1, 1, 1, 1],
    load: [3, 9, 9, 4],
    loadKind: "concurrency",
    predictedPanic: [false, true, true, false],
  });
  const series = option.series as Array<{ name: string; data: unknown; yAxisIndex?: number; markArea?: { data: unknown } }>;

  it("overlays predicted on actual pods on the pod axis, demand on the second axis", () => {
    expect(series.map((s) => s.name)).toEqual(["Demand (concurrency, replayed)", "Actual ready pods", "Predicted ready pods"]);
    expect(series[0]!.yAxisIndex).toBe(1);
    expect(series[1]!.data).toEqual([[100_000, 1], [101_000, 1], [102_000, 2], [103_000, 2]]);
    expect(series[2]!.data).toEqual([[100_000, 1], [101_000, 1], [102_000, 1], [103_000, 1]]);
  });

  it("shades the predicted panic periods and spans the replayed seconds", () => {
    expect(series[2]!.markArea!.data).toEqual([[{ xAxis: 101_000 }, { xAxis: 103_000 }]]);
    expect(option.xAxis).toMatchObject({ min: 100_000, max: 104_000 });
  });

  it("names the rps axis for rps revisions", () => {
    const rps = toWhatIfChartOption({ startS: 0, actualReady: [], predictedReady: [], load: [], loadKind: "rps", predictedPanic: [] });
    expect((rps.series as Array<{ name: string }>)[0]!.name).toContain("requests/s");
  });
});

describe("formatWhatIfTooltip", () => {
  it("escapes series names and shows values", () => {
    const html = formatWhatIfTooltip([{ seriesName: "<b>x</b>", value: [0, 2.5], axisValue: 0 }]);
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&#60;b&#62;x");
    expect(html).toContain("<b>2.5</b>");
  });
});
