// Grafana's graph → timeseries migration (graphPanelChangedHandler), for legacy `graph` panels.
import type { PanelBody, PanelCtx } from "./context";
import { convertColor } from "./field-config";
import { get, getArray, getBool, getNumber, getObject, getString, isObject, isSet, safeKeys } from "./json";
import { mapUnit } from "./units";

type Override = NonNullable<PanelBody["overrides"]>[number];

const THRESHOLD_COLORS: Readonly<Record<string, string>> = { critical: "red", warning: "orange", ok: "green" };

function matcherFor(alias: string): Override["matcher"] {
  const re = /^\/(.*)\/([gimsuy]*)$/.exec(alias);
  return re ? { id: "byRegexp", options: alias } : { id: "byName", options: alias };
}

function legend(ctx: PanelCtx): Record<string, unknown> {
  const l = getObject(ctx.raw, "legend");
  const s = ctx.scope.child("legend");
  if (!l) return {};
  if (getBool(l, "show") === false) return { displayMode: "hidden" };
  const calcs: string[] = [];
  if (getBool(l, "values") === true) {
    for (const [key, calc] of [["min", "min"], ["max", "max"], ["avg", "mean"], ["current", "last"], ["total", "total"]] as const) {
      if (getBool(l, key) === true) calcs.push(calc);
    }
  }
  for (const key of ["hideEmpty", "hideZero"]) if (getBool(l, key) === true) s.lost(key, `legend "${key}" is not supported`);
  if (isSet(get(l, "sort"))) s.lost("sort", "legend sorting is not supported");
  return {
    displayMode: getBool(l, "alignAsTable") === true ? "table" : "list",
    placement: getBool(l, "rightSide") === true ? "right" : "bottom",
    calcs,
  };
}

function yAxes(ctx: PanelCtx, usesRightAxis: boolean): Record<string, unknown> {
  const axes = getArray(ctx.raw, "yaxes");
  const left = axes[0];
  const defaults: Record<string, unknown> = {};
  if (!isObject(left)) return defaults;
  const s = ctx.scope.child("yaxes[0]");
  const format = getString(left, "format");
  if (format) {
    const unit = mapUnit(format);
    if (unit.ok) defaults.unit = unit.unit;
    else s.lost("format", unit.reason);
  }
  const min = getNumber(left, "min");
  const max = getNumber(left, "max");
  if (min !== undefined) defaults.min = min;
  if (max !== undefined) defaults.max = max;
  const decimals = getNumber(left, "decimals");
  if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10) defaults.decimals = decimals;
  const logBase = getNumber(left, "logBase") ?? 1;
  if (logBase !== 1) s.lost("logBase", `logarithmic axis (base ${logBase}) is not supported`);
  if (isSet(get(left, "label"))) s.lost("label", "axis labels are not supported");
  if (getBool(left, "show") === false) s.lost("show", "hiding the y-axis is not supported");
  if (usesRightAxis) ctx.scope.lost("yaxes[1]", "a second (right) y-axis is not supported; its series use the left axis");
  return defaults;
}

function seriesOverrides(ctx: PanelCtx): { overrides: Override[]; usesRightAxis: boolean } {
  const overrides: Override[] = [];
  let usesRightAxis = false;
  getArray(ctx.raw, "seriesOverrides").forEach((o, i) => {
    const s = ctx.scope.child(`seriesOverrides[${i}]`);
    const alias = getString(o, "alias");
    if (!alias) return s.lost("", "series override without an alias; dropped");
    const properties: Override["properties"] = [];
    for (const key of safeKeys(isObject(o) ? o : {})) {
      if (key === "alias") continue;
      const value = get(o, key);
      if (key === "color") {
        const color = convertColor(value);
        if (color) properties.push({ id: "color", value: { mode: "fixed", fixedColor: color } });
        else s.lost("color", "not a color Orrery can show");
      } else if (key === "yaxis") {
        if (value === 2) usesRightAxis = true;
        if (value === 2) s.lost("yaxis", "series on the right y-axis are drawn on the left axis");
      } else if (key === "legend" && value === false) {
        s.lost("legend", "hiding a series from the legend is not supported");
      } else {
        s.lost(key, `series override "${key}" is not supported`);
      }
    }
    if (properties.length > 0) overrides.push({ matcher: matcherFor(alias), properties });
  });
  const aliasColors = getObject(ctx.raw, "aliasColors") ?? {};
  for (const name of safeKeys(aliasColors)) {
    const color = convertColor(aliasColors[name]);
    if (color) overrides.push({ matcher: { id: "byName", options: name }, properties: [{ id: "color", value: { mode: "fixed", fixedColor: color } }] });
    else ctx.scope.lost(`aliasColors.${name}`, "not a color Orrery can show");
  }
  return { overrides, usesRightAxis };
}

