"use client";

import { lazy, Suspense, type ComponentType } from "react";
import type { PanelType } from "@/lib/dashboards/schema/panels";
import { loadEChart } from "@/components/panels/lazy-echart";
import type { PanelProps } from "@/components/panels/types";

/** Panel types an embed can show (knative-concurrency builds its own queries: SoloPanel says so instead). */
export type SoloPanelType = Exclude<PanelType, "knative-concurrency">;

// components/panels/registry.ts imports every panel type (markdown, tables, Knative, ...); an embed
// shows one panel, so each type's component is its own chunk here, loaded when a panel of it arrives.
const LOADERS: { readonly [T in SoloPanelType]: () => Promise<ComponentType<PanelProps<T>>> } = {
  timeseries: () => import("@/components/panels/time-series/time-series-panel").then((m) => m.TimeSeriesPanel),
  stat: () => import("@/components/panels/stat/stat-panel").then((m) => m.StatPanel),
  gauge: () => import("@/components/panels/gauge/gauge-panel").then((m) => m.GaugePanel),
  bargauge: () => import("@/components/panels/bar-gauge/bar-gauge-panel").then((m) => m.BarGaugePanel),
  table: () => import("@/components/panels/table/table-panel").then((m) => m.TablePanel),
  heatmap: () => import("@/components/panels/heatmap/heatmap-panel").then((m) => m.HeatmapPanel),
  text: () => import("@/components/panels/text/text-panel").then((m) => m.TextPanel),
  unsupported: () => import("@/components/panels/unsupported/unsupported-panel").then((m) => m.UnsupportedPanel),
};

/** Types whose component draws with ECharts (its chunk is fetched alongside the component's). */
const CHART_TYPES: ReadonlySet<string> = new Set(["timeseries", "stat", "gauge", "heatmap"]);

// React.lazy rather than next/dynamic (its loader runtime is ~1 KiB gzip more on this page): the view
// renders only in the browser, once the panel's size is measured, so there is nothing to server-render.
const COMPONENTS = Object.fromEntries(
  (Object.keys(LOADERS) as SoloPanelType[]).map((type) => [type, lazy(() => (LOADERS[type] as () => Promise<ComponentType<PanelProps>>)().then((c) => ({ default: c })))]),
) as unknown as Readonly<Record<SoloPanelType, ComponentType<PanelProps>>>;

export function isSoloPanelType(type: string): type is SoloPanelType {
  return Object.hasOwn(LOADERS, type);
}

/** Starts downloading a type's component, and ECharts for chart types, in parallel (no waterfall after the data). */
export function preloadSoloPanel(type: SoloPanelType): void {
  void LOADERS[type]().catch(() => undefined);
  if (CHART_TYPES.has(type)) void loadEChart().catch(() => undefined);
}

/** PanelView from the type's own chunk; nothing for a type an embed cannot show (SoloPanel says why). */
export function SoloPanelView(props: PanelProps) {
  const type = props.panel.type;
  if (!isSoloPanelType(type)) return null;
  const Component = COMPONENTS[type];
  return (
    <Suspense fallback={<div aria-hidden="true" className="h-full w-full" />}>
      <Component {...props} />
    </Suspense>
  );
}
