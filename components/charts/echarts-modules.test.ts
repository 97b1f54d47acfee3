import { describe, expect, it } from "vitest";
import { buildPanelData } from "@/lib/panels/panel-data";
import { DEFAULT_FIELD_CONFIG, THRESHOLD_COLORED_FIELD_CONFIG } from "@/components/panels/defaults";
import { toChartOption as gaugeOption } from "@/components/panels/gauge/to-chart-option";
import { toHeatmapBuckets } from "@/components/panels/heatmap/buckets";
import { toChartOption as heatmapOption } from "@/components/panels/heatmap/to-chart-option";
import { toSparklineOption } from "@/components/panels/stat/to-chart-option";
import { timeSeriesPanel } from "@/components/panels/time-series";
import { prepareSeries } from "@/components/panels/time-series/prepare-series";
import { toChartOption as timeSeriesOption, type TimeSeriesOptions } from "@/components/panels/time-series/to-chart-option";
import { echartsModulesFor, LAZY_ECHARTS_MODULES, optionWantsTooltip } from "./echarts-modules";

const T0_S = 1_700_000_000;
const samples = (f: (i: number) => number) => Array.from({ length: 30 }, (_, i) => [T0_S + i * 60, String(f(i))] as [number, string]);
const data = buildPanelData([
  {
    refId: "A",
    legendFormat: "{{le}}",
    stepMs: 60_000,
    data: { resultType: "matrix", result: [{ metric: { le: "1" }, values: samples((i) => i) }, { metric: { le: "+Inf" }, values: samples((i) => 2 * i) }] },
  },
]);
const range = { startMs: T0_S * 1000, endMs: (T0_S + 1800) * 1000 };
const series = prepareSeries(data, DEFAULT_FIELD_CONFIG);
const timeSeries = (options: Partial<TimeSeriesOptions>) =>
  timeSeriesOption({ series, hidden: new Set(), options: { ...timeSeriesPanel.defaults.options, ...options }, timeRange: range, timezone: "utc", widthPx: 600 });
const thresholdSeries = prepareSeries(data, { ...DEFAULT_FIELD_CONFIG, defaults: { ...DEFAULT_FIELD_CONFIG.defaults, thresholds: { mode: "absolute", steps: [{ value: null, color: "#00aa00" }, { value: 6, color: "#ff0000" }] } } });
const withThresholds = (mode: "line" | "area" | "line+area") =>
  timeSeriesOption({ series: thresholdSeries, hidden: new Set(), options: { ...timeSeriesPanel.defaults.options, thresholdsStyle: { mode } }, timeRange: range, timezone: "utc", widthPx: 600 });

describe("echartsModulesFor: the on-demand ECharts modules of the app's options", () => {
  it.each([
    ["time series lines: only the always-registered modules", timeSeries({}), false, []],
    ["time series lines with drag-to-zoom: the toolbox", timeSeries({}), true, ["toolbox"]],
    ["time series bars", timeSeries({ drawStyle: "bars" }), false, ["bar"]],
    ["threshold lines", withThresholds("line"), false, ["markLine"]],
    ["threshold areas", withThresholds("area"), false, ["markArea"]],
    ["sparkline", toSparklineOption(data.series[0]!.samples.toPairs(), "#73BF69", range), false, []],
    ["gauge", gaugeOption({ data, panel: { options: { reduce: "lastNotNull", showThresholdMarkers: true }, fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG }, width: 600, height: 300 }), false, ["gauge"]],
    ["heatmap", heatmapOption({ buckets: toHeatmapBuckets(data.series), colorScheme: "oranges", timezone: "utc" }), true, ["heatmap", "toolbox", "visualMapContinuous"]],
  ] as const)("%s", (_name, option, zoomable, expected) => {
    expect(echartsModulesFor(option, zoomable)).toEqual(expected);
  });

  it("reads series types, marks and components of any option, in registry order, once each", () => {
    const option = {
      visualMap: { min: 0, max: 1 },
      series: [
        { type: "graph", data: [] },
        { type: "line", data: [], markArea: { data: [] } },
        { type: "bar", data: [], markLine: { data: [] } },
        { type: "bar", data: [] },
      ],
      toolbox: { show: false },
    };
    expect(echartsModulesFor(option, false)).toEqual(["bar", "graph", "toolbox", "visualMapContinuous", "markLine", "markArea"]);
    expect(echartsModulesFor({ series: { type: "gauge" } }, false)).toEqual(["gauge"]);
  });

  it("asks for nothing for types that are always registered, unknown, or no option at all", () => {
    expect(echartsModulesFor({ series: [{ type: "line" }, { type: "pie" }, null, "x"] }, false)).toEqual([]);
    expect(echartsModulesFor(null, false)).toEqual([]);
    expect(echartsModulesFor(undefined, true)).toEqual([]);
  });

  it("names only modules the wrapper can load", () => {
    const all = echartsModulesFor({ visualMap: {}, toolbox: {}, series: ["bar", "gauge", "heatmap", "graph"].map((type) => ({ type, markLine: {}, markArea: {} })) }, true);
    expect(all).toEqual([...LAZY_ECHARTS_MODULES]);
  });
});

describe("optionWantsTooltip: the deferred tooltip module", () => {
  it("is wanted by a time series (its option names a tooltip), not by an option without one", () => {
    expect(optionWantsTooltip(timeSeries({}))).toBe(true);
    expect(optionWantsTooltip({ series: [{ type: "line" }] })).toBe(false);
    expect(optionWantsTooltip({ tooltip: null })).toBe(false);
    expect(optionWantsTooltip(null)).toBe(false);
  });
  it("is never an on-demand module a draw waits for", () => {
    expect(echartsModulesFor(timeSeries({}), true)).not.toContain("tooltip");
  });
});
