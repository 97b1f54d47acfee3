import { verticalCompactor } from "react-grid-layout/core";
import { applyGridLayout } from "@/lib/dashboards/edit/grid-layout";
import { buildLayout } from "@/lib/dashboards/layout";
import type { Dashboard } from "@/lib/dashboards/schema";
import { GRID_COLUMNS } from "@/lib/dashboards/schema/constants";

/**
 * The dashboard as the edit grid lays it out (compacted upwards, as DashboardGrid does). Editing
 * starts from this, so the grid's first layout report is not mistaken for an unsaved change.
 */
export function normalizeLayout(dashboard: Dashboard): Dashboard {
  const layout = buildLayout(dashboard, {}, {}).map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { h: 1 } : {}) }));
  return applyGridLayout(dashboard, verticalCompactor.compact(layout, GRID_COLUMNS));
}
