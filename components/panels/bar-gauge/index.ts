import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { BarGaugePanel } from "./bar-gauge-panel";

export const barGaugePanel: PanelDefinition<"bargauge"> = { ...PANEL_CATALOG.bargauge, Component: BarGaugePanel };
