import type { Dashboard, DashboardPanel, GridPos, Panel, RowPanel } from "../schema";
import { rowGridPos } from "./rows";

/** One item of a react-grid-layout `Layout`: `i` is the layout key built by buildLayout. */
export interface GridLayoutItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const keyOf = (p: DashboardPanel) => (p.type === "row" ? `row-${p.id}` : String(p.id));
const samePos = (a: GridPos, b: GridPos) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

function positionOf(p: DashboardPanel, byKey: ReadonlyMap<string, GridLayoutItem>): GridPos {
  const item = byKey.get(keyOf(p));
  if (!item) return p.gridPos;
  return p.type === "row" ? rowGridPos(item.y) : { x: item.x, y: item.y, w: item.w, h: item.h };
}

/**
 * Applies the grid's layout after a drag or resize: each key maps back to its panel (`<id>`) or
 * row (`row-<id>`), rows stay full width and one unit high, and the dashboard's order follows the
 * grid (top to bottom, left to right), so a panel below an expanded row belongs to that row. A
 * panel dropped below a collapsed row goes into it, as the viewer would hide it there anyway.
 * Keys of repeated clones and unknown keys are ignored; with no change the same object comes back.
 */
export function applyGridLayout(dashboard: Dashboard, layout: readonly GridLayoutItem[]): Dashboard {
  const byKey = new Map(layout.map((item) => [item.i, item]));
  const placed = dashboard.panels.map((p) => ({ p, pos: positionOf(p, byKey) }));
  if (placed.every(({ p, pos }) => samePos(p.gridPos, pos))) return dashboard;
  const sorted = placed
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.pos.y - b.pos.y || (a.p.type === "row" ? -1 : 0) - (b.p.type === "row" ? -1 : 0) || a.pos.x - b.pos.x || a.index - b.index);
  const panels: DashboardPanel[] = [];
  let collapsedRow: RowPanel | null = null;
  for (const { p, pos } of sorted) {
    if (p.type === "row") {
      collapsedRow = p.collapsed ? { ...p, gridPos: pos, panels: [...p.panels] } : null;
      panels.push(collapsedRow ?? { ...p, gridPos: pos });
    } else if (collapsedRow) {
      collapsedRow.panels.push({ ...p, gridPos: pos } as Panel);
    } else {
      panels.push({ ...p, gridPos: pos });
    }
  }
  return { ...dashboard, panels };
}
