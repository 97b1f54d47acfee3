import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { UnsupportedPanel } from "./unsupported-panel";

export const unsupportedPanel: PanelDefinition<"unsupported"> = { ...PANEL_CATALOG.unsupported, Component: UnsupportedPanel };
