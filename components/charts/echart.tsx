"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
// The only module that imports ECharts (STYLE §7.3): tree-shaken, so register every module used here.
// Always registered: what a time series panel draws (line, cartesian grid, tooltip, canvas). The rest
// is loaded on demand (echarts-modules.ts) from ECharts' own side-effect entry points, which register
// into the same registry as `echarts/core`: /d-solo of a time series never downloads gauge or heatmap code.
import { LineChart, type BarSeriesOption, type GaugeSeriesOption, type GraphSeriesOption, type HeatmapSeriesOption, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { LegacyGridContainLabel } from "echarts/features";
import type { ECElementEvent, EChartsType } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useAppTheme } from "@/components/ui/theme-toggle";
import { chartTheme, type AppTheme } from "./chart-theme";
import { createChartJobQueue, postBrowserTask } from "./chart-jobs";
import { echartsModulesFor, optionWantsTooltip, type DeferredEChartsModule, type LazyEChartsModule } from "./echarts-modules";
import { drawEveryLineVertex } from "./exact-lines";
import { CHART_PAINTED_ATTRIBUTE, CHART_PAINTED_MARK, optionHasData, PAGE_MARKS } from "./painted-mark";

// `grid.containLabel` as in ECharts 5: the grid leaves room for the labels of the axes' own ticks,
// measured as text. Without it ECharts 6 lays out every axis twice per draw (an estimate of the
// labels' outer bounds, hideOverlap included, then the real layout): ~20 % of a time series draw.
echarts.use([LineChart, GridComponent, CanvasRenderer, LegacyGridContainLabel]);
performance.mark(PAGE_MARKS.echartsReady);
// Lines keep every vertex, so an M4-reduced line inks each pixel column's extremes exactly
// (exact-lines.ts; e2e/m4-ink.spec.ts measures it with this same patch).
drawEveryLineVertex();

// Each import registers its module when evaluated (ECharts' `lib/*` entry points call `use(install)`).
const LOADERS: Readonly<Record<LazyEChartsModule | DeferredEChartsModule, () => Promise<unknown>>> = {
  tooltip: () => import("echarts/lib/component/tooltip"),
  bar: () => import("echarts/lib/chart/bar"),
  gauge: () => import("echarts/lib/chart/gauge"),
  heatmap: () => import("echarts/lib/chart/heatmap"),
  graph: () => import("echarts/lib/chart/graph"),
  toolbox: () => import("echarts/lib/component/toolbox"),
  visualMapContinuous: () => import("echarts/lib/component/visualMapContinuous"),
  markLine: () => import("echarts/lib/component/markLine"),
  markArea: () => import("echarts/lib/component/markArea"),
};
const loading = new Map<LazyEChartsModule | DeferredEChartsModule, Promise<unknown>>();
const loaded = new Set<LazyEChartsModule | DeferredEChartsModule>();

/** null when every module is registered already (draw now), else a promise of their registration. */
function loadModules(modules: readonly (LazyEChartsModule | DeferredEChartsModule)[]): Promise<unknown> | null {
  const missing = modules.filter((m) => !loaded.has(m));
  if (missing.length === 0) return null;
  return Promise.all(
    missing.map((m) => {
      let p = loading.get(m);
      if (!p) {
        p = LOADERS[m]().then(() => loaded.add(m));
        // A failed download may be retried by the next chart that needs the module.
        p.catch(() => loading.delete(m));
        loading.set(m, p);
      }
      return p;
    }),
  );
}

/** Starts loading on-demand modules before a draw needs them (e.g. a dashboard's zoom toolbox while its panels query). */
export function preloadEChartsModules(modules: readonly (LazyEChartsModule | DeferredEChartsModule)[]): void {
  if (modules.includes("tooltip")) loadTooltip();
  void loadModules(modules.filter((m) => m !== "tooltip"))?.catch(() => undefined);
}

// Charts that drew an option naming a tooltip before the tooltip module was there (nobody asked for
// it yet: e.g. an embedded panel): once it has loaded, whoever asked for it first, each gets only its
// tooltip merged in (`setOption({tooltip})`), not its data drawn again.
const awaitingTooltip = new Map<object, () => void>();

