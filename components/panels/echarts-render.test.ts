// Test only: draws every option builder's output with real ECharts (server-side SVG), so options
// ECharts rejects (its development checks throw, e.g. a heatmap on a time axis) or warns about fail
// here rather than in the browser. App code still imports ECharts only in components/charts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BarChart, GaugeChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LegacyGridContainLabel } from "echarts/features";
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

// LegacyGridContainLabel as components/charts/echart.tsx registers it (time series set grid.containLabel).
echarts.use([LineChart, BarChart, GaugeChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, SVGRenderer, LegacyGridContainLabel]);

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

describe("time series: the axis labels get their room (grid.containLabel, measured from the ticks)", () => {
  /** Where the plot starts (px from the chart's left) for a series of `scale` × 0..59 in `unit`, and the chart's labels. */
  const plotLeft = (scale: number, unit: string) => {
    const one = buildPanelData([{ refId: "A", legendFormat: "", stepMs: 60_000, data: { resultType: "matrix", result: [{ metric: {}, values: samples((i) => i * scale) }] } }]);
    const fieldConfig = { ...DEFAULT_FIELD_CONFIG, defaults: { ...DEFAULT_FIELD_CONFIG.defaults, unit } } as typeof DEFAULT_FIELD_CONFIG;
    const option = timeSeriesOption({ series: prepareSeries(one, fieldConfig), hidden: new Set(), options: timeSeriesPanel.defaults.options, timeRange: range, timezone: "utc", widthPx: 600 });
    const chart = echarts.init(null, undefined, { renderer: "svg", ssr: true, width: 600, height: 300 });
    try {
      chart.setOption(option);
      const left = chart.convertToPixel({ xAxisIndex: 0 }, range.startMs) as number;
      // The y axis's lowest value (ECharts' nice extent) is where the plot's bottom edge lies.
      const model = (chart as unknown as { getModel(): { getComponent(t: string, i: number): { axis: { scale: { getExtent(): [number, number] } } } } }).getModel();
      const bottom = chart.convertToPixel({ yAxisIndex: 0 }, model.getComponent("yAxis", 0).axis.scale.getExtent()[0]) as number;
      return { left, bottom };
    } finally {
      chart.dispose();
    }
  };

  it("wider y labels move the plot right; the x labels keep room below it", () => {
    const narrow = plotLeft(0.01, "none");
    const wide = plotLeft(1e9, "bytes");
    // The grid's own 8 px margin plus the labels and their 8 px gap.
    expect(narrow.left).toBeGreaterThan(8 + 8);
    expect(wide.left).toBeGreaterThan(narrow.left + 15);
    // The x axis (plot bottom) sits above the 4 px margin by at least a line of label text.
    for (const c of [narrow, wide]) expect(c.bottom).toBeLessThan(300 - 4 - 10);
  });
});

