import type { ComponentType } from "react";
import type { PanelOf, PanelType } from "@/lib/dashboards/schema/panels";
import type { VariableScope } from "@/lib/dashboards/variables/types";
import type { PanelData } from "@/lib/panels/panel-data";
import type { PanelTimezone } from "@/lib/panels/time-format";
import type { DatasourceInfo } from "@/lib/promql/types";
import type { PlotArea } from "@/lib/charts/pixel-grid";

/** The absolute time range a panel shows, in epoch ms. */
export interface PanelTimeRange {
  startMs: number;
  endMs: number;
}

/** What every panel component receives. It fills `width` × `height` (CSS px) and nothing more. */
export interface PanelProps<T extends PanelType = PanelType> {
  data: PanelData;
  panel: PanelOf<T>;
  width: number;
  height: number;
  timeRange: PanelTimeRange;
  /** Drag-to-zoom on a time axis; absent means the panel does not offer zooming. */
  onTimeRangeChange?: (startMs: number, endMs: number) => void;
  /** "browser", "utc" or an IANA zone, as in the dashboard's `timezone`. */
  timezone: PanelTimezone;
  /** Panels with the same group share the crosshair and tooltip (Grafana's graphTooltip). */
  syncGroup?: string;
  /** Dashboard variables and datasources, for panels that build their own queries (knative-concurrency). */
  scope?: VariableScope;
  datasources?: readonly DatasourceInfo[];
  /** Time series: where the chart put its time axis (CSS px), so the server's M4 reduces over its pixel columns. */
  onPlotArea?: (plot: PlotArea) => void;
}

/** Settings a new panel of the type starts with: the schema's defaults, parsed. */
export interface PanelDefaults<T extends PanelType> {
  options: PanelOf<T>["options"];
  fieldConfig: PanelOf<T>["fieldConfig"];
}

/** A panel type: how it renders and what a new one starts with. */
export interface PanelDefinition<T extends PanelType = PanelType> {
  type: T;
  /** Human name for pickers, e.g. "Time series". */
  name: string;
  Component: ComponentType<PanelProps<T>>;
  defaults: PanelDefaults<T>;
}