/** Loads the tooltip module (once) and then gives it to the charts waiting for it. */
function loadTooltip(): void {
  const pending = loadModules(["tooltip"]);
  if (pending === null) return;
  void pending.then(
    () => {
      const joins = [...awaitingTooltip.values()];
      awaitingTooltip.clear();
      for (const join of joins) join();
    },
    (error: unknown) => console.error("ECharts' tooltip failed to load", error),
  );
}

/**
 * The modules to wait for before drawing `option`: its on-demand ones, plus the deferred tooltip when
 * it is already on its way (a dashboard preloads it while its panels query): drawing without it
 * would mean merging it in right after, a second update of every chart.
 */
function modulesBeforeDraw(option: ChartOption, zoomable: boolean): Promise<unknown> | null {
  const needed = loadModules(echartsModulesFor(option, zoomable));
  const tooltip = optionWantsTooltip(option) && !loaded.has("tooltip") ? loading.get("tooltip") : undefined;
  if (!tooltip) return needed;
  // A tooltip that fails to load leaves the chart without one, not undrawn.
  const tooltipSettled = tooltip.catch(() => undefined);
  return needed === null ? tooltipSettled : Promise.all([needed, tooltipSettled]);
}

// Inits and draws of every chart on the page, in order, a few per task (chart-jobs.ts).
const drawQueue = createChartJobQueue({
  post: postBrowserTask,
  now: () => performance.now(),
  budgetMs: 12,
  report: (error) => (typeof reportError === "function" ? reportError(error) : console.error(error)),
});

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
 * Once per chart, when it has first drawn an option holding data (setOption without lazyUpdate
 * renders synchronously): a User Timing mark and an attribute, read by the page benchmark and tests.
 */
function markPainted(container: HTMLElement, option: ChartOption) {
  if (container.hasAttribute(CHART_PAINTED_ATTRIBUTE) || !optionHasData(option)) return;
  container.setAttribute(CHART_PAINTED_ATTRIBUTE, "true");
  performance.mark(CHART_PAINTED_MARK);
}

/**
 * One ECharts instance per mount: created with its first option, given a new option only when
 * `option` changes (by reference, so memoize it), resized with its container, and disposed on
 * unmount. Creating and drawing go through the page's draw queue (a few charts per task), after the
 * option's on-demand ECharts modules have loaded. It follows the app's dark or light theme
 * (chart-theme.ts), re-themed in place when that changes.
 */
