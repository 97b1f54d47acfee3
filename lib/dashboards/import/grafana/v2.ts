// Grafana 12's v2 dashboard format (`apiVersion: dashboard.grafana.app/v2…`, `spec.elements` +
// `spec.layout`), read into the classic shapes the converters understand.
import { getArray, getBool, getNumber, getObject, getString, isObject, safeKeys, type JsonObject } from "./json";
import type { LayoutPanel } from "./layout";
import type { ReportScope } from "./report";

export function isV2(doc: JsonObject): boolean {
  return isObject(doc.spec) && (isObject(getObject(doc, "spec")!.elements) || isObject(getObject(doc, "spec")!.layout));
}

const VARIABLE_KINDS: Readonly<Record<string, string>> = {
  QueryVariable: "query",
  CustomVariable: "custom",
  ConstantVariable: "constant",
  TextVariable: "textbox",
  IntervalVariable: "interval",
  DatasourceVariable: "datasource",
  AdhocVariable: "adhoc",
  GroupByVariable: "groupby",
};
const HIDE: Readonly<Record<string, number>> = { dontHide: 0, hideLabel: 1, hideVariable: 2 };

function dataQuery(query: JsonObject | undefined): { datasource: unknown; spec: JsonObject } {
  const ds = getObject(query, "datasource");
  const group = getString(query, "group");
  const name = getString(ds, "name");
  return { datasource: name !== undefined ? { type: group, uid: name } : group ? { type: group } : undefined, spec: getObject(query, "spec") ?? {} };
}

function variable(v: unknown): JsonObject {
  const kind = getString(v, "kind") ?? "";
  const spec = getObject(v, "spec") ?? {};
  const out: Record<string, unknown> = {};
  for (const key of safeKeys(spec)) out[key] = spec[key];
  out.type = VARIABLE_KINDS[kind] ?? kind;
  out.hide = HIDE[getString(spec, "hide") ?? "dontHide"] ?? 0;
  if (kind === "QueryVariable") {
    const q = dataQuery(getObject(spec, "query"));
    out.datasource = q.datasource ?? spec.datasource;
    out.query = getString(q.spec, "query") ?? getString(q.spec, "expr") ?? q.spec;
  }
  if (kind === "DatasourceVariable") out.query = getString(spec, "pluginId") ?? "";
  if (kind === "IntervalVariable") {
    out.query = getString(spec, "query") ?? getArray(spec, "options").map((o) => getString(o, "value")).filter(Boolean).join(",");
  }
  return out;
}

function panel(el: JsonObject): JsonObject {
  if (getString(el, "kind") === "LibraryPanel") return { type: "library-panel", title: getString(getObject(el, "spec"), "title") ?? "" };
  const spec = getObject(el, "spec") ?? {};
  const viz = getObject(spec, "vizConfig");
  const vizSpec = getObject(viz, "spec") ?? {};
  const group = getObject(getObject(spec, "data"), "spec");
  const options = getObject(group, "queryOptions") ?? {};
  const targets = getArray(group, "queries").map((q) => {
    const qs = getObject(q, "spec") ?? {};
    const dq = dataQuery(getObject(qs, "query"));
    return { ...dq.spec, refId: getString(qs, "refId"), hide: getBool(qs, "hidden"), datasource: dq.datasource };
  });
  return {
    id: getNumber(spec, "id"),
    type: getString(viz, "group") ?? getString(viz, "kind") ?? "",
    title: getString(spec, "title") ?? "",
    description: getString(spec, "description") ?? "",
    links: getArray(spec, "links"),
    targets,
    options: getObject(vizSpec, "options") ?? {},
    fieldConfig: getObject(vizSpec, "fieldConfig") ?? {},
    transformations: getArray(group, "transformations").map((t) => ({ id: getString(t, "group") ?? getString(t, "kind"), ...(getObject(t, "spec") ?? {}) })),
    ...(getString(options, "interval") ? { interval: getString(options, "interval") } : {}),
    ...(getNumber(options, "maxDataPoints") !== undefined ? { maxDataPoints: getNumber(options, "maxDataPoints") } : {}),
    ...(getString(options, "timeFrom") ? { timeFrom: getString(options, "timeFrom") } : {}),
    ...(getString(options, "timeShift") ? { timeShift: getString(options, "timeShift") } : {}),
  };
}

