import { verticalCompactor } from "react-grid-layout/core";
import { applyGridLayout } from "@/lib/dashboards/edit";
import { buildLayout } from "@/lib/dashboards/layout";
import { GRID_COLUMNS, type Dashboard } from "@/lib/dashboards/schema";

/**
 * The dashboard as the edit grid lays it out (compacted upwards, as DashboardGrid does). Editing
 * starts from this, so the grid's first layout report is not mistaken for an unsaved change.
 */
export function normalizeLayout(dashboard: Dashboard): Dashboard {
  const layout = buildLayout(dashboard, {}, {}).map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { h: 1 } : {}) }));
  return applyGridLayout(dashboard, verticalCompactor.compact(layout, GRID_COLUMNS));
}
