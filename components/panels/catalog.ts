import type { PanelType } from "@/lib/dashboards/schema/panels";
import { DEFAULT_FIELD_CONFIG, THRESHOLD_COLORED_FIELD_CONFIG } from "./defaults";
import type { PanelDefaults } from "./types";

/** What a panel type is without its component: its name for pickers and what a new panel starts with. */
export interface PanelTypeInfo<T extends PanelType = PanelType> {
  type: T;
  /** Human name for pickers, e.g. "Time series". */
  name: string;
  defaults: PanelDefaults<T>;
}

/**
 * Every panel type's name and defaults, keyed by type, without importing any panel's component: the
 * dashboard page and its edit actions need these, while the components (markdown, tables, Knative,
 * ECharts) load only for the types a dashboard shows (panel-view.tsx). A new type in the schema
 * fails to compile here.
 */
export const PANEL_CATALOG: { readonly [T in PanelType]: PanelTypeInfo<T> } = {
  timeseries: {
    type: "timeseries",
    name: "Time series",
    defaults: {
      options: {
        drawStyle: "line",
        lineWidth: 1,
        fillOpacity: 0,
        showPoints: "auto",
        stacking: "none",
        legend: { displayMode: "list", placement: "bottom", calcs: [] },
        tooltip: { mode: "multi" },
        thresholdsStyle: { mode: "off" },
      },
      fieldConfig: DEFAULT_FIELD_CONFIG,
    },
  },
  stat: {
    type: "stat",
    name: "Stat",
    defaults: { options: { reduce: "lastNotNull", graphMode: "area", colorMode: "value" }, fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG },
  },
  gauge: {
    type: "gauge",
    name: "Gauge",
    defaults: { options: { reduce: "lastNotNull", showThresholdMarkers: true }, fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG },
  },
  bargauge: {
    type: "bargauge",
    name: "Bar gauge",
    defaults: { options: { reduce: "lastNotNull", orientation: "horizontal", displayMode: "gradient" }, fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG },
  },
  table: { type: "table", name: "Table", defaults: { options: { showHeader: true }, fieldConfig: DEFAULT_FIELD_CONFIG } },
  heatmap: { type: "heatmap", name: "Heatmap", defaults: { options: { colorScheme: "oranges", hideEmptyBuckets: false }, fieldConfig: DEFAULT_FIELD_CONFIG } },
  text: { type: "text", name: "Text", defaults: { options: { mode: "markdown", content: "" }, fieldConfig: DEFAULT_FIELD_CONFIG } },
  "knative-concurrency": {
    type: "knative-concurrency",
    name: "Knative concurrency",
    defaults: { options: { namespace: "$namespace", revision: "$revision", chart: "concurrency" }, fieldConfig: DEFAULT_FIELD_CONFIG },
  },
  // Placeholder for imported Grafana panels of a type Orrery has not got; not offered in pickers.
  unsupported: { type: "unsupported", name: "Unsupported (imported)", defaults: { options: { grafanaType: "", reason: "" }, fieldConfig: DEFAULT_FIELD_CONFIG } },
};

/** Every panel type, in catalog order. */
export const PANEL_TYPES = Object.keys(PANEL_CATALOG) as PanelType[];

/** Panel types in the order a picker lists them: "unsupported" only comes from Grafana import. */
export const PICKABLE_PANEL_TYPES = PANEL_TYPES.filter((t) => t !== "unsupported");
