import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { StatPanel } from "./stat-panel";

export const statPanel: PanelDefinition<"stat"> = {
  type: "stat",
  name: "Stat",
  Component: StatPanel,
  defaults: {
    options: { reduce: "lastNotNull", graphMode: "area", colorMode: "value" },
    fieldConfig: THRESHOLD_COLORED_FIELD_CONFIG,
  },
};