/** The top-level fields of a v2 dashboard in classic form (panels come from `v2Panels`). */
export function v2Dashboard(doc: JsonObject): JsonObject {
  const spec = getObject(doc, "spec") ?? {};
  const time = getObject(spec, "timeSettings") ?? {};
  return {
    uid: getString(getObject(doc, "metadata"), "name"),
    title: getString(spec, "title"),
    description: getString(spec, "description"),
    tags: getArray(spec, "tags"),
    time: { from: getString(time, "from") ?? "now-6h", to: getString(time, "to") ?? "now" },
    refresh: getString(time, "autoRefresh") ?? "",
    timezone: getString(time, "timezone") ?? "browser",
    graphTooltip: { Crosshair: 1, Tooltip: 2 }[getString(spec, "cursorSync") ?? ""] ?? 0,
    links: getArray(spec, "links"),
    templating: { list: getArray(spec, "variables").map(variable) },
    annotations: { list: getArray(spec, "annotations").map((a) => ({ ...(getObject(a, "spec") ?? {}), builtIn: getBool(getObject(a, "spec"), "builtIn") ? 1 : 0 })) },
  };
}

/** v2 layout → classic panels with positions: grid items, rows of grids; tabs become rows. */
export function v2Panels(doc: JsonObject, scope: ReportScope): LayoutPanel[] {
  const spec = getObject(doc, "spec") ?? {};
  const elements = getObject(spec, "elements") ?? {};
  const out: LayoutPanel[] = [];
  let y = 0;
  let rowId = 1_000_000;
  const grid = (layout: unknown, path: string, into: LayoutPanel[]): void => {
    const kind = getString(layout, "kind");
    if (kind !== "GridLayout" && kind !== "AutoGridLayout") return scope.lost(path, `layout ${JSON.stringify(kind)} is not supported; its panels are dropped`);
    if (kind === "AutoGridLayout") scope.lost(path, "auto grid layout: panels placed on a fixed grid, 3 per row");
    let bottom = y;
    getArray(getObject(layout, "spec"), "items").forEach((item, i) => {
      const s = getObject(item, "spec");
      const name = getString(getObject(s, "element"), "name") ?? "";
      const el = Object.hasOwn(elements, name) ? elements[name] : undefined;
      if (!isObject(el)) return scope.lost(`${path}.spec.items[${i}]`, `refers to a missing element ${JSON.stringify(name)}; dropped`);
      const gridPos =
        kind === "AutoGridLayout"
          ? { x: (i % 3) * 8, y: y + Math.floor(i / 3) * 8, w: 8, h: 8 }
          : { x: getNumber(s, "x") ?? 0, y: y + (getNumber(s, "y") ?? 0), w: getNumber(s, "width") ?? 12, h: getNumber(s, "height") ?? 8 };
      const raw = { ...panel(el), ...(getObject(s, "repeat") ? { repeat: getString(getObject(s, "repeat"), "value"), repeatDirection: getString(getObject(s, "repeat"), "direction") === "v" ? "v" : "h", maxPerRow: getNumber(getObject(s, "repeat"), "maxPerRow") } : {}) };
      bottom = Math.max(bottom, gridPos.y + gridPos.h);
      into.push({ raw, path: `spec.elements.${name}`, gridPos, children: [] });
    });
    y = bottom;
  };
  const rows = (layout: unknown, path: string): void => {
    const kind = getString(layout, "kind");
    if (kind === "RowsLayout" || kind === "TabsLayout") {
      if (kind === "TabsLayout") scope.lost(path, "tabs are shown as rows");
      getArray(getObject(layout, "spec"), kind === "RowsLayout" ? "rows" : "tabs").forEach((row, i) => {
        const rs = getObject(row, "spec");
        const collapsed = getBool(rs, "collapse") === true;
        const raw = { type: "row", id: rowId++, title: getString(rs, "title") ?? "", collapsed, repeat: getString(getObject(rs, "repeat"), "value") };
        const rowPanel: LayoutPanel = { raw, path: `${path}.spec.${kind === "RowsLayout" ? "rows" : "tabs"}[${i}]`, gridPos: { x: 0, y, w: 24, h: 1 }, children: [] };
        out.push(rowPanel);
        y++;
        const inner = getObject(rs, "layout");
        const innerKind = getString(inner, "kind");
        if (innerKind === "RowsLayout" || innerKind === "TabsLayout") {
          scope.lost(`${rowPanel.path}.spec.layout`, "nested rows/tabs are flattened");
          rows(inner, `${rowPanel.path}.spec.layout`);
        } else grid(inner, `${rowPanel.path}.spec.layout`, collapsed ? rowPanel.children : out);
      });
    } else grid(layout, path, out);
  };
  rows(getObject(spec, "layout"), "spec.layout");
  return out;
}
