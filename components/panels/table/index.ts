import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { TablePanel } from "./table-panel";

export const tablePanel: PanelDefinition<"table"> = { ...PANEL_CATALOG.table, Component: TablePanel };
