import { calcGridItemPosition, verticalCompactor, type Layout } from "react-grid-layout/core";
import type { LayoutItem } from "./layout";
import type { GridItemBox } from "./viewport";
import { GRID_COLUMNS } from "./schema/constants";

// The dashboard grid's arithmetic, shared by the grid (components/dashboard/dashboard-grid.tsx), the
// panels (which plan their queries from the box the grid will give them) and the server's plan of a
// dashboard's first queries (lib/dashboards/early-queries.ts): all three must agree to the pixel.

/** Grafana's grid: 24 columns, 30 px rows, 8 px gaps. */
export const ROW_HEIGHT_PX = 30;
export const GRID_MARGIN: readonly [number, number] = [8, 8];

/** The grid container's width (CSS px) and its top relative to the viewport. */
export interface GridBox {
  width: number;
  top: number;
}

/** react-grid-layout's layout of `items` (rows one unit high, not resizable). */
export function gridLayoutOf(items: readonly LayoutItem[]): Layout {
  return items.map((item) => ({ i: item.key, ...item.gridPos, ...(item.kind === "row" ? { isResizable: false, h: 1 } : {}) }));
}

/**
 * Where each item of `layout` goes in a grid of `box` (keyed by item key), as the grid will lay it
 * out: compacted upwards first, as the grid does (a panel saved far below a gap shows right under it).
 */
export function layoutBoxes(layout: Layout, box: GridBox): Map<string, GridItemBox> {
  const params = { cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT_PX, margin: GRID_MARGIN, containerPadding: [0, 0] as const, containerWidth: box.width, maxRows: Infinity };
  return new Map(
    verticalCompactor.compact(layout, GRID_COLUMNS).map((l) => {
      const p = calcGridItemPosition(params, l.x, l.y, l.w, l.h);
      return [l.i, { width: p.width, height: p.height, viewportTop: box.top + p.top }];
    }),
  );
}

/** Each item's box in a grid of `box`, keyed by item key: what the grid gives its panels. */
export function gridItemBoxes(items: readonly LayoutItem[], box: GridBox): Map<string, GridItemBox> {
  return layoutBoxes(gridLayoutOf(items), box);
}
