import type { PanelType } from "@/lib/dashboards/schema/panels";
import { barGaugePanel } from "./bar-gauge";
import { gaugePanel } from "./gauge";
import { heatmapPanel } from "./heatmap";
import { knativeConcurrencyPanel } from "./knative-concurrency";
import { statPanel } from "./stat";
import { tablePanel } from "./table";
import { textPanel } from "./text";
import { timeSeriesPanel } from "./time-series";
import { unsupportedPanel } from "./unsupported";
import type { PanelDefinition } from "./types";

/** Every panel type's definition, keyed by type; a new type in the schema fails to compile here. */
export type PanelRegistry = { readonly [T in PanelType]: PanelDefinition<T> };

export const PANEL_REGISTRY: PanelRegistry = {
  timeseries: timeSeriesPanel,
  stat: statPanel,
  gauge: gaugePanel,
  bargauge: barGaugePanel,
  table: tablePanel,
  heatmap: heatmapPanel,
  text: textPanel,
  "knative-concurrency": knativeConcurrencyPanel,
  unsupported: unsupportedPanel,
};

/** Every panel type, in registry order. */
export const PANEL_TYPES = Object.keys(PANEL_REGISTRY) as PanelType[];

/** Panel types in the order a picker lists them: "unsupported" only comes from Grafana import. */
export const PICKABLE_PANEL_TYPES = PANEL_TYPES.filter((t) => t !== "unsupported");

export function getPanelDefinition<T extends PanelType>(type: T): PanelDefinition<T> {
  return PANEL_REGISTRY[type];
}
