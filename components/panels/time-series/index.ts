import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { TimeSeriesPanel } from "./time-series-panel";

export const timeSeriesPanel: PanelDefinition<"timeseries"> = {
  type: "timeseries",
  name: "Time series",
  Component: TimeSeriesPanel,
  defaults: {
    options: {
      drawStyle: "line",
      lineWidth: 1,
      fillOpacity: 0,
      showPoints: "auto",
      stacking: "none",
      legend: { displayMode: "list", placement: "bottom", calcs: [] },
      tooltip: { mode: "multi" },
      thresholdsStyle: { mode: "off" },
    },
    fieldConfig: DEFAULT_FIELD_CONFIG,
  },
};
