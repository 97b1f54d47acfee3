import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { TimeSeriesPanel } from "./time-series-panel";

export const timeSeriesPanel: PanelDefinition<"timeseries"> = { ...PANEL_CATALOG.timeseries, Component: TimeSeriesPanel };
