import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { HeatmapPanel } from "./heatmap-panel";

export const heatmapPanel: PanelDefinition<"heatmap"> = { ...PANEL_CATALOG.heatmap, Component: HeatmapPanel };
