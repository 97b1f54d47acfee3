import type { ChartOption } from "@/components/charts/echart";
import type { Unit } from "@/lib/dashboards/schema/field-config";
import type { PanelOf } from "@/lib/dashboards/schema/panels";
import { formatAxisTime, type PanelTimezone } from "@/lib/panels/time-format";
import { thresholdLevels } from "@/lib/panels/thresholds";
import { formatValue } from "@/lib/units/format";
import type { PanelTimeRange } from "../types";
import { drawsM4, lineData, pixelGrid, type PlotArea } from "./decimate";
import { alignPoints, toPercentStack, type DisplaySeries } from "./prepare-series";
import { formatTimeSeriesTooltip, type TooltipSeries } from "./tooltip";

export type TimeSeriesOptions = PanelOf<"timeseries">["options"];

export interface TimeSeriesChartInput {
  series: readonly DisplaySeries[];
  /** Keys of series hidden from the legend. */
  hidden: ReadonlySet<string>;
  options: TimeSeriesOptions;
  timeRange: PanelTimeRange;
  timezone: PanelTimezone;
  /** Width of the plot in px; "auto" points show only when they have room. */
  widthPx?: number;
  /** Device pixels per CSS px: M4 reduces to the canvas's own pixel columns. */
  pixelRatio?: number;
  /**
   * Where ECharts put the x axis last time (EChart's `onLayout`), so M4's columns are the canvas's.
   * Until known, the grid's margins are assumed (the axis labels may take more: one more pass).
   */
  plot?: PlotArea;
}

/** The name of the data-less series that carries the threshold lines and areas. */
export const THRESHOLDS_SERIES_NAME = "__thresholds";
// Grafana fills threshold areas at this opacity, so the series stay readable on top.
const THRESHOLD_AREA_OPACITY = 0.15;
// Grafana's "auto" points: drawn when each has about this many pixels to itself.
const AUTO_POINTS_MIN_SPACING_PX = 12;

interface AxisGroup {
  unit: Unit;
  decimals?: number;
  min?: number;
  max?: number;
}

/** Series of a second unit get a right-hand axis, as in Grafana; further units share it. */
function axisGroups(series: readonly DisplaySeries[], percent: boolean): { axes: AxisGroup[]; axisOf: number[] } {
  if (percent) return { axes: [{ unit: "percentunit", min: 0, max: 1 }], axisOf: series.map(() => 0) };
  const axes: AxisGroup[] = [];
  const axisOf = series.map((s) => {
    let index = axes.findIndex((a) => a.unit === s.field.unit);
    if (index === -1) {
      index = Math.min(axes.length, 1);
      if (axes[index] === undefined) axes.push({ unit: s.field.unit, decimals: s.field.decimals });
    }
    const axis = axes[index]!;
    axis.min ??= s.field.min;
    axis.max ??= s.field.max;
    return index;
  });
  if (axes.length === 0) axes.push({ unit: "short" });
  return { axes, axisOf };
}

const drawnCount = (s: DisplaySeries) => s.samples.drawnCount();

// "auto" decides for the whole panel by its densest series, so all series look alike.
function showSymbols(options: TimeSeriesOptions, s: DisplaySeries, autoPoints: boolean): boolean {
  if (options.drawStyle === "points" || options.showPoints === "always" || drawnCount(s) <= 1) return true;
  if (options.showPoints === "never") return false;
  return autoPoints;
}

function seriesOption(s: DisplaySeries, data: Array<Array<number | null>> | Float64Array, yAxisIndex: number, options: TimeSeriesOptions, autoPoints: boolean) {
  const stack = options.stacking === "none" ? undefined : "total";
  // A flat [t, v, t, v, …] array needs its two dimensions named. ECharts' types do not list typed
  // arrays for `data` although its runtime reads them (a typed-array source), hence the cast.
  const source = data instanceof Float64Array ? { data: data as unknown as number[][], dimensions: ["time", "value"], encode: { x: 0, y: 1 } } : { data };
  // ECharts' own sampling stays off: series are M4-reduced (exact per pixel column) before they get here.
  const common = { name: s.name, color: s.color, ...source, yAxisIndex, stack, emphasis: { disabled: true }, animation: false, sampling: "none" as const };
  if (options.drawStyle === "bars") {
    return { ...common, type: "bar" as const, barMaxWidth: 24, itemStyle: { opacity: options.fillOpacity > 0 ? options.fillOpacity / 100 : 1 } };
  }
  const points = options.drawStyle === "points";
  const symbols = showSymbols(options, s, autoPoints);
  // A single-series tooltip triggers on data points; invisible ones give it something to hover.
  const hoverOnly = !symbols && options.tooltip.mode === "single";
  return {
    ...common,
    type: "line" as const,
    connectNulls: false,
    showSymbol: symbols || hoverOnly,
    itemStyle: hoverOnly ? { opacity: 0 } : undefined,
    symbolSize: points ? 5 : 4,
    lineStyle: { width: points ? 0 : options.lineWidth },
    areaStyle: options.fillOpacity > 0 && !points ? { opacity: options.fillOpacity / 100 } : undefined,
  };
}

function finiteRange(series: readonly DisplaySeries[]): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    s.samples.forEachFinite((v) => {
      if (v < min) min = v;
      if (v > max) max = v;
    });
  }
  return min <= max ? { min, max } : null;
}

