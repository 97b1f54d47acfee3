import { describe, expect, it } from "vitest";
import type { Unit } from "@/lib/dashboards/schema/field-config";
import { cssColor } from "@/lib/panels/colors";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { timeSeriesPanel } from "./index";
import type { DisplaySeries } from "./prepare-series";
import { THRESHOLDS_SERIES_NAME, toChartOption, type TimeSeriesChartInput, type TimeSeriesOptions } from "./to-chart-option";
import { Samples } from "@/lib/panels/samples";

const field = (unit: Unit = "short", extra: object = {}) => ({ ...DEFAULT_FIELD_CONFIG.defaults, unit, displayName: "", ...extra });
const EAST: Array<[number, number | null]> = [[1000, 1], [2000, null], [3000, 3]];
const WEST: Array<[number, number | null]> = [[1000, 2], [2000, 2], [3000, 2]];
const east: DisplaySeries = { key: "A/east", name: "east", color: "#111111", field: field(), samples: Samples.fromPairs(EAST) };
const west: DisplaySeries = { key: "A/west", name: "west", color: "#222222", field: field(), samples: Samples.fromPairs(WEST) };
const lone: DisplaySeries = { key: "B/lone", name: "lone", color: "#333333", field: field(), samples: Samples.fromPairs([[1000, 5]]) };
const DEFAULTS = timeSeriesPanel.defaults.options;

type AnySeries = Record<string, unknown> & { name: string; type: string; data: unknown };

/** A series' data as [t, v] pairs, whether ECharts gets pairs or a flat typed array (NaN = gap). */
function pointsOf(data: unknown): unknown {
  if (!(data instanceof Float64Array)) return data;
  return Array.from({ length: data.length / 2 }, (_, i) => [data[2 * i], Number.isNaN(data[2 * i + 1]!) ? null : data[2 * i + 1]]);
}
type AnyAxis = Record<string, unknown> & { axisLabel: { formatter: (v: number) => string } };

function build(overrides: Partial<TimeSeriesOptions> = {}, input: Partial<TimeSeriesChartInput> = {}) {
  const option = toChartOption({
    series: [east, west],
    hidden: new Set(),
    options: { ...DEFAULTS, ...overrides },
    timeRange: { startMs: 0, endMs: 4000 },
    timezone: "utc",
    ...input,
  });
  return { option, series: option.series as AnySeries[], yAxis: option.yAxis as AnyAxis[], tooltip: option.tooltip as Record<string, unknown> };
}

