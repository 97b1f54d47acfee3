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

/**
 * Every panel type's definition with its component, keyed by type; a new type in the schema fails to
 * compile here. Imports every panel's code: for editors and tests. A dashboard view renders through
 * panel-view.tsx (one chunk per type, loaded for the types it shows) and names types via catalog.ts.
 */
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

export { PANEL_TYPES, PICKABLE_PANEL_TYPES } from "./catalog";

export function getPanelDefinition<T extends PanelType>(type: T): PanelDefinition<T> {
  return PANEL_REGISTRY[type];
}
