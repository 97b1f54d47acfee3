import type { Dashboard, DashboardPanel, FieldConfig, Panel, Target, Variable } from "@/lib/dashboards/schema";
import type { ExportOptions, GrafanaDashboardJson } from "./index";

/** Grafana's classic dashboard schemaVersion as of Grafana 12. */
export const GRAFANA_SCHEMA_VERSION = 41;

type Json = Record<string, unknown>;

// Orrery reducer/legend names → Grafana's (the importer maps them back).
const REDUCER: Readonly<Record<string, string>> = { total: "sum" };
const LEGEND_CALC: Readonly<Record<string, string>> = { last: "lastNotNull", total: "sum" };
const SORT = ["none", "alpha-asc", "alpha-desc", "num-asc", "num-desc", "alpha-ci-asc", "alpha-ci-desc"];
const HIDE = ["none", "label", "variable"];

/** An Orrery datasource reference as Grafana's `{type, uid}`: ids keep their id as uid, `$x` becomes `${x}`. */
function datasourceRef(ref: string | undefined, options: ExportOptions): Json | undefined {
  if (ref === undefined) return undefined;
  const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(ref);
  if (variable) return { type: "prometheus", uid: `\${${variable[1]}}` };
  // Thanos speaks the Prometheus API: Grafana reads it with its Prometheus datasource.
  void options;
  return { type: "prometheus", uid: ref };
}

function fieldConfig(fc: FieldConfig, custom: Json = {}): Json {
  const { unit, decimals, min, max, thresholds, color, displayName } = fc.defaults;
  const defaults: Json = { unit, thresholds, color, custom };
  if (decimals !== undefined) defaults.decimals = decimals;
  if (min !== undefined) defaults.min = min;
  if (max !== undefined) defaults.max = max;
  if (displayName !== undefined) defaults.displayName = displayName;
  return { defaults, overrides: fc.overrides.map((o) => ({ matcher: o.matcher, properties: o.properties.map((p) => ({ id: p.id, value: p.value })) })) };
}

function target(t: Target, datasource: Json | undefined): Json {
  const out: Json = { refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, instant: t.instant, range: !t.instant, interval: t.minStep, hide: t.hide, editorMode: "code" };
  if (t.intervalFactor !== undefined) out.intervalFactor = t.intervalFactor;
  if (datasource) out.datasource = datasource;
  return out;
}

function reduceOptions(reduce: string): Json {
  return { calcs: [REDUCER[reduce] ?? reduce], fields: "", values: false };
}

/** The panel's Grafana `type`, `options` and `fieldConfig.defaults.custom`, plus extra panel fields. */
function body(panel: Panel): { type: string; options: Json; custom?: Json; extra?: Json } {
  switch (panel.type) {
    case "timeseries": {
      const o = panel.options;
      return {
        type: "timeseries",
        custom: { drawStyle: o.drawStyle, lineWidth: o.lineWidth, fillOpacity: o.fillOpacity, showPoints: o.showPoints, stacking: { mode: o.stacking, group: "A" }, thresholdsStyle: { mode: o.thresholdsStyle.mode } },
        options: {
          legend: { showLegend: o.legend.displayMode !== "hidden", displayMode: o.legend.displayMode === "hidden" ? "list" : o.legend.displayMode, placement: o.legend.placement, calcs: o.legend.calcs.map((c) => LEGEND_CALC[c] ?? c) },
          tooltip: { mode: o.tooltip.mode, sort: "none" },
        },
      };
    }
    case "stat": {
      const o = panel.options;
      return { type: "stat", options: { reduceOptions: reduceOptions(o.reduce), graphMode: o.graphMode, colorMode: o.colorMode, textMode: "auto", justifyMode: "auto", orientation: "auto", ...(o.textSize !== undefined ? { text: { valueSize: o.textSize } } : {}) } };
    }
    case "gauge":
      return { type: "gauge", options: { reduceOptions: reduceOptions(panel.options.reduce), showThresholdMarkers: panel.options.showThresholdMarkers, showThresholdLabels: false, orientation: "auto" } };
    case "bargauge": {
      const o = panel.options;
      return { type: "bargauge", options: { reduceOptions: reduceOptions(o.reduce), orientation: o.orientation, displayMode: o.displayMode, showUnfilled: true } };
    }
    case "table": {
      const o = panel.options;
      return { type: "table", options: { showHeader: o.showHeader, ...(o.sortBy ? { sortBy: [{ displayName: o.sortBy.column, desc: o.sortBy.desc }] } : {}) } };
    }
    case "heatmap": {
      const o = panel.options;
      const scheme = o.colorScheme.charAt(0).toUpperCase() + o.colorScheme.slice(1);
      // hideZeroBuckets is the (legacy) Grafana heatmap's own switch for the same idea.
      return { type: "heatmap", options: { calculate: false, color: { mode: "scheme", scheme }, yAxis: { unit: panel.fieldConfig.defaults.unit } }, extra: o.hideEmptyBuckets ? { hideZeroBuckets: true } : {} };
    }
    case "text":
      return { type: "text", options: { mode: "markdown", content: panel.options.content } };
    case "knative-concurrency":
      // No Grafana equivalent: Grafana shows "panel plugin not found"; Orrery's importer reads it back.
      return { type: "knative-concurrency", options: { ...panel.options } };
    case "unsupported":
      return { type: panel.options.grafanaType || "unsupported", options: {} };
  }
}