/**
 * Grafana's `thresholdsStyle`: the first shown series' thresholds (overrides applied) as
 * horizontal lines at each step, bands in each step's colour, or both, on that series' axis.
 * Percentage steps are of the field's min..max, else of the data's on that axis. Drawn by a
 * series without data, so tooltips and the legend never list it.
 */
export function thresholdsSeries(visible: readonly DisplaySeries[], axisOf: readonly number[], options: TimeSeriesOptions) {
  const mode = options.thresholdsStyle.mode;
  const first = visible[0];
  if (mode === "off" || first === undefined || options.stacking === "percent") return null;
  const axis = axisOf[0] ?? 0;
  const range = finiteRange(visible.filter((_, i) => (axisOf[i] ?? 0) === axis)) ?? { min: 0, max: 100 };
  const levels = thresholdLevels(first.field.thresholds, first.field.min ?? range.min, first.field.max ?? range.max);
  const lines = mode === "line" || mode === "line+area";
  const areas = mode === "area" || mode === "line+area";
  return {
    type: "line" as const,
    name: THRESHOLDS_SERIES_NAME,
    data: [],
    yAxisIndex: axis,
    silent: true,
    animation: false,
    markLine: lines
      ? {
          silent: true,
          symbol: "none",
          animation: false,
          label: { show: false },
          // Every level but the base one (which starts at −∞) begins at a threshold value.
          data: levels.filter((l) => Number.isFinite(l.from)).map((l) => ({ yAxis: l.from, lineStyle: { color: l.color, type: "solid" as const, width: 1 } })),
        }
      : undefined,
    markArea: areas
      ? {
          silent: true,
          animation: false,
          // ±Infinity: ECharts clips the band to the grid, whatever the axis shows.
          data: levels.map((l) => [{ yAxis: l.from, itemStyle: { color: l.color, opacity: THRESHOLD_AREA_OPACITY } }, { yAxis: l.to }] as [object, object]),
        }
      : undefined,
  };
}

/** Turns prepared series and the panel's options into a time-series chart option (pure). */
export function toChartOption({ series, hidden, options, timeRange, timezone, widthPx = 800, pixelRatio = 1, plot }: TimeSeriesChartInput): ChartOption {
  const visible = series.filter((s) => !hidden.has(s.key));
  const percent = options.stacking === "percent";
  const { axes, axisOf } = axisGroups(visible, percent);
  // containLabel: room for the axis labels, measured from the ticks (echart.tsx: ECharts 5's cheap
  // way, not ECharts 6's outer-bounds estimate, which laid out every axis twice per draw).
  const grid = { left: 8, right: axes.length > 1 ? 8 : 16, top: 12, bottom: 4, containLabel: true };
  // M4 over the canvas's pixel columns when a series has more than 4 points per column (lines only).
  const columns = pixelGrid(timeRange.startMs, timeRange.endMs, plot ?? { leftPx: grid.left, widthPx: widthPx - grid.left - grid.right }, pixelRatio);
  const m4 = drawsM4(options);
  // Unstacked lines: typed arrays, the cheapest input ECharts takes. Bars: [t, v] pairs. Stacks: one
  // grid of pairs (ECharts stacks by data index), percent ones carrying the original value for the tooltip.
  const pairs = () => (options.stacking === "none" ? visible.map((s) => s.samples.toPairs()) : alignPoints(visible.map((s) => s.samples.toPairs())));
  const data: Array<Array<Array<number | null>> | Float64Array> =
    options.stacking === "none" && options.drawStyle !== "bars" ? visible.map((s) => lineData(s.samples, columns, m4).data) : percent ? toPercentStack(pairs()) : pairs();
  const tooltipSeries: TooltipSeries[] = visible.map((s) => ({ name: s.name, color: s.color, unit: s.field.unit, decimals: s.field.decimals }));
  const spanMs = timeRange.endMs - timeRange.startMs;
  const autoPoints = Math.max(0, ...visible.map(drawnCount)) * AUTO_POINTS_MIN_SPACING_PX <= widthPx;
  const thresholds = thresholdsSeries(visible, axisOf, options);
  return {
    animation: false,
    useUTC: timezone === "utc",
    grid,
    tooltip:
      options.tooltip.mode === "none"
        ? { show: false }
        : {
            trigger: options.tooltip.mode === "single" ? "item" : "axis",
            confine: true,
            axisPointer: { type: "line" },
            formatter: (params: unknown) => formatTimeSeriesTooltip(params, tooltipSeries, timezone),
          },
    xAxis: {
      type: "time",
      min: timeRange.startMs,
      max: timeRange.endMs,
      // Colours come from the chart theme (components/charts/chart-theme.ts), so they follow dark and light.
      axisLabel: { hideOverlap: true, formatter: (v: number) => formatAxisTime(v, spanMs, timezone) },
      splitLine: { show: false },
    },
    yAxis: axes.map((axis, i) => ({
      type: "value" as const,
      position: i === 0 ? ("left" as const) : ("right" as const),
      // Unstacked lines fit the data, as Grafana's soft range does; stacks start from zero.
      scale: options.stacking === "none" && axis.min === undefined,
      min: axis.min,
      max: axis.max,
      axisLabel: { formatter: (v: number) => formatValue(v, axis.unit, axis.decimals) },
      splitLine: { show: i === 0 },
    })),
    series: [...visible.map((s, i) => seriesOption(s, data[i] ?? [], axisOf[i] ?? 0, options, autoPoints)), ...(thresholds ? [thresholds] : [])],
  };
}