describe("toChartOption (time series)", () => {
  it("draws lines on a time axis spanning the range, gaps kept", () => {
    const { option, series } = build();
    expect(option.xAxis).toMatchObject({ type: "time", min: 0, max: 4000 });
    expect(option.useUTC).toBe(true);
    expect(series.map((s) => [s.type, s.name, s.color, pointsOf(s.data), s.connectNulls, s.stack])).toEqual([
      ["line", "east", "#111111", EAST, false, undefined],
      ["line", "west", "#222222", WEST, false, undefined],
    ]);
  });

  it.each<[string, Partial<TimeSeriesOptions>, Record<string, unknown>]>([
    ["line width", { lineWidth: 3 }, { lineStyle: { width: 3 }, areaStyle: undefined }],
    ["area fill", { fillOpacity: 25 }, { areaStyle: { opacity: 0.25 } }],
    ["bars", { drawStyle: "bars", fillOpacity: 50 }, { type: "bar", itemStyle: { opacity: 0.5 } }],
    ["points", { drawStyle: "points" }, { type: "line", showSymbol: true, lineStyle: { width: 0 } }],
    ["points always", { showPoints: "always" }, { showSymbol: true }],
    ["points never", { showPoints: "never" }, { showSymbol: false }],
    ["points auto with room", { showPoints: "auto" }, { showSymbol: true }],
    ["normal stacking", { stacking: "normal" }, { stack: "total" }],
  ])("%s", (_name, options, expected) => {
    expect(build(options).series[0]).toMatchObject(expected);
  });

  it("hides auto points when they would crowd, but always shows a lone point", () => {
    const { series } = build({ showPoints: "auto" }, { series: [east, lone], widthPx: 20 });
    expect(series.map((s) => s.showSymbol)).toEqual([false, true]);
  });

  it("gives a single-series tooltip invisible hover targets", () => {
    const { series, tooltip } = build({ tooltip: { mode: "single" }, showPoints: "never" });
    expect(tooltip).toMatchObject({ trigger: "item" });
    expect(series[0]).toMatchObject({ showSymbol: true, itemStyle: { opacity: 0 } });
  });

  it.each<["multi" | "none", Record<string, unknown>]>([
    ["multi", { trigger: "axis" }],
    ["none", { show: false }],
  ])("tooltip mode %s", (mode, expected) => {
    expect(build({ tooltip: { mode } }).tooltip).toMatchObject(expected);
  });

  it("hands unstacked lines to ECharts as one flat typed array with named dimensions", () => {
    const s = build().series[0]!;
    expect(s.data).toBeInstanceOf(Float64Array);
    expect(Array.from(s.data as Float64Array)).toEqual([1000, 1, 2000, Number.NaN, 3000, 3]);
    expect(s).toMatchObject({ dimensions: ["time", "value"], encode: { x: 0, y: 1 } });
    expect(build({ drawStyle: "bars" }).series[0]!.data).toEqual(EAST);
  });

  it("stacks percent as shares on a 0..1 percent axis", () => {
    const { series, yAxis } = build({ stacking: "percent" });
    expect(series[0]!.data).toEqual([[1000, 1 / 3, 1], [2000, null, null], [3000, 0.6, 3]]);
    expect(series[0]!.stack).toBe("total");
    expect(yAxis).toHaveLength(1);
    expect(yAxis[0]).toMatchObject({ min: 0, max: 1 });
    expect(yAxis[0]!.axisLabel.formatter(0.5)).toBe("50%");
  });

  it("aligns stacked series point for point, as ECharts stacks a time axis by index", () => {
    const { series } = build({ stacking: "normal" }, { series: [east, { ...lone, samples: Samples.fromPairs([[2000, 5]]) }] });
    expect(series.map((s) => s.data)).toEqual([
      [[1000, 1], [2000, null], [3000, 3]],
      [[1000, null], [2000, 5], [3000, null]],
    ]);
  });

  it("leaves hidden series out", () => {
    expect(build({}, { hidden: new Set([east.key]) }).series.map((s) => s.name)).toEqual(["west"]);
  });

  it("formats the y axis with the unit and honours min/max", () => {
    const bytes = { ...east, field: field("bytes", { min: 0, max: 4096, decimals: 1 }) };
    const { yAxis } = build({}, { series: [bytes] });
    expect(yAxis[0]).toMatchObject({ min: 0, max: 4096, scale: false });
    expect(yAxis[0]!.axisLabel.formatter(2048)).toBe("2.0 KiB");
  });

  it("puts a second unit on a right-hand axis", () => {
    const seconds = { ...west, field: field("s") };
    const { yAxis, series } = build({}, { series: [east, seconds, lone] });
    expect(yAxis.map((a) => a.position)).toEqual(["left", "right"]);
    expect(series.map((s) => s.yAxisIndex)).toEqual([0, 1, 0]);
    expect(yAxis[1]!.axisLabel.formatter(90)).toBe("1.50 min");
  });

  it("labels the time axis in the dashboard's zone", () => {
    const { option } = build({}, { timeRange: { startMs: 0, endMs: 3_600_000 }, timezone: "Asia/Tokyo" });
    const formatter = (option.xAxis as AnyAxis).axisLabel.formatter;
    expect(formatter(0)).toBe("09:00");
  });

  it("handles no series", () => {
    const { series, yAxis } = build({}, { series: [] });
    expect(series).toEqual([]);
    expect(yAxis).toHaveLength(1);
  });

  describe("thresholds style", () => {
    const thresholds = { mode: "absolute" as const, steps: [{ value: null, color: "green" }, { value: 2, color: "#ff8800" }, { value: 5, color: "red" }] };
    const withThresholds = (extra: object = {}) => ({ ...east, field: field("short", { thresholds, ...extra }) });
    type Marks = { yAxisIndex: number; data: unknown[]; markLine?: { data: Array<{ yAxis: number; lineStyle: { color: string } }> }; markArea?: { data: Array<[{ yAxis: number; itemStyle: { color: string; opacity: number } }, { yAxis: number }]> } };
    const marks = (mode: TimeSeriesOptions["thresholdsStyle"]["mode"], input: Partial<TimeSeriesChartInput> = {}, extra: Partial<TimeSeriesOptions> = {}) =>
      build({ thresholdsStyle: { mode }, ...extra }, { series: [withThresholds()], ...input }).series.find((s) => s.name === THRESHOLDS_SERIES_NAME) as unknown as Marks | undefined;
    const lineValues = (m: Marks | undefined) => m?.markLine?.data.map((d) => [d.yAxis, d.lineStyle.color]);
    const bands = (m: Marks | undefined) => m?.markArea?.data.map(([from, to]) => [from.yAxis, to.yAxis, from.itemStyle.color]);

    it("off draws nothing extra", () => {
      expect(marks("off")).toBeUndefined();
      expect(build({}, { series: [withThresholds()] }).series).toHaveLength(1);
    });

    it("line: one line per step above the base, in the step's colour, no areas", () => {
      const m = marks("line");
      expect(lineValues(m)).toEqual([[2, "#ff8800"], [5, cssColor("red")]]);
      expect(m?.markArea).toBeUndefined();
      expect(m?.data).toEqual([]);
    });

    it("area: a band per step from -inf to +inf, translucent, no lines", () => {
      const m = marks("area");
      expect(bands(m)).toEqual([[-Infinity, 2, cssColor("green")], [2, 5, "#ff8800"], [5, Infinity, cssColor("red")]]);
      expect(m?.markArea?.data.every(([from]) => from.itemStyle.opacity > 0 && from.itemStyle.opacity < 1)).toBe(true);
      expect(m?.markLine).toBeUndefined();
    });

    it("line+area: both", () => {
      const m = marks("line+area");
      expect(lineValues(m)).toHaveLength(2);
      expect(bands(m)).toHaveLength(3);
    });

    it("percentage steps are of the field's min..max, else of the data's", () => {
      const percentage = { ...thresholds, mode: "percentage" as const, steps: [{ value: null, color: "green" }, { value: 50, color: "red" }] };
      const data: DisplaySeries = { ...east, samples: Samples.fromPairs([[1000, 10], [2000, 30]]), field: field("short", { thresholds: percentage }) };
      expect(lineValues(marks("line", { series: [data] }))).toEqual([[20, cssColor("red")]]);
      const bounded = { ...data, field: field("short", { thresholds: percentage, min: 0, max: 200 }) };
      expect(lineValues(marks("line", { series: [bounded] }))).toEqual([[100, cssColor("red")]]);
    });

    it("follow the first shown series, on its axis", () => {
      const seconds = { ...west, field: field("s", { thresholds: { mode: "absolute" as const, steps: [{ value: null, color: "green" }, { value: 9, color: "blue" }] } }) };
      const m = marks("line", { series: [withThresholds(), seconds], hidden: new Set([east.key]) });
      expect(lineValues(m)).toEqual([[9, cssColor("blue")]]);
      expect(m?.yAxisIndex).toBe(0);
    });

    it("are left out with no series shown, and on a percent stack (its axis is shares, not values)", () => {
      expect(marks("line", { hidden: new Set([east.key]) })).toBeUndefined();
      expect(marks("line", {}, { stacking: "percent" })).toBeUndefined();
    });

    it("keep the tooltip to the real series", () => {
      const option = build({ thresholdsStyle: { mode: "line" } }, { series: [withThresholds()] }).option;
      const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
      const html = formatter([{ seriesIndex: 0, value: [1000, 1], axisValue: 1000 }, { seriesIndex: 1, value: [1000, 99], axisValue: 1000 }]);
      expect(html).toContain("east");
      expect(html).not.toContain(THRESHOLDS_SERIES_NAME);
    });
  });
});
