import { describe, expect, it } from "vitest";
import { m4 } from "@/lib/charts/m4";
import { decodeFrame } from "@/lib/promql/frames/decode";
import { encodeFrame } from "@/lib/promql/frames/encode";
import { exploreSeries, exploreSeriesOf } from "./explore-series";

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

describe("exploreSeriesOf", () => {
  // 1,000 steps of 15 s of a wave with a hole, as the proxy's frames path answers it.
  const values = Array.from({ length: 1000 }, (_, i): [number, string] => [i * 15, String(Math.round(100 * Math.sin(i / 7) + (i % 13)))]).filter(([t]) => t < 3000 || t > 3600);
  const matrix = { resultType: "matrix" as const, result: [{ metric: { job: "a" }, values }] };

  it("reads a matrix (the proxy's fallback) as exploreSeries does", () => {
    expect(exploreSeriesOf(matrix, 15).map((s) => [s.name, s.samples.toPairs()])).toEqual(exploreSeries(matrix.result, 15).map((s) => [s.name, s.samples.toPairs()]));
  });

  it("reads an M4-reduced frame as the columns it carries: each pixel column's first, min, max and last, the hole kept", () => {
    const grid = { x0: 0, x1: 15_000_000, columns: 100 };
    const frame = encodeFrame(matrix.result, { stepMs: 15_000, width: grid.columns, fromMs: grid.x0, toMs: grid.x1 })!;
    const [series] = exploreSeriesOf(decodeFrame(frame), 15);
    expect(series!.name).toBe('{job="a"}');
    const pairs = series!.samples.toPairs();
    expect(pairs.length).toBeLessThan(values.length / 2);
    // The same points as M4 over the matrix's columns (a gap where the hole starts).
    const raw = exploreSeries(matrix.result, 15)[0]!.samples.drawnColumns();
    const reduced = m4({ x: Array.from(raw.x), y: Array.from(raw.y, (v) => (Number.isFinite(v) ? v : null)) }, grid.x0, grid.x1, grid.columns);
    expect(pairs).toEqual(reduced.x.map((x, i) => [x, reduced.y[i] ?? null]));
    expect(pairs.some(([, v]) => v === null)).toBe(true);
  });
});
