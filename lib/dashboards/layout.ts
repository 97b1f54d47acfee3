import type { Dashboard, GridPos, Panel, RowPanel } from "./schema";
import { GRID_COLUMNS } from "./schema/constants";
import { isAllValue, type VariableScope } from "./variables/types";

/** Values of the variables a repeated panel or row is scoped to (`$var` = this clone's value). */
export type ScopedVars = Record<string, string>;

export type LayoutItem =
  | { kind: "panel"; key: string; panel: Panel; gridPos: GridPos; scopedVars: ScopedVars; rowKey?: string }
  | { kind: "row"; key: string; row: RowPanel; gridPos: GridPos; scopedVars: ScopedVars; collapsed: boolean; childCount: number };

/** The selected values of each variable; All is already expanded to every option. */
export type VariableSelection = Record<string, readonly string[]>;

/** The selection repeats run over: each variable's selected values, All expanded to every option. */
export function variableSelection(values: VariableScope): VariableSelection {
  const out: Record<string, readonly string[]> = {};
  for (const [name, state] of Object.entries(values)) {
    if (typeof state === "string") continue;
    out[name] = isAllValue(state.value) ? state.options.map((o) => o.value) : Array.isArray(state.value) ? state.value : [state.value];
  }
  return out;
}

const DEFAULT_MAX_PER_ROW = 4;

/** Groups top-level panels into sections: panels before the first row, then each row with its panels. */
function sections(panels: Dashboard["panels"]): Array<{ row?: RowPanel; children: Panel[] }> {
  const out: Array<{ row?: RowPanel; children: Panel[] }> = [{ children: [] }];
  for (const p of panels) {
    if (p.type === "row") out.push({ row: p, children: p.collapsed ? [...p.panels] : [] });
    else out[out.length - 1]!.children.push(p);
  }
  return out[0]!.children.length === 0 && out.length > 1 ? out.slice(1) : out;
}

/** Grafana's panel repeat: one clone per value; side by side ("h", wrapping at maxPerRow) or stacked ("v"). */
function repeatPanel(panel: Panel, selection: VariableSelection, scoped: ScopedVars, keyPrefix: string): Array<Omit<Extract<LayoutItem, { kind: "panel" }>, "rowKey">> {
  const values = panel.repeat ? selection[panel.repeat] ?? [] : [];
  if (!panel.repeat || values.length === 0) {
    return [{ kind: "panel", key: `${keyPrefix}${panel.id}`, panel, gridPos: panel.gridPos, scopedVars: scoped }];
  }
  const { x, y, w, h } = panel.gridPos;
  if (panel.repeatDirection === "v") {
    return values.map((value, i) => ({
      kind: "panel" as const,
      key: `${keyPrefix}${panel.id}-${i}`,
      panel,
      gridPos: { x, y: y + i * h, w, h },
      scopedVars: { ...scoped, [panel.repeat!]: value },
    }));
  }
  const perRow = panel.maxPerRow ?? DEFAULT_MAX_PER_ROW;
  const width = Math.max(Math.floor(GRID_COLUMNS / values.length), Math.floor(GRID_COLUMNS / perRow), 1);
  const columns = Math.floor(GRID_COLUMNS / width);
  return values.map((value, i) => ({
    kind: "panel" as const,
    key: `${keyPrefix}${panel.id}-${i}`,
    panel,
    gridPos: { x: (i % columns) * width, y: y + Math.floor(i / columns) * h, w: width, h },
    scopedVars: { ...scoped, [panel.repeat!]: value },
  }));
}

/**
 * Lays a dashboard out for viewing: rows in order (a collapsed row hides its panels), rows and
 * panels with `repeat` cloned once per selected value of their variable. Positions may overlap
 * after expansion; the grid compacts them vertically, keeping the order of `y` then `x`.
 */
export function buildLayout(dashboard: Pick<Dashboard, "panels">, selection: VariableSelection, collapsedOverride: Record<string, boolean> = {}): LayoutItem[] {
  const items: LayoutItem[] = [];
  for (const section of sections(dashboard.panels)) {
    const row = section.row;
    const rowValues = row?.repeat ? selection[row.repeat] ?? [] : [];
    const clones = row?.repeat && rowValues.length > 0 ? rowValues.map((v) => ({ [row.repeat!]: v })) : [{}];
    clones.forEach((scoped, ci) => {
      const rowKey = row ? `row-${row.id}${clones.length > 1 ? `-${ci}` : ""}` : undefined;
      const collapsed = row ? collapsedOverride[rowKey!] ?? row.collapsed : false;
      if (row) {
        items.push({ kind: "row", key: rowKey!, row, gridPos: { ...row.gridPos, x: 0, w: GRID_COLUMNS, h: 1 }, scopedVars: scoped, collapsed, childCount: section.children.length });
      }
      if (collapsed) return;
      const prefix = clones.length > 1 ? `${rowKey}:` : "";
      for (const child of section.children) {
        for (const item of repeatPanel(child, selection, scoped, prefix)) items.push({ ...item, ...(rowKey ? { rowKey } : {}) });
      }
    });
  }
  return items;
}
