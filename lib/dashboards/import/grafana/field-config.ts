import { cssColor, FALLBACK_COLOR } from "@/lib/panels/colors";
import type { ReportScope } from "./report";
import { get, getArray, getNumber, getObject, getString, isSet, safeKeys, type JsonObject } from "./json";
import { mapUnit } from "./units";

/** Orrery fieldConfig input (the schema fills defaults). */
export interface FieldConfigOut {
  defaults: Record<string, unknown>;
  overrides: Array<{ matcher: { id: "byName" | "byRegexp"; options: string }; properties: Array<{ id: string; value: unknown }> }>;
}

const COLOR_MODES = new Set(["palette-classic", "fixed", "thresholds"]);
// Grafana fields that carry nothing visible when left at these values.
const NEUTRAL: Readonly<Record<string, (v: unknown) => boolean>> = {
  mappings: (v) => Array.isArray(v) && v.length === 0,
  links: (v) => Array.isArray(v) && v.length === 0,
  noValue: (v) => !isSet(v),
  filterable: () => true,
  description: () => true,
  path: () => true,
  writeable: () => true,
};

/**
 * A Grafana colour (`semi-dark-red`, `#abc`, `rgba(1,2,3,0.5)`, CSS name) as one the schema
 * accepts (#hex or a plain name); null when it cannot be expressed.
 */
export function convertColor(color: unknown): string | null {
  if (typeof color !== "string") return null;
  const c = color.trim();
  if (/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/.test(c)) return c;
  const rgba = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(c);
  if (rgba) {
    const hex = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, "0");
    const alpha = rgba[4] === undefined ? "" : hex(Number(rgba[4]) * 255);
    return `#${hex(+rgba[1]!)}${hex(+rgba[2]!)}${hex(+rgba[3]!)}${alpha === "ff" ? "" : alpha}`;
  }
  const css = cssColor(c);
  return css === FALLBACK_COLOR ? null : css;
}

/** Grafana thresholds → Orrery's (the base step first, ascending); null when unusable (reported). */
export function convertThresholds(value: unknown, scope: ReportScope, sub: string): Record<string, unknown> | null {
  const mode = getString(value, "mode") ?? "absolute";
  if (mode !== "absolute" && mode !== "percentage") {
    scope.lost(`${sub}.mode`, `threshold mode "${mode}" is not supported`);
    return null;
  }
  const steps: Array<{ value: number | null; color: string }> = [];
  getArray(value, "steps").forEach((step, i) => {
    const color = convertColor(get(step, "color"));
    if (color === null) scope.lost(`${sub}.steps[${i}].color`, `color ${JSON.stringify(get(step, "color"))} is not a color Orrery can show; used "${FALLBACK_COLOR}"`);
    const v = get(step, "value");
    // Grafana's base step is null (or -Infinity once serialised); only the first one may be.
    const num = i === 0 || v === null || v === undefined ? null : getNumber(step, "value");
    if (i > 0 && num === null) {
      scope.lost(`${sub}.steps[${i}].value`, "a threshold step after the first needs a number; step dropped");
      return;
    }
    steps.push({ value: num ?? null, color: color ?? FALLBACK_COLOR });
  });
  if (steps.length === 0) return null;
  steps.sort((a, b) => (a.value === null ? -1 : b.value === null ? 1 : a.value - b.value));
  return { mode, steps };
}

function convertColorMode(value: unknown, scope: ReportScope, sub: string): Record<string, unknown> | null {
  const mode = getString(value, "mode") ?? "palette-classic";
  if (!COLOR_MODES.has(mode)) {
    scope.lost(`${sub}.mode`, `color mode "${mode}" is not supported; the classic palette is used`);
    return null;
  }
  const out: Record<string, unknown> = { mode };
  if (isSet(get(value, "fixedColor"))) {
    const fixed = convertColor(get(value, "fixedColor"));
    if (fixed === null) scope.lost(`${sub}.fixedColor`, "not a color Orrery can show");
    else out.fixedColor = fixed;
  }
  return out;
}

