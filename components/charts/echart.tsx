"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
// The only module that imports ECharts (STYLE §7.3): tree-shaken, so register every module used here.
import {
  BarChart,
  GaugeChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type GraphSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
} from "echarts/charts";
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import type { ECElementEvent, EChartsType } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useAppTheme } from "@/components/ui/theme-toggle";
import { chartTheme, type AppTheme } from "./chart-theme";
import { drawEveryLineVertex } from "./exact-lines";

echarts.use([
  LineChart,
  BarChart,
  GaugeChart,
  HeatmapChart,
  GraphChart,
  GridComponent,
  TooltipComponent,
  ToolboxComponent,
  VisualMapContinuousComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);
// Lines keep every vertex (exact per pixel column after M4): see exact-lines.ts.
drawEveryLineVertex();

/** The ECharts option shapes the registered modules can draw. */
export type ChartOption = echarts.ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GaugeSeriesOption
  | GraphSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | ToolboxComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>;

/** Typed ECharts events a caller may bind. */
export interface EChartEvents {
  click?: (event: ECElementEvent) => void;
}

export interface EChartProps {
  option: ChartOption;
  /** Text alternative for the canvas, e.g. "Graph of 3 series". */
  ariaLabel: string;
  className?: string;
  /** Charts in one group share the tooltip and crosshair (echarts.connect). */
  group?: string;
  events?: EChartEvents;
  /** Enables drag-to-zoom on the x axis and reports the selected span (axis values, e.g. epoch ms). */
  onZoomSelect?: (startValue: number, endValue: number) => void;
  /** Called after each draw and resize with where the first x axis lies (e.g. for pixel-exact M4). */
  onLayout?: (layout: ChartLayout) => void;
}

/** The drawn chart's geometry. */
export interface ChartLayout {
  /** CSS px from the canvas's left edge of an x-axis value of the first grid; NaN when there is none. */
  xToPixel: (value: number) => number;
}

function layoutOf(chart: EChartsType): ChartLayout {
  return {
    xToPixel: (value) => {
      const px: unknown = chart.convertToPixel({ xAxisIndex: 0 }, value);
      return typeof px === "number" ? px : Number.NaN;
    },
  };
}

// ECharts draws drag-to-zoom only through the toolbox's dataZoom feature, and only while the toolbox
// is shown; an empty icon keeps the feature working with no visible button.
const ZOOM_SELECT_TOOLBOX: ToolboxComponentOption = {
  show: true,
  showTitle: false,
  itemSize: 0,
  itemGap: 0,
  right: 0,
  top: 0,
  feature: { dataZoom: { yAxisIndex: "none", icon: { zoom: "path://M0,0", back: "path://M0,0" } } },
};

function zoomSpan(event: unknown): [number, number] | null {
  const batch = (event as { batch?: Array<{ startValue?: unknown; endValue?: unknown }> }).batch;
  const first = batch?.[0];
  if (typeof first?.startValue !== "number" || typeof first.endValue !== "number") return null;
  return [first.startValue, first.endValue];
}

/**
 * One ECharts instance per mount: created once, given a new option only when `option` changes
 * (by reference, so memoize it), resized with its container, and disposed on unmount. It follows
 * the app's dark or light theme (chart-theme.ts), re-themed in place when that changes.
 */
export function EChart({ option, ariaLabel, className, group, events, onZoomSelect, onLayout }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const handlersRef = useRef({ events, onZoomSelect, onLayout });
  const zoomable = onZoomSelect !== undefined;
  const theme: AppTheme = useAppTheme() ?? "light";
  // The theme the instance was created with or last given; the init effect reads it once.
  const themeRef = useRef(theme);

  // Handlers change on every parent render; reading them through a ref avoids rebinding ECharts.
  useLayoutEffect(() => {
    handlersRef.current = { events, onZoomSelect, onLayout };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, chartTheme(themeRef.current), { renderer: "canvas" });
    container.dataset.chartTheme = themeRef.current;
    chartRef.current = chart;
    chart.on("click", (event) => handlersRef.current.events?.click?.(event as ECElementEvent));
    chart.on("datazoom", (event) => {
      const span = zoomSpan(event);
      if (span) handlersRef.current.onZoomSelect?.(span[0], span[1]);
    });
    const observer = new ResizeObserver(() => {
      chart.resize();
      handlersRef.current.onLayout?.(layoutOf(chart));
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(zoomable ? { ...option, toolbox: ZOOM_SELECT_TOOLBOX } : option, { notMerge: true });
    if (zoomable) {
      chart.dispatchAction({ type: "takeGlobalCursor", key: "dataZoomSelect", dataZoomSelectActive: true });
    }
    handlersRef.current.onLayout?.(layoutOf(chart));
  }, [option, zoomable]);

  // setTheme redraws the current option in the new colours: no reload, no new instance.
  useEffect(() => {
    const chart = chartRef.current;
    const container = containerRef.current;
    if (!chart || !container || themeRef.current === theme) return;
    chart.setTheme(chartTheme(theme));
    themeRef.current = theme;
    container.dataset.chartTheme = theme;
  }, [theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || group === undefined) return;
    chart.group = group;
    echarts.connect(group);
  }, [group]);

  return <div ref={containerRef} role="img" aria-label={ariaLabel} data-testid="chart" className={className} />;
}
