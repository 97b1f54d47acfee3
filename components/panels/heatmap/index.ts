import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { HeatmapPanel } from "./heatmap-panel";

export const heatmapPanel: PanelDefinition<"heatmap"> = {
  type: "heatmap",
  name: "Heatmap",
  Component: HeatmapPanel,
  defaults: { options: { colorScheme: "oranges", hideEmptyBuckets: false }, fieldConfig: DEFAULT_FIELD_CONFIG },
};
