import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { TextPanel } from "./text-panel";

export const textPanel: PanelDefinition<"text"> = { ...PANEL_CATALOG.text, Component: TextPanel };
