import type { ComponentType } from "react";
import type { PanelType } from "@/lib/dashboards/schema/panels";
import { loadEChart } from "./lazy-echart";
import type { PanelProps } from "./types";

/**
 * Each panel type's component as its own chunk (registry.ts imports them all: markdown, tables,
 * Knative's views, ...). A page loads the types it shows, when it learns which (preloadPanelTypes).
 */
export const PANEL_COMPONENT_LOADERS: { readonly [T in PanelType]: () => Promise<ComponentType<PanelProps<T>>> } = {
  timeseries: () => import("./time-series/time-series-panel").then((m) => m.TimeSeriesPanel),
  stat: () => import("./stat/stat-panel").then((m) => m.StatPanel),
  gauge: () => import("./gauge/gauge-panel").then((m) => m.GaugePanel),
  bargauge: () => import("./bar-gauge/bar-gauge-panel").then((m) => m.BarGaugePanel),
  table: () => import("./table/table-panel").then((m) => m.TablePanel),
  heatmap: () => import("./heatmap/heatmap-panel").then((m) => m.HeatmapPanel),
  text: () => import("./text/text-panel").then((m) => m.TextPanel),
  "knative-concurrency": () => import("./knative-concurrency/knative-concurrency-panel").then((m) => m.KnativeConcurrencyPanel),
  unsupported: () => import("./unsupported/unsupported-panel").then((m) => m.UnsupportedPanel),
};

/** Types whose component draws with ECharts (components/charts/echart.tsx, its own chunk). */
export const CHART_PANEL_TYPES: ReadonlySet<PanelType> = new Set<PanelType>(["timeseries", "stat", "gauge", "heatmap", "knative-concurrency"]);

/**
 * Starts downloading the components of `types`, and ECharts when one of them draws with it, all at
 * once: a page calls this as soon as it knows its panels, so the chunks arrive (and evaluate) while
 * the panels' queries run, not after their answers, and never queue behind them for one of the
 * browser's six connections per host. Returns whether ECharts was asked for.
 */
export function preloadPanelTypes(types: Iterable<PanelType>): boolean {
  let charts = false;
  for (const type of new Set(types)) {
    if (!Object.hasOwn(PANEL_COMPONENT_LOADERS, type)) continue;
    void PANEL_COMPONENT_LOADERS[type]().catch(() => undefined);
    charts ||= CHART_PANEL_TYPES.has(type);
  }
  if (charts) void loadEChart().catch(() => undefined);
  return charts;
}
