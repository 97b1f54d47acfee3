import type { Dashboard, DashboardPanel, GridPos, Panel, PanelOf, PanelType, RowPanel } from "../schema";
import { GRID_COLUMNS } from "../schema/constants";
import { findPanel, nextPanelId } from "./ids";

/** What a new panel of a type starts with: the panel registry's defaults. */
export interface PanelTypeDefaults<T extends PanelType = PanelType> {
  options: PanelOf<T>["options"];
  fieldConfig: PanelOf<T>["fieldConfig"];
}

export const NEW_PANEL_SIZE = { w: 12, h: 8 } as const;

const bottomOf = (panels: readonly DashboardPanel[]) => Math.max(0, ...panels.map((p) => p.gridPos.y + p.gridPos.h));

/** Moves every top-level panel at or below `fromY` down by `dy`, so an inserted panel keeps its place in the order. */
function shiftDown(panels: readonly DashboardPanel[], fromY: number, dy: number): DashboardPanel[] {
  return panels.map((p) => (p.gridPos.y >= fromY ? { ...p, gridPos: { ...p.gridPos, y: p.gridPos.y + dy } } : p));
}

/** A panel of `type` with the type's defaults and nothing else set. */
export function newPanel<T extends PanelType>(type: T, id: number, gridPos: GridPos, defaults: PanelTypeDefaults<T>): PanelOf<T> {
  const panel = { id, type, title: "Panel title", description: "", gridPos, targets: [], links: [], repeatDirection: "h", options: structuredClone(defaults.options), fieldConfig: structuredClone(defaults.fieldConfig) };
  return panel as unknown as PanelOf<T>; // the fields above are exactly a PanelOf<T>; TS cannot tie `type` to its options
}

/**
 * Adds a 12×8 panel with the next free id: at the top (everything else moves down), or below the
 * last panel. A dashboard ending in a collapsed row gets it at the top, where it stays visible.
 */
export function addPanel<T extends PanelType>(dashboard: Dashboard, type: T, defaults: PanelTypeDefaults<T>, placement: "top" | "bottom" = "bottom"): { dashboard: Dashboard; id: number } {
  const id = nextPanelId(dashboard);
  const last = dashboard.panels[dashboard.panels.length - 1];
  const top = placement === "top" || (last?.type === "row" && last.collapsed);
  if (top) {
    const panel = newPanel(type, id, { x: 0, y: 0, ...NEW_PANEL_SIZE }, defaults);
    return { dashboard: { ...dashboard, panels: [panel, ...shiftDown(dashboard.panels, 0, NEW_PANEL_SIZE.h)] }, id };
  }
  const panel = newPanel(type, id, { x: 0, y: bottomOf(dashboard.panels), ...NEW_PANEL_SIZE }, defaults);
  return { dashboard: { ...dashboard, panels: [...dashboard.panels, panel] }, id };
}

/** Applies `change` to the panel with `id`, wherever it is; the dashboard is returned unchanged if there is none. */
export function updatePanel(dashboard: Dashboard, id: number, change: (panel: Panel) => Panel): Dashboard {
  const before = findPanel(dashboard, id);
  if (!before) return dashboard;
  const after = change(before);
  if (after === before) return dashboard;
  const panels = dashboard.panels.map((p): DashboardPanel => {
    if (p.type !== "row") return p === before ? after : p;
    return p.panels.includes(before) ? { ...p, panels: p.panels.map((c) => (c === before ? after : c)) } : p;
  });
  return { ...dashboard, panels };
}

/**
 * Copies a panel with a new id beside it when it fits in the 24 columns, else just below it (the
 * panels under it move down). The copy directly follows the original, so it stays in the same row.
 */
export function duplicatePanel(dashboard: Dashboard, id: number): { dashboard: Dashboard; id: number } {
  const original = findPanel(dashboard, id);
  if (!original) return { dashboard, id };
  const newId = nextPanelId(dashboard);
  const { x, y, w, h } = original.gridPos;
  const beside = x + 2 * w <= GRID_COLUMNS;
  const copy: Panel = { ...structuredClone(original), id: newId, gridPos: beside ? { x: x + w, y, w, h } : { x, y: y + h, w, h } };
  const insert = (list: readonly Panel[] | readonly DashboardPanel[]) => {
    const shifted = beside ? [...list] : shiftDown(list, y + h, h);
    const at = shifted.findIndex((p) => p.id === id);
    return [...shifted.slice(0, at + 1), copy, ...shifted.slice(at + 1)];
  };
  const topLevel = dashboard.panels.some((p) => p.id === id);
  const panels = topLevel
    ? insert(dashboard.panels)
    : dashboard.panels.map((p) => (p.type === "row" && p.panels.some((c) => c.id === id) ? { ...p, panels: insert(p.panels) as Panel[] } : p));
  return { dashboard: { ...dashboard, panels }, id: newId };
}

/** Removes a panel (top level or inside a collapsed row). */
export function removePanel(dashboard: Dashboard, id: number): Dashboard {
  const panels = dashboard.panels
    .filter((p) => p.type === "row" || p.id !== id)
    .map((p) => (p.type === "row" && p.panels.some((c) => c.id === id) ? { ...p, panels: p.panels.filter((c) => c.id !== id) } : p));
  return { ...dashboard, panels };
}

/** Adds an empty, expanded row below everything else. */
export function addRow(dashboard: Dashboard, title = "Row title"): { dashboard: Dashboard; id: number } {
  const id = nextPanelId(dashboard);
  const row: RowPanel = { type: "row", id, title, collapsed: false, panels: [], gridPos: { x: 0, y: bottomOf(dashboard.panels), w: GRID_COLUMNS, h: 1 } };
  return { dashboard: { ...dashboard, panels: [...dashboard.panels, row] }, id };
}
