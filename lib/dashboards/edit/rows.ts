import type { Dashboard, DashboardPanel, Panel, RowPanel } from "../schema";
import { GRID_COLUMNS } from "../schema/constants";

const bottomOf = (panels: readonly { gridPos: { y: number; h: number } }[], fallback: number) =>
  panels.length === 0 ? fallback : Math.max(...panels.map((p) => p.gridPos.y + p.gridPos.h));

/** The index of the row and the top-level panels after it up to the next row (its panels while expanded). */
function sectionOf(panels: readonly DashboardPanel[], rowId: number): { at: number; end: number } | null {
  const at = panels.findIndex((p) => p.type === "row" && p.id === rowId);
  if (at < 0) return null;
  const next = panels.findIndex((p, i) => i > at && p.type === "row");
  return { at, end: next < 0 ? panels.length : next };
}

const moveY = <P extends DashboardPanel>(p: P, dy: number): P => ({ ...p, gridPos: { ...p.gridPos, y: Math.max(0, p.gridPos.y + dy) } });

/**
 * Collapses or expands a row, as Grafana stores it: a collapsed row holds its panels in its own
 * `panels`; expanding puts them back after it, just below the row, and moves what follows down.
 */
export function toggleRow(dashboard: Dashboard, rowId: number): Dashboard {
  const section = sectionOf(dashboard.panels, rowId);
  if (!section) return dashboard;
  const row = dashboard.panels[section.at] as RowPanel;
  const before = dashboard.panels.slice(0, section.at);
  if (!row.collapsed) {
    const children = dashboard.panels.slice(section.at + 1, section.end) as Panel[];
    const height = bottomOf(children, row.gridPos.y + 1) - (row.gridPos.y + 1);
    const after = dashboard.panels.slice(section.end).map((p) => moveY(p, -height));
    return { ...dashboard, panels: [...before, { ...row, collapsed: true, panels: children }, ...after] };
  }
  const minY = Math.min(...row.panels.map((c) => c.gridPos.y));
  const children = row.panels.map((c) => ({ ...c, gridPos: { ...c.gridPos, y: row.gridPos.y + 1 + (c.gridPos.y - minY) } }));
  const height = bottomOf(children, row.gridPos.y + 1) - (row.gridPos.y + 1);
  const after = dashboard.panels.slice(section.at + 1).map((p) => moveY(p, height));
  return { ...dashboard, panels: [...before, { ...row, collapsed: false, panels: [] }, ...children, ...after] };
}

/** Removes a row; its panels go with it, or stay in the dashboard where they were. */
export function removeRow(dashboard: Dashboard, rowId: number, withPanels: boolean): Dashboard {
  const row = dashboard.panels.find((p) => p.type === "row" && p.id === rowId) as RowPanel | undefined;
  if (!row) return dashboard;
  const expanded = row.collapsed ? toggleRow(dashboard, rowId) : dashboard;
  const section = sectionOf(expanded.panels, rowId)!;
  const keep = withPanels ? [] : expanded.panels.slice(section.at + 1, section.end);
  return { ...expanded, panels: [...expanded.panels.slice(0, section.at), ...keep, ...expanded.panels.slice(section.end)] };
}

/** Renames a row. */
export function updateRowTitle(dashboard: Dashboard, rowId: number, title: string): Dashboard {
  return { ...dashboard, panels: dashboard.panels.map((p) => (p.type === "row" && p.id === rowId ? { ...p, title } : p)) };
}

/** A row's grid position is always the full width and one unit high. */
export const rowGridPos = (y: number) => ({ x: 0, y, w: GRID_COLUMNS, h: 1 });
