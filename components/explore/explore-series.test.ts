import { describe, expect, it } from "vitest";
import { exploreSeries } from "./explore-series";

const pairs = (values: Array<[number, string]>) => exploreSeries([{ metric: {}, values }], 15)[0]?.samples.toPairs();

describe("exploreSeries", () => {
  it("names each series and converts seconds to milliseconds", () => {
    const series = exploreSeries(
      [
        { metric: { cluster: "east" }, values: [[1795713751, "6.5"], [1795713766, "14.64"]] },
        { metric: { __name__: "up" }, values: [[1795713751.5, "1"]] },
      ],
      15,
    );
    expect(series.map((s) => [s.name, s.labels, s.samples.toPairs()])).toEqual([
      ['{cluster="east"}', { cluster: "east" }, [[1795713751000, 6.5], [1795713766000, 14.64]]],
      ["up", { __name__: "up" }, [[1795713751500, 1]]],
    ]);
  });

  it.each<[string, Array<[number, string]>, Array<[number, number | null]>]>([
    ["no gap", [[0, "1"], [15, "2"], [30, "3"]], [[0, 1], [15_000, 2], [30_000, 3]]],
    ["a missing step becomes a gap", [[0, "1"], [45, "2"]], [[0, 1], [15_000, null], [45_000, 2]]],
    ["float noise is not a gap", [[0, "1"], [15.0000001, "2"]], [[0, 1], [15_000, 2]]],
    ["NaN and Inf become gaps", [[0, "NaN"], [15, "+Inf"], [30, "-Inf"]], [[0, null], [15_000, null], [30_000, null]]],
    ["no samples", [], []],
  ])("%s", (_name, values, points) => {
    expect(pairs(values)).toEqual(points);
  });

  it("draws nothing for native-histogram-only series", () => {
    expect(exploreSeries([{ metric: {}, histograms: [[0, {}]] }], 15)[0]?.samples.toPairs()).toEqual([]);
  });
});
