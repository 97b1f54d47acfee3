import { describe, expect, it } from "vitest";
import { binaryFrameColumns, decodeBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { encodeBinaryFrame } from "@/lib/promql/frames/binary-encode";
import { decodeFrame, type FramesData } from "@/lib/promql/frames/decode";
import { encodeFrame, type PromMatrixSeries } from "@/lib/promql/frames/encode";
import type { Frame } from "@/lib/promql/frames/schema";
import type { LabelSet, MatrixSeries, QueryData, SamplePair } from "@/lib/promql/types";
import { formatLegend } from "./legend-format";
import { buildPanelData, isPanelDataEmpty, type PanelData } from "./panel-data";
import type { Samples } from "./samples";

/** A matrix series as panels draw it: through buildPanelData, the samples' pairs. */
function samplesToPoints(values: SamplePair[], stepMs?: number) {
  const data = buildPanelData([{ refId: "A", legendFormat: "", data: { resultType: "matrix", result: [{ metric: {}, values }] }, stepMs }]);
  return data.series[0]?.samples.toPairs() ?? [];
}

/** Every entry as read through the accessor: [t, value] with null for a gap, NaN/±Inf/−0 as held. */
const entries = (s: Samples) => Array.from({ length: s.length }, (_, i) => [s.time(i), s.value(i)]);
const pairsOf = (data: PanelData) => data.series.map((s) => s.samples.toPairs());

describe("formatLegend", () => {
  const labels: LabelSet = { __name__: "up", cluster: "east", job: "api" };
  it.each<[string, string, LabelSet, string]>([
    ["substitutes a label", "{{cluster}}", labels, "east"],
    ["allows spaces inside the braces", "{{ cluster }} / {{job}}", labels, "east / api"],
    ["drops a missing label", "{{cluster}}-{{region}}", labels, "east-"],
    ["keeps text without references", "total", labels, "total"],
    ["can use the metric name", "{{__name__}}", labels, "up"],
    ["empty format names it Prometheus-style", "", labels, 'up{cluster="east", job="api"}'],
    ["blank format too", "  ", labels, 'up{cluster="east", job="api"}'],
    ["__auto too", "__auto", labels, 'up{cluster="east", job="api"}'],
    ["no labels at all is {}", "", {}, "{}"],
    ["a label value is not re-expanded", "{{a}}", { a: "{{b}}", b: "x" }, "{{b}}"],
  ])("%s", (_name, format, l, expected) => {
    expect(formatLegend(format, l)).toBe(expected);
  });
});

describe("matrix samples as points (unchanged by columns)", () => {
  it.each<[string, Array<[number, string]>, number | undefined, Array<[number, number | null]>]>([
    ["converts seconds to ms and parses values", [[1, "1.5"], [2, "2"]], 1000, [[1000, 1.5], [2000, 2]]],
    ["NaN and ±Inf become gaps", [[1, "NaN"], [2, "+Inf"], [3, "-Inf"], [4, "4"]], 1000, [[1000, null], [2000, null], [3000, null], [4000, 4]]],
    ["a missing step becomes a null", [[1, "1"], [2, "2"], [5, "5"]], 1000, [[1000, 1], [2000, 2], [3000, null], [5000, 5]]],
    ["the step is inferred when not given", [[10, "1"], [20, "2"], [50, "5"]], undefined, [[10000, 1], [20000, 2], [30000, null], [50000, 5]]],
    ["float noise in timestamps is no gap", [[1.0001, "1"], [2.0009, "2"]], 1000, [[1000, 1], [2001, 2]]],
    ["a single sample stays alone", [[1, "1"]], undefined, [[1000, 1]]],
    ["no samples, no points", [], 1000, []],
  ])("%s", (_name, values, stepMs, expected) => {
    expect(samplesToPoints(values, stepMs)).toEqual(expected);
  });
});

describe("buildPanelData", () => {
  const matrix: QueryData = {
    resultType: "matrix",
    result: [
      { metric: { cluster: "east" }, values: [[1, "1"], [2, "2"]] },
      { metric: { cluster: "west" }, values: [[1, "3"], [3, "4"]] },
    ],
  };
  const vector: QueryData = {
    resultType: "vector",
    result: [
      { metric: { __name__: "up", job: "api" }, value: [10, "1"] },
      { metric: { job: "hist" }, histogram: {} },
    ],
  };

  it("names matrix series by legend format and marks gaps", () => {
    const data = buildPanelData([{ refId: "A", legendFormat: "{{cluster}}", data: matrix, stepMs: 1000 }]);
    expect(data.instant).toEqual([]);
    expect(data.series).toEqual([
      { refId: "A", name: "east", labels: { cluster: "east" } },
      { refId: "A", name: "west", labels: { cluster: "west" } },
    ].map((s) => expect.objectContaining(s)));
    expect(pairsOf(data)).toEqual([
      [[1000, 1], [2000, 2]],
      [[1000, 3], [2000, null], [3000, 4]],
    ]);
  });

  it("turns vectors and scalars into instant samples, skipping histograms and strings", () => {
    const data = buildPanelData([
      { refId: "A", legendFormat: "", data: vector },
      { refId: "B", legendFormat: "", data: { resultType: "scalar", result: [10, "NaN"] } },
      { refId: "C", legendFormat: "answer", data: { resultType: "scalar", result: [10, "42"] } },
      { refId: "D", legendFormat: "", data: { resultType: "string", result: [10, "hello"] } },
    ]);
    expect(data.series).toEqual([]);
    expect(data.instant).toEqual([
      { refId: "A", name: 'up{job="api"}', labels: { __name__: "up", job: "api" }, value: 1, timeMs: 10000 },
      { refId: "B", name: "scalar", labels: {}, value: null, timeMs: 10000 },
      { refId: "C", name: "answer", labels: {}, value: 42, timeMs: 10000 },
    ]);
  });

  it("keeps target order and reports emptiness", () => {
    const data = buildPanelData([
      { refId: "B", legendFormat: "b", data: { resultType: "matrix", result: [{ metric: {}, values: [[1, "1"]] }] } },
      { refId: "A", legendFormat: "a", data: { resultType: "matrix", result: [{ metric: {}, values: [[1, "1"]] }] } },
    ]);
    expect(data.series.map((s) => s.refId)).toEqual(["B", "A"]);
    expect(isPanelDataEmpty(data)).toBe(false);
    expect(isPanelDataEmpty(buildPanelData([]))).toBe(true);
    expect(isPanelDataEmpty(buildPanelData([{ refId: "A", legendFormat: "", data: { resultType: "matrix", result: [] } }]))).toBe(true);
  });
});

describe("columns in PanelData", () => {
  // 6 grid points from 0 every 1 s; "b" has no sample at 1 s, 2 s and 5 s (gaps) and NaN, ±Inf, −0 samples.
  const matrix: Array<PromMatrixSeries & MatrixSeries> = [
    { metric: { s: "a" }, values: [[0, "1"], [1, "2"], [2, "3"], [3, "4"], [4, "5"], [5, "6"]] },
    { metric: { s: "b" }, values: [[0, "NaN"], [3, "-0"], [4, "+Inf"]] },
    { metric: { s: "c" }, values: [[2, "-Inf"], [3, "0.5"]] },
  ];
  const frame = encodeFrame(matrix, { stepMs: 1000 })!;
  const fromMatrix = buildPanelData([{ refId: "A", legendFormat: "{{s}}", data: { resultType: "matrix", result: matrix }, stepMs: 1000 }]);
  const fromJson = buildPanelData([{ refId: "A", legendFormat: "{{s}}", data: decodeFrame(JSON.parse(JSON.stringify(frame)) as Frame) }]);
  const fromBinary = buildPanelData([{ refId: "A", legendFormat: "{{s}}", data: binaryFrameColumns(decodeBinaryFrame(encodeBinaryFrame(frame))) }]);

  it("keeps gaps, NaN, ±Inf and −0 apart, whatever the wire", () => {
    const b = [[0, Number.NaN], [1000, null], [2000, null], [3000, -0], [4000, Number.POSITIVE_INFINITY], [5000, null]];
    // JSON numbers have no −0 (JSON.stringify(-0) is "0"): JSON frames carry it as 0; binary frames and the matrix keep it.
    for (const [data, zero] of [[fromJson, 0], [fromBinary, -0]] as const) {
      const got = entries(data.series[1]!.samples);
      expect(got).toEqual(b.map(([t, v]) => [t, Object.is(v, -0) ? zero : v]));
      expect(Object.is(got[3]![1], zero)).toBe(true);
      expect(data.series[1]!.samples.isGap(1)).toBe(true);
      expect(data.series[1]!.samples.isGap(0)).toBe(false);
    }
    // Prometheus's matrix ends where the last sample is: the same entries up to there.
    const m = entries(fromMatrix.series[1]!.samples);
    expect(m).toEqual(b.slice(0, m.length));
    expect(Object.is(m[3]![1], -0)).toBe(true);
    expect(entries(fromMatrix.series[2]!.samples).filter(([, v]) => v !== null)).toEqual([[2000, Number.NEGATIVE_INFINITY], [3000, 0.5]]);
  });

  it("draws them as before: one null per hole, NaN and ±Inf as nulls, nothing before the first sample or after the last", () => {
    const expected = (zero: number) => [
      [[0, 1], [1000, 2], [2000, 3], [3000, 4], [4000, 5], [5000, 6]],
      [[0, null], [1000, null], [3000, zero], [4000, null]],
      [[2000, null], [3000, 0.5]],
    ];
    for (const [data, zero] of [[fromMatrix, -0], [fromJson, 0], [fromBinary, -0]] as const) {
      expect(pairsOf(data)).toEqual(expected(zero));
      expect(data.series.map((s) => s.samples.drawnCount())).toEqual([6, 1, 1]);
    }
  });

  it("series of one grid share its timestamps; the JSON and binary decoders give the same columns", () => {
    const json = decodeFrame(JSON.parse(JSON.stringify(frame)) as Frame);
    const binary: FramesData = binaryFrameColumns(decodeBinaryFrame(encodeBinaryFrame(frame)));
    for (const f of [json, binary]) expect(new Set(f.series.map((s) => s.x)).size).toBe(1);
    // Equal but for −0, which JSON numbers cannot carry.
    const read = (f: FramesData) => f.series.map((s) => entries(buildPanelData([{ refId: "A", legendFormat: "", data: { resultType: "frames", series: [s] } }]).series[0]!.samples).map(([t, v]) => [t, Object.is(v, -0) ? 0 : v]));
    expect(read(binary)).toEqual(read(json));
  });

  it("series on different grids keep their own timestamps", () => {
    // Server-side M4: each series keeps the grid points it chose.
    const long: Array<PromMatrixSeries & MatrixSeries> = [
      { metric: { s: "spiky" }, values: Array.from({ length: 400 }, (_, i): SamplePair => [i, String(i % 50 === 7 ? 100 : i % 3)]) },
      { metric: { s: "flat" }, values: Array.from({ length: 400 }, (_, i): SamplePair => [i, "1"]) },
    ];
    const m4 = encodeFrame(long, { stepMs: 1000, width: 10, fromMs: 0, toMs: 399_000 })!;
    for (const data of [decodeFrame(JSON.parse(JSON.stringify(m4)) as Frame), binaryFrameColumns(decodeBinaryFrame(encodeBinaryFrame(m4)))]) {
      const [spiky, flat] = buildPanelData([{ refId: "A", legendFormat: "{{s}}", data }]).series.map((s) => s.samples);
      const times = (s: Samples) => Array.from({ length: s.length }, (_, i) => s.time(i));
      expect(times(spiky!)).not.toEqual(times(flat!));
      // Every spike survives, at its own time.
      expect(entries(spiky!).filter(([, v]) => v === 100).map(([t]) => t)).toEqual(Array.from({ length: 8 }, (_, k) => (k * 50 + 7) * 1000));
    }
    // A matrix off the step grid (Prometheus's float noise) keeps each series' own timestamps.
    const offGrid = buildPanelData([{ refId: "A", legendFormat: "", data: { resultType: "matrix", result: [{ metric: { s: "x" }, values: [[1.0001, "1"], [2.0009, "2"]] }, { metric: { s: "y" }, values: [[1, "3"], [2, "4"]] }] }, stepMs: 1000 }]);
    expect(offGrid.series.map((s) => entries(s.samples))).toEqual([
      [[1000, 1], [2001, 2]],
      [[1000, 3], [2000, 4]],
    ]);
  });
});
