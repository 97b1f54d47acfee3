// Modern Grafana panel types (and the legacy singlestat/table-old) → Orrery panel options.
import type { PanelBody, PanelCtx } from "./context";
import { get, getArray, getBool, getNumber, getObject, getString, isSet, type JsonObject } from "./json";
import { reportRest, type ReportScope } from "./report";
import { mapUnit } from "./units";

const REDUCERS: Readonly<Record<string, string>> = {
  lastNotNull: "lastNotNull", last: "last", first: "first", firstNotNull: "first", mean: "mean", max: "max", min: "min",
  sum: "total", total: "total", count: "count",
};
const LEGEND_CALCS: Readonly<Record<string, string>> = { min: "min", max: "max", mean: "mean", last: "last", lastNotNull: "last", sum: "total", total: "total" };

export function reducer(reduceOptions: JsonObject | undefined, scope: ReportScope): string {
  const calcs = getArray(reduceOptions, "calcs");
  const calc = typeof calcs[0] === "string" ? calcs[0] : "lastNotNull";
  if (calcs.length > 1) scope.lost("options.reduceOptions.calcs", "only the first calculation is used");
  if (getBool(reduceOptions, "values") === true) scope.lost("options.reduceOptions.values", "showing every value (not a reduction) is not supported");
  const fields = getString(reduceOptions, "fields") ?? "";
  if (fields !== "" && fields !== "/^Value$/") scope.lost("options.reduceOptions.fields", `field selection ${JSON.stringify(fields)} is not supported; every numeric field is shown`);
  if (isSet(get(reduceOptions, "limit"))) scope.lost("options.reduceOptions.limit", "a value limit is not supported");
  if (!Object.hasOwn(REDUCERS, calc)) {
    scope.lost("options.reduceOptions.calcs", `calculation "${calc}" is not supported; "lastNotNull" used`);
    return "lastNotNull";
  }
  return REDUCERS[calc]!;
}

const TIMESERIES_CUSTOM: Readonly<Record<string, unknown>> = {
  drawStyle: "handled", lineWidth: "handled", fillOpacity: "handled", showPoints: "handled", stacking: "handled", thresholdsStyle: "handled",
  lineInterpolation: "linear", spanNulls: false, gradientMode: "none", axisPlacement: "auto", axisLabel: "", scaleDistribution: { type: "linear" },
  hideFrom: { legend: false, tooltip: false, viz: false }, barAlignment: 0, lineStyle: { fill: "solid" }, pointSize: "*", axisCenteredZero: false,
  axisColorMode: "text", axisBorderShow: false, insertNulls: false, transform: "constant", barWidthFactor: "*", axisGridShow: true,
};

