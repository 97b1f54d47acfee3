import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { StatPanel } from "./stat-panel";

export const statPanel: PanelDefinition<"stat"> = { ...PANEL_CATALOG.stat, Component: StatPanel };
