import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { BarGaugePanel } from "./bar-gauge-panel";

export const barGaugePanel: PanelDefinition<"bargauge"> = {
  type: "bargauge",
  name: "Bar gauge",
  Component: BarGaugePanel,
  defaults: {
    options: { reduce: "lastNotNull", orientation: "horizontal", displayMode: "gradient" },
    fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG,
  },
};