export function EChart({ option, ariaLabel, className, group, events, onZoomSelect, onLayout }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const observerRef = useRef<ResizeObserver | null>(null);
  // The queue's key for this mount's waiting draw.
  const ownerRef = useRef<object>({});
  // Where the pointer is over the chart (CSS px from its top left), null when it is not.
  const pointerRef = useRef<{ x: number; y: number } | null>(null);
  const handlersRef = useRef({ events, onZoomSelect, onLayout });
  const zoomable = onZoomSelect !== undefined;
  const theme: AppTheme = useAppTheme() ?? "light";
  // Read when the instance is created (after mount, from the queue): the latest theme and group.
  const themeRef = useRef(theme);
  const groupRef = useRef(group);

  // Handlers change on every parent render; reading them through a ref avoids rebinding ECharts.
  useLayoutEffect(() => {
    handlersRef.current = { events, onZoomSelect, onLayout };
    groupRef.current = group;
  });

  // Unmount: drop a waiting draw, dispose the instance if one was created.
  useEffect(() => {
    const owner = ownerRef.current;
    return () => {
      drawQueue.cancel(owner);
      awaitingTooltip.delete(owner);
      observerRef.current?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const owner = ownerRef.current;
    const full = zoomable ? { ...option, toolbox: ZOOM_SELECT_TOOLBOX } : option;
    const draw = () => {
      const container = containerRef.current;
      if (cancelled || !container) return;
      // Once per chart (a refreshing wall screen would otherwise add marks for ever).
      if (!chartRef.current) performance.mark(PAGE_MARKS.chartFirstDraw);
      const chart = chartRef.current ?? createChart(container);
      // One ECharts update per draw. The drag-to-zoom cursor is an action (its update is a full one):
      // with lazyUpdate the option waits and the action's update applies both ("still dirty"), then
      // `flush` paints now. `silent`, because charts of a group (echarts.connect) replay every
      // non-silent action: each chart's own cursor action made every other chart update in full
      // again (20 panels: ~400 updates at load, most of the dashboard's main-thread time).
      chart.setOption(full, { notMerge: true, lazyUpdate: zoomable });
      if (zoomable) chart.dispatchAction({ type: "takeGlobalCursor", key: "dataZoomSelect", dataZoomSelectActive: true }, { silent: true, flush: true });
      handlersRef.current.onLayout?.(layoutOf(chart));
      if (optionWantsTooltip(full)) {
        // Drawn without its tooltip until the module is there (first pointer, or a page's preload
        // that started after this draw): then only the tooltip joins, the data is not drawn again.
        if (!loaded.has("tooltip")) awaitingTooltip.set(owner, () => joinTooltip(full.tooltip));
        else if (pointerRef.current) chart.dispatchAction({ type: "showTip", ...pointerRef.current });
      }
      markPainted(container, option);
      // How often this chart has drawn (the page benchmark reports draws per chart).
      container.dataset.chartDraws = String(Number(container.dataset.chartDraws ?? 0) + 1);
    };
    const joinTooltip = (tooltip: ChartOption["tooltip"]) => {
      const chart = chartRef.current;
      const container = containerRef.current;
      if (cancelled || !chart || !container) return;
      // One update, keeping drag-to-zoom's cursor on, as in `draw`.
      chart.setOption({ tooltip }, { lazyUpdate: zoomable });
      if (zoomable) chart.dispatchAction({ type: "takeGlobalCursor", key: "dataZoomSelect", dataZoomSelectActive: true }, { silent: true, flush: true });
      // Counted apart from draws: a merge of the tooltip component, the series are left as they are.
      container.dataset.chartTooltipJoins = String(Number(container.dataset.chartTooltipJoins ?? 0) + 1);
      if (pointerRef.current) chart.dispatchAction({ type: "showTip", ...pointerRef.current });
    };
    const createChart = (container: HTMLDivElement) => {
      const chart = echarts.init(container, chartTheme(themeRef.current), { renderer: "canvas" });
      container.dataset.chartTheme = themeRef.current;
      chartRef.current = chart;
      chart.on("click", (event) => handlersRef.current.events?.click?.(event as ECElementEvent));
      // The first pointer over any chart loads the tooltip; once merged in, it shows where the pointer is.
      container.addEventListener("pointermove", (e) => {
        const box = container.getBoundingClientRect();
        pointerRef.current = { x: e.clientX - box.left, y: e.clientY - box.top };
        if (!loaded.has("tooltip")) loadTooltip();
      });
      container.addEventListener("pointerleave", () => {
        pointerRef.current = null;
      });
      // Only a selection dragged on this chart zooms: charts of a group (echarts.connect) replay each
      // other's dataZoom actions, and each replay fires "datazoom" on its own chart as well.
      let dragged = false;
      chart.getZr().on("mousedown", () => {
        dragged = true;
      });
      chart.on("datazoom", (event) => {
        const span = zoomSpan(event);
        if (!span || !dragged) return;
        dragged = false;
        handlersRef.current.onZoomSelect?.(span[0], span[1]);
      });
      observerRef.current = new ResizeObserver(() => {
        // The observer's first call (right after `observe`) and layout passes that leave the box as
        // it is would redraw the whole chart for nothing.
        if (container.clientWidth === chart.getWidth() && container.clientHeight === chart.getHeight()) return;
        chart.resize();
        handlersRef.current.onLayout?.(layoutOf(chart));
      });
      observerRef.current.observe(container);
      if (groupRef.current !== undefined) {
        chart.group = groupRef.current;
        echarts.connect(groupRef.current);
      }
      return chart;
    };
    const pending = modulesBeforeDraw(full, zoomable);
    if (pending === null) drawQueue.enqueue(owner, draw);
    else void pending.then(() => !cancelled && drawQueue.enqueue(owner, draw), (error: unknown) => console.error("ECharts modules failed to load", error));
    return () => {
      cancelled = true;
    };
  }, [option, zoomable]);

  // setTheme redraws the current option in the new colours: no reload, no new instance.
  useEffect(() => {
    themeRef.current = theme;
    const chart = chartRef.current;
    const container = containerRef.current;
    if (!chart || !container || container.dataset.chartTheme === theme) return;
    chart.setTheme(chartTheme(theme));
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
