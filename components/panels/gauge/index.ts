import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { GaugePanel } from "./gauge-panel";

export const gaugePanel: PanelDefinition<"gauge"> = { ...PANEL_CATALOG.gauge, Component: GaugePanel };