export function convertTimeseries(ctx: PanelCtx, custom: JsonObject): PanelBody {
  const s = ctx.scope.child("fieldConfig.defaults.custom");
  const options: Record<string, unknown> = {};
  const drawStyle = getString(custom, "drawStyle");
  if (drawStyle === "line" || drawStyle === "bars" || drawStyle === "points") options.drawStyle = drawStyle;
  const lineWidth = getNumber(custom, "lineWidth");
  if (lineWidth !== undefined) options.lineWidth = Math.min(10, Math.max(0, lineWidth));
  const fill = getNumber(custom, "fillOpacity");
  if (fill !== undefined) options.fillOpacity = Math.min(100, Math.max(0, fill));
  const showPoints = getString(custom, "showPoints");
  if (showPoints === "auto" || showPoints === "always" || showPoints === "never") options.showPoints = showPoints;
  const stacking = getString(getObject(custom, "stacking"), "mode");
  if (stacking === "none" || stacking === "normal" || stacking === "percent") options.stacking = stacking;
  const group = getString(getObject(custom, "stacking"), "group");
  if (group !== undefined && group !== "A") s.lost("stacking.group", "stacking groups are not supported; one stack per panel");
  const tStyle = getString(getObject(custom, "thresholdsStyle"), "mode");
  if (tStyle !== undefined) {
    const mapped = tStyle === "dashed" ? "line" : tStyle === "line+area" || tStyle === "dashed+area" ? "line+area" : tStyle;
    if (["off", "line", "area", "line+area"].includes(mapped)) options.thresholdsStyle = { mode: mapped };
    if (mapped !== tStyle) s.lost("thresholdsStyle.mode", `"${tStyle}" drawn as "${mapped}" (no dashed threshold lines)`);
  }
  reportRest(custom, TIMESERIES_CUSTOM, s, "field option");
  const o = getObject(ctx.raw, "options") ?? {};
  const legend = getObject(o, "legend");
  if (legend) {
    const l: Record<string, unknown> = {};
    const mode = getString(legend, "displayMode");
    l.displayMode = getBool(legend, "showLegend") === false || mode === "hidden" ? "hidden" : mode === "table" || getBool(legend, "asTable") === true ? "table" : "list";
    const placement = getString(legend, "placement");
    if (placement === "bottom" || placement === "right") l.placement = placement;
    const calcs: string[] = [];
    getArray(legend, "calcs").forEach((c, i) => {
      const mapped = typeof c === "string" ? LEGEND_CALCS[c] : undefined;
      if (mapped && !calcs.includes(mapped)) calcs.push(mapped);
      else if (!mapped) ctx.scope.lost(`options.legend.calcs[${i}]`, `legend calculation ${JSON.stringify(c)} is not supported`);
    });
    l.calcs = calcs;
    options.legend = l;
    reportRest(legend, { displayMode: "handled", placement: "handled", calcs: "handled", showLegend: "handled", asTable: "handled", isVisible: true, width: "*" }, ctx.scope.child("options.legend"), "legend option");
  }
  const tooltip = getObject(o, "tooltip");
  if (tooltip) {
    const mode = getString(tooltip, "mode");
    options.tooltip = { mode: mode === "single" ? "single" : mode === "none" || mode === "hidden" ? "none" : "multi" };
    reportRest(tooltip, { mode: "handled", sort: "none", hideZeros: false, maxHeight: "*", maxWidth: "*" }, ctx.scope.child("options.tooltip"), "tooltip option");
  }
  reportRest(o, { legend: "handled", tooltip: "handled", timezone: "*", orientation: "*", xField: "*", annotations: "*" }, ctx.scope.child("options"), "option");
  return { type: "timeseries", options, consumed: ["options"] };
}

const STAT_OPTIONS: Readonly<Record<string, unknown>> = {
  reduceOptions: "handled", graphMode: "handled", colorMode: "handled", text: "handled", textMode: "auto", justifyMode: "auto", orientation: "auto",
  wideLayout: true, showPercentChange: false, percentChangeColorMode: "standard", showThresholdMarkers: "handled", showThresholdLabels: false,
  displayMode: "handled", showUnfilled: true, sizing: "auto", minVizWidth: "*", minVizHeight: "*", maxVizHeight: "*", valueMode: "color", namePlacement: "auto",
  detectTrends: "*", legend: "*",
};

export function convertStat(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = { reduce: reducer(getObject(o, "reduceOptions"), ctx.scope) };
  const graphMode = getString(o, "graphMode");
  if (graphMode === "none" || graphMode === "area") options.graphMode = graphMode;
  const colorMode = getString(o, "colorMode");
  if (colorMode === "value" || colorMode === "background" || colorMode === "none") options.colorMode = colorMode;
  else if (colorMode === "background_solid") {
    options.colorMode = "background";
    ctx.scope.lost("options.colorMode", "solid background shown as the gradient background");
  }
  textSize(o, options, ctx.scope);
  reportRest(o, STAT_OPTIONS, ctx.scope.child("options"), "stat option");
  return { type: "stat", options, consumed: ["options"] };
}

function textSize(o: JsonObject, options: Record<string, unknown>, scope: ReportScope): void {
  const text = getObject(o, "text");
  const size = getNumber(text, "valueSize");
  if (size !== undefined && size >= 8 && size <= 200) options.textSize = Math.round(size);
  reportRest(text, { valueSize: "handled" }, scope.child("options.text"), "text option");
}

export function convertGauge(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = { reduce: reducer(getObject(o, "reduceOptions"), ctx.scope) };
  const markers = getBool(o, "showThresholdMarkers");
  if (markers !== undefined) options.showThresholdMarkers = markers;
  reportRest(getObject(o, "text"), {}, ctx.scope.child("options.text"), "text option");
  reportRest(o, { ...STAT_OPTIONS, text: "handled" }, ctx.scope.child("options"), "gauge option");
  return { type: "gauge", options, consumed: ["options"] };
}