/** One standard field property (unit, decimals, min, max, thresholds, color, displayName); undefined when not carried (reported). */
export function convertProperty(id: string, value: unknown, scope: ReportScope, sub: string): unknown {
  switch (id) {
    case "unit": {
      if (typeof value !== "string" || value === "") return undefined;
      const unit = mapUnit(value);
      if (!unit.ok) scope.lost(sub, unit.reason);
      return unit.ok ? unit.unit : undefined;
    }
    case "decimals":
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10) return value;
      if (isSet(value)) scope.lost(sub, `decimals ${JSON.stringify(value)} must be a whole number from 0 to 10`);
      return undefined;
    case "min":
    case "max":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "thresholds":
      return convertThresholds(value, scope, sub) ?? undefined;
    case "color":
      return convertColorMode(value, scope, sub) ?? undefined;
    case "displayName":
      if (typeof value === "string" && value.length <= 200) return value === "" ? undefined : value;
      if (isSet(value)) scope.lost(sub, "display name longer than 200 characters");
      return undefined;
    default:
      return undefined;
  }
}

const STANDARD = new Set(["unit", "decimals", "min", "max", "thresholds", "color", "displayName"]);

/**
 * Grafana `fieldConfig` → Orrery's; `custom` is returned to the panel converter (its keys depend
 * on the panel type) and every other field that is set but unsupported is reported.
 */
export function convertFieldConfig(fieldConfig: unknown, scope: ReportScope): { fieldConfig: FieldConfigOut; custom: JsonObject } {
  const defaults: Record<string, unknown> = {};
  const src = getObject(fieldConfig, "defaults") ?? {};
  const ds = scope.child("fieldConfig.defaults");
  for (const key of safeKeys(src)) {
    if (key === "custom") continue;
    const value = src[key];
    if (STANDARD.has(key)) {
      const converted = convertProperty(key, value, ds, key);
      if (converted !== undefined) defaults[key] = converted;
    } else if (isSet(value) && !(NEUTRAL[key]?.(value) ?? false)) {
      ds.lost(key, key === "mappings" ? "value mappings are not supported" : key === "links" ? "data links are not supported" : `"${key}" is not supported`);
    }
  }
  const overrides: FieldConfigOut["overrides"] = [];
  getArray(fieldConfig, "overrides").forEach((o, i) => {
    const converted = convertOverride(o, scope.child(`fieldConfig.overrides[${i}]`));
    if (converted) overrides.push(converted);
  });
  return { fieldConfig: { defaults, overrides }, custom: getObject(src, "custom") ?? {} };
}

function convertOverride(o: unknown, scope: ReportScope): FieldConfigOut["overrides"][number] | null {
  const matcherId = getString(get(o, "matcher"), "id");
  const options = get(get(o, "matcher"), "options");
  if ((matcherId !== "byName" && matcherId !== "byRegexp") || typeof options !== "string") {
    scope.lost("matcher", `override matcher "${matcherId ?? "?"}" is not supported (only byName and byRegexp); override dropped`);
    return null;
  }
  const properties: Array<{ id: string; value: unknown }> = [];
  getArray(o, "properties").forEach((p, j) => {
    const id = getString(p, "id") ?? "";
    const value = get(p, "value");
    if (STANDARD.has(id)) {
      const converted = convertProperty(id, value, scope, `properties[${j}]`);
      if (converted !== undefined) properties.push({ id, value: converted });
    } else {
      scope.lost(`properties[${j}]`, `override property "${id}" is not supported`);
    }
  });
  if (properties.length === 0) return null;
  if (matcherId === "byRegexp" && !regexCompiles(options)) {
    scope.lost("matcher.options", "not a valid regular expression; override dropped");
    return null;
  }
  return { matcher: { id: matcherId, options }, properties };
}

function regexCompiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