function thresholds(ctx: PanelCtx): { thresholds?: Record<string, unknown>; style?: string } {
  const list = getArray(ctx.raw, "thresholds").filter(isObject);
  if (list.length === 0) return {};
  const steps: Array<{ value: number | null; color: string }> = [{ value: null, color: "transparent" }];
  let line = false;
  let fill = false;
  const sorted = [...list].sort((a, b) => (getNumber(a, "value") ?? 0) - (getNumber(b, "value") ?? 0));
  sorted.forEach((t, i) => {
    const value = getNumber(t, "value");
    if (value === undefined) return ctx.scope.lost(`thresholds[${i}]`, "threshold without a value; dropped");
    const mode = getString(t, "colorMode") ?? "critical";
    const color = mode === "custom" ? (convertColor(get(t, "fillColor")) ?? convertColor(get(t, "lineColor")) ?? "red") : (THRESHOLD_COLORS[mode] ?? "red");
    line ||= getBool(t, "line") !== false;
    fill ||= getBool(t, "fill") !== false;
    if (getString(t, "yaxis") === "right") ctx.scope.lost(`thresholds[${i}].yaxis`, "thresholds on the right axis are drawn on the left axis");
    if (getString(t, "op") === "lt") {
      // "below value": the colour runs up to the value, transparent above (Grafana's migration).
      steps[steps.length - 1]!.color = color;
      steps.push({ value, color: "transparent" });
    } else steps.push({ value, color });
  });
  return { thresholds: { mode: "absolute", steps }, style: line && fill ? "line+area" : fill ? "area" : "line" };
}

/** A legacy `graph` panel as an Orrery time series, following Grafana's own migration. */
export function convertGraph(ctx: PanelCtx): PanelBody {
  const { raw, scope } = ctx;
  const lines = getBool(raw, "lines") ?? true;
  const bars = getBool(raw, "bars") ?? false;
  const points = getBool(raw, "points") ?? false;
  const drawStyle = bars && !lines ? "bars" : points && !lines && !bars ? "points" : "line";
  if (bars && lines) scope.lost("bars", "lines and bars together: drawn as lines");
  const fill = getNumber(raw, "fill") ?? 1;
  const options: Record<string, unknown> = {
    drawStyle,
    lineWidth: Math.min(10, Math.max(0, getNumber(raw, "linewidth") ?? 1)),
    fillOpacity: Math.min(100, Math.max(0, fill * 10)),
    showPoints: lines && points ? "always" : "never",
    stacking: getBool(raw, "stack") === true ? (getBool(raw, "percentage") === true ? "percent" : "normal") : "none",
    legend: legend(ctx),
    tooltip: { mode: getBool(getObject(raw, "tooltip"), "shared") === false ? "single" : "multi" },
  };
  if (getBool(raw, "percentage") === true && getBool(raw, "stack") !== true) scope.lost("percentage", "percentage without stacking is not supported");
  if ((getNumber(raw, "fillGradient") ?? 0) > 0) scope.lost("fillGradient", "gradient fill is not supported");
  if (getBool(raw, "steppedLine") === true) scope.lost("steppedLine", "stepped lines are not supported");
  if (getBool(raw, "dashes") === true) scope.lost("dashes", "dashed lines are not supported");
  const nullPointMode = getString(raw, "nullPointMode") ?? "null";
  if (nullPointMode !== "null") scope.lost("nullPointMode", `null point mode "${nullPointMode}" is not supported; gaps stay gaps`);
  const tooltip = getObject(raw, "tooltip");
  if ((getNumber(tooltip, "sort") ?? 0) !== 0) scope.lost("tooltip.sort", "tooltip sorting is not supported");
  if ((getString(tooltip, "value_type") ?? "individual") !== "individual") scope.lost("tooltip.value_type", "cumulative tooltip values are not supported");
  const xaxis = getObject(raw, "xaxis");
  if ((getString(xaxis, "mode") ?? "time") !== "time") scope.lost("xaxis.mode", `x-axis mode "${getString(xaxis, "mode")}" is not supported; shown over time`);
  if (getBool(xaxis, "show") === false) scope.lost("xaxis.show", "hiding the x-axis is not supported");
  if (getArray(raw, "timeRegions").length > 0) scope.lost("timeRegions", "time regions are not supported");
  const { overrides, usesRightAxis } = seriesOverrides(ctx);
  const defaults = yAxes(ctx, usesRightAxis);
  const decimals = getNumber(raw, "decimals");
  if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10) defaults.decimals = decimals;
  const t = thresholds(ctx);
  if (t.thresholds) {
    defaults.thresholds = t.thresholds;
    options.thresholdsStyle = { mode: t.style };
  }
  return {
    type: "timeseries",
    options,
    defaults,
    overrides,
    consumed: [
      "lines", "bars", "points", "fill", "linewidth", "stack", "percentage", "legend", "tooltip", "fillGradient", "steppedLine", "dashes",
      "nullPointMode", "xaxis", "yaxes", "yaxis", "timeRegions", "seriesOverrides", "aliasColors", "decimals", "thresholds",
      "dashLength", "spaceLength", "pointradius", "renderer", "hiddenSeries", "options", "grid", "zindex",
    ],
  };
}