export function convertBarGauge(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = { reduce: reducer(getObject(o, "reduceOptions"), ctx.scope) };
  const orientation = getString(o, "orientation");
  if (orientation === "horizontal" || orientation === "vertical") options.orientation = orientation;
  const displayMode = getString(o, "displayMode");
  if (displayMode === "basic" || displayMode === "gradient") options.displayMode = displayMode;
  else if (displayMode !== undefined) ctx.scope.lost("options.displayMode", `display mode "${displayMode}" shown as "gradient"`);
  reportRest(getObject(o, "text"), {}, ctx.scope.child("options.text"), "text option");
  reportRest(o, { ...STAT_OPTIONS, orientation: "handled", text: "handled" }, ctx.scope.child("options"), "bar gauge option");
  return { type: "bargauge", options, consumed: ["options"] };
}

const SCHEMES: Readonly<Record<string, string>> = {
  blues: "blues", greens: "greens", oranges: "oranges", reds: "reds", spectral: "spectral", viridis: "viridis",
  interpolateblues: "blues", interpolategreens: "greens", interpolateoranges: "oranges", interpolatereds: "reds", interpolatespectral: "spectral", interpolateviridis: "viridis",
};

export function convertHeatmap(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = {};
  // Grafana 9+ keeps the scheme in options.color.scheme; the legacy heatmap in panel.color.colorScheme.
  const color = getObject(o, "color") ?? getObject(ctx.raw, "color");
  const scheme = (getString(color, "scheme") ?? getString(color, "colorScheme") ?? "").toLowerCase();
  if (scheme && Object.hasOwn(SCHEMES, scheme)) options.colorScheme = SCHEMES[scheme];
  else if (scheme) ctx.scope.lost("options.color.scheme", `color scheme "${scheme}" shown as "oranges"`);
  // The legacy heatmap's "hide zero buckets" is Orrery's hideEmptyBuckets (the exporter writes it back).
  if (getBool(ctx.raw, "hideZeroBuckets") === true) options.hideEmptyBuckets = true;
  const defaults: Record<string, unknown> = {};
  const yAxis = getObject(o, "yAxis") ?? getObject(ctx.raw, "yAxis");
  const unit = getString(yAxis, "unit") ?? getString(yAxis, "format");
  if (unit) {
    const m = mapUnit(unit);
    if (m.ok) defaults.unit = m.unit;
    else ctx.scope.lost("options.yAxis.unit", m.reason);
  }
  reportRest(o, { color: "*", filterValues: "*", yAxis: "*", calculate: false, cellGap: "*", cellValues: "*", exemplars: "*", legend: "*", rowsFrame: "*", showValue: "*", tooltip: "*", yBuckets: "*" }, ctx.scope.child("options"), "heatmap option");
  const format = getString(ctx.raw, "dataFormat");
  if (format && format !== "tsbuckets") ctx.scope.lost("dataFormat", `heatmap data format "${format}" is not supported; buckets come from the le label`);
  return { type: "heatmap", options, defaults, consumed: ["options", "color", "hideZeroBuckets", "yAxis", "dataFormat", "xAxis", "cards", "heatmap", "highlightCards", "legend", "reverseYBuckets", "tooltip", "xBucketNumber", "xBucketSize", "yBucketBound", "yBucketNumber", "yBucketSize"], formats: ["heatmap", "time_series"] };
}

export function convertText(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const mode = getString(o, "mode") ?? getString(ctx.raw, "mode") ?? "markdown";
  let content = getString(o, "content") ?? getString(ctx.raw, "content") ?? "";
  if (mode !== "markdown") ctx.scope.lost("options.mode", `${mode} text is shown as Markdown (raw HTML is never rendered)`);
  if (content.length > 100_000) {
    ctx.scope.lost("options.content", "longer than 100,000 characters; truncated");
    content = content.slice(0, 100_000);
  }
  reportRest(o, { mode: "handled", content: "handled", code: "*" }, ctx.scope.child("options"), "text option");
  return { type: "text", options: { mode: "markdown", content }, consumed: ["options", "mode", "content"] };
}

/** Orrery's own Knative panel, as the exporter writes it (Grafana has no such panel). */
export function convertKnativeConcurrency(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = {};
  for (const key of ["namespace", "revision"]) {
    const v = getString(o, key);
    if (v !== undefined && v.length <= 253) options[key] = v;
  }
  const chart = getString(o, "chart");
  if (chart === "concurrency" || chart === "pods") options.chart = chart;
  reportRest(o, { namespace: "handled", revision: "handled", chart: "handled" }, ctx.scope.child("options"), "option");
  return { type: "knative-concurrency", options, consumed: ["options"] };
}