function exportPanel(panel: Panel, options: ExportOptions): Json {
  const ds = datasourceRef(panel.datasource, options);
  const b = body(panel);
  const out: Json = { id: panel.id, type: b.type, title: panel.title, gridPos: panel.gridPos };
  if (panel.description !== "") out.description = panel.description;
  if (ds) out.datasource = ds;
  if (panel.type !== "unsupported") out.targets = panel.targets.map((t) => target(t, ds));
  out.fieldConfig = fieldConfig(panel.fieldConfig, b.custom);
  out.options = b.options;
  Object.assign(out, b.extra);
  if (panel.links.length > 0) out.links = panel.links.map((l) => ({ title: l.title, url: l.url, targetBlank: l.targetBlank }));
  if (panel.repeat) out.repeat = panel.repeat;
  if (panel.repeat || panel.repeatDirection !== "h") out.repeatDirection = panel.repeatDirection;
  if (panel.maxPerRow !== undefined) out.maxPerRow = panel.maxPerRow;
  if (panel.maxDataPoints !== undefined) out.maxDataPoints = panel.maxDataPoints;
  if (panel.interval !== undefined) out.interval = panel.interval;
  return out;
}

function exportTopLevel(p: DashboardPanel, options: ExportOptions): Json {
  if (p.type !== "row") return exportPanel(p, options);
  return { type: "row", id: p.id, title: p.title, gridPos: p.gridPos, collapsed: p.collapsed, panels: p.panels.map((c) => exportPanel(c, options)), ...(p.repeat ? { repeat: p.repeat } : {}) };
}

function currentOf(v: Variable): Json | undefined {
  if (!v.current) return undefined;
  return { text: v.current.value, value: v.current.value };
}

function exportVariable(v: Variable, options: ExportOptions): Json {
  const out: Json = { name: v.name, type: v.type, hide: HIDE.indexOf(v.hide) };
  if (v.label !== undefined) out.label = v.label;
  if (v.description !== undefined) out.description = v.description;
  const current = currentOf(v);
  if (current) out.current = current;
  const selection = (s: { multi: boolean; includeAll: boolean; allValue?: string }) => ({ multi: s.multi, includeAll: s.includeAll, ...(s.allValue !== undefined ? { allValue: s.allValue } : {}) });
  switch (v.type) {
    case "query":
      return {
        ...out, ...selection(v), query: { query: v.query, refId: "PrometheusVariableQueryEditor-VariableQuery" }, definition: v.query,
        ...(v.datasource !== undefined ? { datasource: datasourceRef(v.datasource, options) } : {}),
        regex: v.regex, sort: SORT.indexOf(v.sort), refresh: v.refresh === "time" ? 2 : 1, options: [],
      };
    case "custom":
      return { ...out, ...selection(v), query: v.query, options: [] };
    case "constant":
    case "textbox":
      return { ...out, query: v.query };
    case "interval":
      return { ...out, query: v.query, auto: v.auto, auto_count: v.auto_count, auto_min: v.auto_min, refresh: 2, options: [] };
    case "datasource":
      // Grafana lists Thanos under its Prometheus type; `orreryType` keeps Orrery's narrower filter.
      return { ...out, ...selection(v), query: "prometheus", regex: v.regex, ...(v.query === "thanos" ? { orreryType: "thanos" } : {}), options: [] };
  }
}

/**
 * Converts an Orrery dashboard to Grafana's classic dashboard JSON (current schemaVersion):
 * `panels[]` with gridPos and rows, `templating.list`, fieldConfig, datasources as
 * `{type: "prometheus", uid: <Orrery id>}` (or `${variable}`). Pure.
 */
export function exportGrafanaDashboard(dashboard: Dashboard, options: ExportOptions): GrafanaDashboardJson {
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    description: dashboard.description,
    tags: dashboard.tags,
    time: dashboard.time,
    refresh: dashboard.refresh,
    timezone: dashboard.timezone,
    graphTooltip: ["default", "crosshair", "tooltip"].indexOf(dashboard.graphTooltip),
    editable: true,
    fiscalYearStartMonth: 0,
    annotations: { list: [{ builtIn: 1, datasource: { type: "grafana", uid: "-- Grafana --" }, enable: true, hide: true, iconColor: "rgba(0, 211, 255, 1)", name: "Annotations & Alerts", type: "dashboard" }] },
    links: dashboard.links.map((l) => ({ type: "link", title: l.title, url: l.url, targetBlank: l.targetBlank, asDropdown: false, icon: "external link", includeVars: false, keepTime: false, tags: [], tooltip: "" })),
    templating: { list: dashboard.templating.list.map((v) => exportVariable(v, options)) },
    panels: dashboard.panels.map((p) => exportTopLevel(p, options)),
    schemaVersion: GRAFANA_SCHEMA_VERSION,
  };
}
