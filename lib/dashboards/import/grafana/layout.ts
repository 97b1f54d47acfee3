import { get, getArray, getBool, getNumber, getObject, getString, isObject, type JsonObject } from "./json";
import type { ReportScope } from "./report";

export interface GridPosIn {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A Grafana panel in classic `panels[]` form, with where it came from. */
export interface LayoutPanel {
  raw: JsonObject;
  /** JSON path of the panel in the input, for the report. */
  path: string;
  gridPos: GridPosIn;
  /** Rows: their panels when collapsed (Grafana keeps them inside the row). */
  children: LayoutPanel[];
}

// Grafana's upgradeToGridLayout (schemaVersion 16): 12-column spans, row heights in px.
const GRID_CELL_HEIGHT = 30;
const GRID_CELL_VMARGIN = 8;
const DEFAULT_ROW_HEIGHT = 250;
const DEFAULT_SPAN = 4;

function gridHeight(px: number): number {
  return Math.ceil(Math.max(px, GRID_CELL_HEIGHT * 3) / (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN));
}

function pxOf(v: unknown, fallback: number): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const n = parseInt(v.replace("px", ""), 10);
    if (Number.isFinite(n)) return n;
  }
  return fallback;
}

/** Grafana's RowArea: fills a row's 24 columns left to right, wrapping when a panel does not fit. */
class RowArea {
  private area: number[] = new Array(24).fill(0);
  constructor(
    private readonly height: number,
    public yPos: number,
  ) {}

  place(w: number, h: number): { x: number; y: number } {
    for (let attempt = 0; attempt < 1000; attempt++) {
      let start = 0;
      let end = -1;
      for (let i = 23; i >= 0; i--) {
        if (this.height - this.area[i]! <= 0) break;
        if (end === -1) end = i;
        else if (this.area[i]! <= this.area[i + 1]!) start = i;
        else break;
      }
      if (end !== -1 && end - start >= w - 1) {
        let y = 0;
        for (let i = start; i <= end; i++) y = Math.max(y, this.area[i]!);
        this.add(start, y + this.yPos, w, h);
        return { x: start, y: this.yPos + y };
      }
      this.yPos += this.height;
      this.area = new Array(24).fill(0);
    }
    return { x: 0, y: this.yPos };
  }

  private add(x: number, y: number, w: number, h: number): void {
    for (let i = x; i < x + w && i < 24; i++) this.area[i] = Math.max(this.area[i]!, y + h - this.yPos);
  }
}

/** Legacy `rows[]` (schemaVersion ≤ 14) → classic panels, exactly as Grafana's migration places them. */
export function fromLegacyRows(rows: readonly unknown[], scope: ReportScope): LayoutPanel[] {
  const out: LayoutPanel[] = [];
  let yPos = 0;
  let maxId = 0;
  for (const row of rows) for (const p of getArray(row, "panels")) maxId = Math.max(maxId, getNumber(p, "id") ?? 0);
  let nextRowId = maxId + 1;
  const showRows = rows.some((r) => getBool(r, "collapse") === true || getBool(r, "showTitle") === true || !!getString(r, "repeat"));
  rows.forEach((row, ri) => {
    if (!isObject(row)) return scope.lost(`rows[${ri}]`, "a row must be an object; dropped");
    if (get(row, "repeatIteration")) return;
    const rowHeight = gridHeight(pxOf(get(row, "height"), DEFAULT_ROW_HEIGHT));
    const collapsed = getBool(row, "collapse") === true;
    let rowPanel: LayoutPanel | undefined;
    if (showRows) {
      const raw: JsonObject = { type: "row", id: nextRowId++, title: getString(row, "title") ?? "", collapsed, repeat: getString(row, "repeat") ?? undefined };
      rowPanel = { raw, path: `rows[${ri}]`, gridPos: { x: 0, y: yPos, w: 24, h: 1 }, children: [] };
      yPos++;
    }
    const area = new RowArea(rowHeight, yPos);
    getArray(row, "panels").forEach((panel, pi) => {
      if (!isObject(panel)) return scope.lost(`rows[${ri}].panels[${pi}]`, "a panel must be an object; dropped");
      const w = Math.floor(pxOf(get(panel, "span"), DEFAULT_SPAN) * 2);
      const h = get(panel, "height") !== undefined ? gridHeight(pxOf(get(panel, "height"), DEFAULT_ROW_HEIGHT)) : rowHeight;
      const pos = area.place(Math.max(1, Math.min(24, w)), h);
      yPos = area.yPos;
      const item: LayoutPanel = { raw: panel, path: `rows[${ri}].panels[${pi}]`, gridPos: { x: pos.x, y: pos.y, w, h }, children: [] };
      if (rowPanel && collapsed) rowPanel.children.push(item);
      else out.push(item);
    });
    if (rowPanel) out.push(rowPanel);
    if (!(rowPanel && collapsed)) yPos += rowHeight;
  });
  // Grafana appends each row after its panels and sorts by position when the dashboard loads.
  return sortByPosition(out);
}

function sortByPosition(panels: LayoutPanel[]): LayoutPanel[] {
  return panels
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.gridPos.y - b.p.gridPos.y || a.p.gridPos.x - b.p.gridPos.x || a.i - b.i)
    .map(({ p }) => p);
}

function readGridPos(panel: unknown): GridPosIn {
  const g = getObject(panel, "gridPos");
  return { x: getNumber(g, "x") ?? 0, y: getNumber(g, "y") ?? 0, w: getNumber(g, "w") ?? 12, h: getNumber(g, "h") ?? 8 };
}

/** Classic `panels[]` (schemaVersion ≥ 16): rows are panels; a collapsed row holds its own. */
export function fromPanels(panels: readonly unknown[], scope: ReportScope, base = "panels"): LayoutPanel[] {
  const out: LayoutPanel[] = [];
  panels.forEach((panel, i) => {
    if (!isObject(panel)) return scope.lost(`${base}[${i}]`, "a panel must be an object; dropped");
    const children = getString(panel, "type") === "row" ? fromPanels(getArray(panel, "panels"), scope, `${base}[${i}].panels`) : [];
    out.push({ raw: panel, path: `${base}[${i}]`, gridPos: readGridPos(panel), children });
  });
  return sortByPosition(out);
}
