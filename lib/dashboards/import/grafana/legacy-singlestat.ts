// Grafana's singlestat (removed in Grafana 8), converted as Grafana's own migration does.
import type { PanelBody, PanelCtx } from "./context";
import { convertColor } from "./field-config";
import { get, getArray, getBool, getNumber, getObject, getString, isSet } from "./json";
import { mapUnit } from "./units";

/** Grafana's singlestat → stat (or gauge when the gauge was shown), as its own migration does. */
export function convertSinglestat(ctx: PanelCtx): PanelBody {
  const { raw, scope } = ctx;
  const valueName = getString(raw, "valueName") ?? "avg";
  const map: Readonly<Record<string, string>> = { avg: "mean", current: "lastNotNull", total: "total", min: "min", max: "max", first: "first", last: "last" };
  const reduce = map[valueName] ?? "lastNotNull";
  if (!map[valueName]) scope.lost("valueName", `value "${valueName}" is not supported; "lastNotNull" used`);
  const gauge = getBool(getObject(raw, "gauge"), "show") === true;
  const defaults: Record<string, unknown> = {};
  const format = getString(raw, "format");
  if (format) {
    const m = mapUnit(format);
    if (m.ok) defaults.unit = m.unit;
    else scope.lost("format", m.reason);
  }
  const decimals = getNumber(raw, "decimals");
  if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10) defaults.decimals = decimals;
  const colors = getArray(raw, "colors").map(convertColor);
  const values = (getString(raw, "thresholds") ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "").map(Number);
  if (values.length > 0 && values.every(Number.isFinite)) {
    defaults.thresholds = { mode: "absolute", steps: [{ value: null, color: colors[0] ?? "green" }, ...values.map((v, i) => ({ value: v, color: colors[i + 1] ?? "red" }))] };
    defaults.color = { mode: "thresholds" };
  }
  if (gauge) {
    defaults.min = getNumber(getObject(raw, "gauge"), "minValue") ?? 0;
    defaults.max = getNumber(getObject(raw, "gauge"), "maxValue") ?? 100;
  }
  for (const key of ["prefix", "postfix"]) if (isSet(get(raw, key))) scope.lost(key, `${key} text is not supported`);
  const mappings = [...getArray(raw, "valueMaps"), ...getArray(raw, "rangeMaps")].filter((m) => !(getString(m, "text") === "N/A" && getString(m, "value") === "null"));
  if (mappings.length > 0) scope.lost("valueMaps", "value mappings are not supported");
  if (isSet(get(raw, "tableColumn"))) scope.lost("tableColumn", "column selection is not supported");
  const colorMode = getBool(raw, "colorBackground") === true ? "background" : getBool(raw, "colorValue") === true ? "value" : "none";
  const options: Record<string, unknown> = gauge
    ? { reduce, showThresholdMarkers: getBool(getObject(raw, "gauge"), "thresholdMarkers") ?? true }
    : { reduce, colorMode, graphMode: getBool(getObject(raw, "sparkline"), "show") === true ? "area" : "none" };
  return {
    type: gauge ? "gauge" : "stat",
    options,
    defaults,
    consumed: ["valueName", "gauge", "format", "decimals", "colors", "thresholds", "prefix", "postfix", "valueMaps", "rangeMaps", "tableColumn",
      "colorBackground", "colorValue", "sparkline", "mappingType", "mappingTypes", "nullText", "nullPointMode", "prefixFontSize", "postfixFontSize",
      "valueFontSize", "colorPrefix", "colorPostfix", "options"],
  };
}
