// Test only: draws every option builder's output with real ECharts (server-side SVG), so options
// ECharts rejects (its development checks throw, e.g. a heatmap on a time axis) or warns about fail
// here rather than in the browser. App code still imports ECharts only in components/charts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BarChart, GaugeChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { buildPanelData } from "@/lib/panels/panel-data";
import { DEFAULT_FIELD_CONFIG, THRESHOLD_COLORED_FIELD_CONFIG } from "./defaults";
import { toChartOption as gaugeOption } from "./gauge/to-chart-option";
import { toHeatmapBuckets } from "./heatmap/buckets";
import { toChartOption as heatmapOption } from "./heatmap/to-chart-option";
import { toSparklineOption } from "./stat/to-chart-option";
import { timeSeriesPanel } from "./time-series";
import { prepareSeries } from "./time-series/prepare-series";
import { toChartOption as timeSeriesOption, type TimeSeriesOptions } from "./time-series/to-chart-option";
import { renderSvg } from "@/test/echarts-svg";

echarts.use([LineChart, BarChart, GaugeChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);

const T0_S = 1_700_000_000;
const samples = (f: (i: number) => number) => Array.from({ length: 60 }, (_, i) => [T0_S + i * 60, String(f(i))] as [number, string]);
const data = buildPanelData([
  {
    refId: "A",
    legendFormat: "{{le}}",
    stepMs: 60_000,
    data: {
      resultType: "matrix",
      result: [
        { metric: { le: "0.1" }, values: samples((i) => i * 2) },
        { metric: { le: "+Inf" }, values: samples((i) => i * 5) },
        { metric: { le: "1" }, values: samples((i) => i * 3).filter((_, i) => i < 20 || i > 30) },
      ],
    },
  },
]);
const range = { startMs: T0_S * 1000, endMs: (T0_S + 3600) * 1000 };

describe("ECharts draws every option builder's output", () => {
  let warn: ReturnType<typeof vi.spyOn>;
  let error: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, "warn");
    error = vi.spyOn(console, "error");
  });
  afterEach(() => {
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  const series = prepareSeries(data, DEFAULT_FIELD_CONFIG);
  it.each<[string, Partial<TimeSeriesOptions>]>([
    ["lines", {}],
    ["stacked areas", { fillOpacity: 30, stacking: "normal" }],
    ["percent stack", { stacking: "percent", fillOpacity: 50 }],
    ["bars", { drawStyle: "bars" }],
    ["points", { drawStyle: "points" }],
    ["single tooltip", { tooltip: { mode: "single" } }],
  ])("time series: %s", (_name, options) => {
    const option = timeSeriesOption({ series, hidden: new Set(), options: { ...timeSeriesPanel.defaults.options, ...options }, timeRange: range, timezone: "utc", widthPx: 600 });
    expect(renderSvg(option)).toContain("<path");
  });

  it("gauges", () => {
    const panel = { options: { reduce: "lastNotNull" as const, showThresholdMarkers: true }, fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG };
    expect(renderSvg(gaugeOption({ data, panel, width: 600, height: 300 }))).toContain(">295<");
  });

  it("heatmap", () => {
    expect(renderSvg(heatmapOption({ buckets: toHeatmapBuckets(data.series), colorScheme: "oranges", timezone: "utc" }))).toContain("<path");
  });

  it("sparkline", () => {
    expect(renderSvg(toSparklineOption(data.series[0]!.samples.toPairs(), "#73BF69", range))).toContain("#73BF69");
  });
});
