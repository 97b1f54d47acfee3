import { describe, expect, it } from "vitest";
import type { Unit } from "@/lib/dashboards/schema/field-config";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { timeSeriesPanel } from "./index";
import type { DisplaySeries } from "./prepare-series";
import { toChartOption, type TimeSeriesChartInput, type TimeSeriesOptions } from "./to-chart-option";

const field = (unit: Unit = "short", extra: object = {}) => ({ ...DEFAULT_FIELD_CONFIG.defaults, unit, displayName: "", ...extra });
const east: DisplaySeries = { key: "A/east", name: "east", color: "#111111", field: field(), points: [[1000, 1], [2000, null], [3000, 3]] };
const west: DisplaySeries = { key: "A/west", name: "west", color: "#222222", field: field(), points: [[1000, 2], [2000, 2], [3000, 2]] };
const lone: DisplaySeries = { key: "B/lone", name: "lone", color: "#333333", field: field(), points: [[1000, 5]] };
const DEFAULTS = timeSeriesPanel.defaults.options;

type AnySeries = Record<string, unknown> & { name: string; type: string; data: unknown };
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
    expect(series.map((s) => [s.type, s.name, s.color, s.data, s.connectNulls, s.stack])).toEqual([
      ["line", "east", "#111111", east.points, false, undefined],
      ["line", "west", "#222222", west.points, false, undefined],
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

  it("stacks percent as shares on a 0..1 percent axis", () => {
    const { series, yAxis } = build({ stacking: "percent" });
    expect(series[0]!.data).toEqual([[1000, 1 / 3, 1], [2000, null, null], [3000, 0.6, 3]]);
    expect(series[0]!.stack).toBe("total");
    expect(yAxis).toHaveLength(1);
    expect(yAxis[0]).toMatchObject({ min: 0, max: 1 });
    expect(yAxis[0]!.axisLabel.formatter(0.5)).toBe("50%");
  });

  it("aligns stacked series point for point, as ECharts stacks a time axis by index", () => {
    const { series } = build({ stacking: "normal" }, { series: [east, { ...lone, points: [[2000, 5]] }] });
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
});
