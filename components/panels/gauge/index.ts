import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { GaugePanel } from "./gauge-panel";

export const gaugePanel: PanelDefinition<"gauge"> = {
  type: "gauge",
  name: "Gauge",
  Component: GaugePanel,
  defaults: {
    options: { reduce: "lastNotNull", showThresholdMarkers: true },
    fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG,
  },
};
