import { describe, expect, it } from "vitest";
import type { LabelSet, QueryData } from "@/lib/promql/types";
import { formatLegend } from "./legend-format";
import { buildPanelData, isPanelDataEmpty, samplesToPoints } from "./panel-data";

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

describe("samplesToPoints", () => {
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
      { refId: "A", name: "east", labels: { cluster: "east" }, points: [[1000, 1], [2000, 2]] },
      { refId: "A", name: "west", labels: { cluster: "west" }, points: [[1000, 3], [2000, null], [3000, 4]] },
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
