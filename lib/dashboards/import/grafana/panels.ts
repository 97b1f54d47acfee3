import { panelSchema, GRID_COLUMNS } from "@/lib/dashboards/schema";
import { zodIssues } from "@/lib/validation/issues";
import type { PanelBody, PanelCtx } from "./context";
import { normalizeDsRef, nonPrometheusType } from "./datasources";
import { convertFieldConfig } from "./field-config";
import { get, getArray, getBool, getNumber, getObject, getString, isObject, isSet, safeKeys, type JsonObject } from "./json";
import type { GridPosIn } from "./layout";
import { convertGraph } from "./legacy-graph";
import { convertSinglestat } from "./legacy-singlestat";
import { convertBarGauge, convertGauge, convertHeatmap, convertKnativeConcurrency, convertStat, convertText, convertTimeseries } from "./panel-types";
import { convertTable, convertTableOld } from "./table";
import { convertTargets } from "./targets";

/** Keys every panel may carry that the base conversion reads or that change nothing. */
const BASE_KEYS = new Set([
  "id", "type", "title", "description", "gridPos", "datasource", "targets", "fieldConfig", "links", "repeat", "repeatDirection", "maxPerRow",
  "maxDataPoints", "interval", "pluginVersion", "span", "height", "scopedVars", "repeatIteration", "repeatPanelId", "repeatedByRow", "isNew",
  "editable", "error", "cacheTimeout", "queryCachingTTL", "hideTimeOverride", "timeFrom", "timeShift", "transparent", "libraryPanel", "alert",
  "transformations", "collapsed", "panels", "minSpan", "leftLogBase", "rightLogBase", "datasourceErrors", "key", "hiddenSeries", "tags",
]);

type Converter = (ctx: PanelCtx, custom: JsonObject) => PanelBody;
const CONVERTERS: Readonly<Record<string, Converter>> = {
  graph: (ctx) => convertGraph(ctx),
  timeseries: convertTimeseries,
  singlestat: (ctx) => convertSinglestat(ctx),
  stat: (ctx) => convertStat(ctx),
  gauge: (ctx) => convertGauge(ctx),
  bargauge: (ctx) => convertBarGauge(ctx),
  table: (ctx) => convertTable(ctx),
  "table-old": (ctx) => convertTableOld(ctx),
  heatmap: (ctx) => convertHeatmap(ctx),
  text: (ctx) => convertText(ctx),
  "knative-concurrency": (ctx) => convertKnativeConcurrency(ctx),
};

export function clampGridPos(g: GridPosIn, ctx: Pick<PanelCtx, "scope">): GridPosIn {
  const int = (n: number) => (Number.isFinite(n) ? Math.round(n) : 0);
  const w = Math.min(GRID_COLUMNS, Math.max(1, int(g.w)));
  const h = Math.min(100, Math.max(1, int(g.h)));
  const x = Math.min(GRID_COLUMNS - w, Math.max(0, int(g.x)));
  const y = Math.max(0, int(g.y));
  if (x !== g.x || y !== g.y || w !== g.w || h !== g.h) ctx.scope.lost("gridPos", `position ${JSON.stringify(g)} adjusted to the 24-column grid (${x},${y} ${w}×${h})`);
  return { x, y, w, h };
}

function links(raw: JsonObject, ctx: PanelCtx, base: string): Array<{ title: string; url: string; targetBlank: boolean }> {
  const out: Array<{ title: string; url: string; targetBlank: boolean }> = [];
  getArray(raw, "links").forEach((link, i) => {
    const url = getString(link, "url") ?? "";
    const raw = getString(link, "title") ?? "";
    const title = raw.trim() === "" ? url : raw;
    if (getString(link, "type") === "dashboard" || getString(link, "type") === "dashboards") {
      return ctx.scope.lost(`${base}[${i}]`, `links to dashboards by ${getString(link, "type") === "dashboard" ? "title" : "tag"} are not supported`);
    }
    if (!/^(https?:\/\/|mailto:|\/(?!\/)|\?|#)/i.test(url.trim()) || url.length > 2000) {
      return ctx.scope.lost(`${base}[${i}].url`, `link ${JSON.stringify(url.slice(0, 100))} is not an http(s), mailto or relative URL; dropped`);
    }
    out.push({ title: title.slice(0, 200), url, targetBlank: getBool(link, "targetBlank") ?? false });
  });
  return out;
}

function placeholder(ctx: PanelCtx, base: Record<string, unknown>, reason: string): Record<string, unknown> {
  return { ...base, type: "unsupported", targets: [], options: { grafanaType: ctx.type.slice(0, 100), reason: reason.slice(0, 500) } };
}

/** Panel datasource: its own, or for `-- Mixed --` the one its queries share (else the first). */
function panelDatasource(ctx: PanelCtx, targetDs: Array<string | undefined>): string | undefined {
  const ref = normalizeDsRef(get(ctx.raw, "datasource"), ctx.dsContext);
  if (ref.kind === "mixed" || (ref.kind === "default" && targetDs.length > 0)) {
    const distinct = [...new Set(targetDs)];
    if (distinct.length > 1) ctx.scope.lost("datasource", `queries use different datasources (${distinct.map((d) => d ?? "default").join(", ")}); Orrery panels have one, the first is used`);
    return distinct[0];
  }
  const resolved = ctx.resolver.resolve(ref);
  return resolved.ok ? resolved.ref : undefined;
}

/**
 * One Grafana panel (not a row) → an Orrery panel input; anything that does not fit becomes an
 * "unsupported" placeholder showing the Grafana type and title. Validated against the schema.
 */
export function convertPanel(ctx: PanelCtx, id: number, gridPos: GridPosIn): Record<string, unknown> {
  const { raw, scope } = ctx;
  let title = getString(raw, "title") ?? "";
  if (title.length > 200) {
    scope.lost("title", "longer than 200 characters; truncated");
    title = title.slice(0, 200);
  }
  const base: Record<string, unknown> = { id, title, gridPos: clampGridPos(gridPos, ctx) };
  const description = getString(raw, "description") ?? "";
  if (description !== "") base.description = description.slice(0, 10_000);
  if (description.length > 10_000) scope.lost("description", "longer than 10,000 characters; truncated");
  const converter = Object.hasOwn(CONVERTERS, ctx.type) ? CONVERTERS[ctx.type] : undefined;
  if (getObject(raw, "libraryPanel") && !converter) {
    scope.lost("libraryPanel", "library panels are not exported with the dashboard; placeholder kept");
    return placeholder(ctx, base, "Grafana library panel: its content is not part of the dashboard JSON");
  }
  if (!converter) {
    scope.lost("type", `panel type "${ctx.type}" is not supported; an "unsupported" placeholder keeps its place and title`);
    return placeholder(ctx, base, `Orrery has no "${ctx.type}" panel`);
  }
  const { fieldConfig, custom } = convertFieldConfig(get(raw, "fieldConfig"), scope);
  const body = converter(ctx, custom);
  if (ctx.type !== "timeseries" && Object.keys(custom).length > 0) {
    for (const key of safeKeys(custom)) if (isSet(custom[key]) && custom[key] !== false) scope.lost(`fieldConfig.defaults.custom.${key}`, `field option "${key}" is not supported for ${ctx.type} panels`);
  }
  // Grafana's stat, gauge and bar gauge colour by thresholds unless told otherwise (Orrery's schema default is the palette).
  if (["stat", "gauge", "bargauge"].includes(body.type) && fieldConfig.defaults.color === undefined && body.defaults?.color === undefined) {
    fieldConfig.defaults.color = { mode: "thresholds" };
  }
  const panel: Record<string, unknown> = {
    ...base,
    type: body.type,
    options: body.options,
    fieldConfig: { defaults: { ...fieldConfig.defaults, ...body.defaults }, overrides: [...fieldConfig.overrides, ...(body.overrides ?? [])] },
  };
  Object.assign(panel, queriesOf(ctx, body));
  const panelLinks = links(raw, ctx, "links");
  if (panelLinks.length > 0) panel.links = panelLinks.slice(0, 20);
  if (panelLinks.length > 20) scope.lost("links", `Orrery panels hold at most 20 links; ${panelLinks.length - 20} dropped`);
  Object.assign(panel, repeatOf(ctx), timing(ctx));
  reportLeftovers(ctx, body);
  return validated(ctx, panel, base);
}

function queriesOf(ctx: PanelCtx, body: PanelBody): Record<string, unknown> {
  const ref = normalizeDsRef(get(ctx.raw, "datasource"), ctx.dsContext);
  const other = nonPrometheusType(ref);
  if (other !== undefined) {
    ctx.resolver.resolve(ref);
    if (getArray(ctx.raw, "targets").length > 0) ctx.scope.lost("targets", `the panel's datasource "${other}" is not Prometheus-compatible; its queries are dropped`);
    return { targets: [] };
  }
  const { targets, datasources } = convertTargets({
    targets: getArray(ctx.raw, "targets"),
    formats: new Set(body.formats ?? []),
    dsContext: ctx.dsContext,
    resolver: ctx.resolver,
    scope: ctx.scope,
  });
  const datasource = panelDatasource(ctx, datasources);
  return { targets, ...(datasource !== undefined ? { datasource } : {}) };
}

function repeatOf(ctx: PanelCtx): Record<string, unknown> {
  const repeat = getString(ctx.raw, "repeat");
  const out: Record<string, unknown> = { repeatDirection: getString(ctx.raw, "repeatDirection") === "v" ? "v" : "h" };
  if (repeat && ctx.variables.has(repeat)) out.repeat = repeat;
  else if (repeat) ctx.scope.lost("repeat", `repeats over "${repeat}", which is not an imported variable; shown once`);
  const maxPerRow = getNumber(ctx.raw, "maxPerRow");
  if (maxPerRow !== undefined && Number.isInteger(maxPerRow) && maxPerRow >= 1 && maxPerRow <= 24) out.maxPerRow = maxPerRow;
  return out;
}

function timing(ctx: PanelCtx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const interval = getString(ctx.raw, "interval");
  if (interval && interval.length <= 64) out.interval = interval;
  else if (interval) ctx.scope.lost("interval", "min interval longer than 64 characters; dropped");
  const mdp = getNumber(ctx.raw, "maxDataPoints");
  if (mdp !== undefined) {
    if (Number.isInteger(mdp) && mdp >= 1 && mdp <= 11_000) out.maxDataPoints = mdp;
    else ctx.scope.lost("maxDataPoints", `max data points ${mdp} must be a whole number from 1 to 11000`);
  }
  for (const key of ["timeFrom", "timeShift"]) {
    if (isSet(get(ctx.raw, key))) ctx.scope.lost(key, `per-panel ${key === "timeFrom" ? "relative time" : "time shift"} is not supported; the dashboard's range is used`);
  }
  if (getBool(ctx.raw, "transparent") === true) ctx.scope.lost("transparent", "transparent panels are not supported");
  if (isObject(get(ctx.raw, "alert"))) ctx.scope.lost("alert", "legacy panel alerts are not imported (Orrery does not alert)");
  return out;
}

function reportLeftovers(ctx: PanelCtx, body: PanelBody): void {
  const consumed = new Set(body.consumed);
  for (const key of safeKeys(ctx.raw)) {
    if (BASE_KEYS.has(key) || consumed.has(key)) continue;
    const v = ctx.raw[key];
    if (!isSet(v) || v === false || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)) continue;
    ctx.scope.lost(key, `panel field "${key}" is not supported`);
  }
  if (body.type !== "table") {
    getArray(ctx.raw, "transformations").forEach((t, i) => {
      if (getBool(t, "disabled") !== true) ctx.scope.lost(`transformations[${i}]`, `transformation "${getString(t, "id") ?? "?"}" is not supported`);
    });
  }
}

// The conversion is written to produce valid panels; should one still fail (an edge the code
// did not foresee), the panel becomes a placeholder with the schema's message rather than vanishing.
function validated(ctx: PanelCtx, panel: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  const parsed = panelSchema.safeParse(panel);
  if (parsed.success) return panel;
  const issues = zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join("; ");
  ctx.scope.lost("", `could not be converted (${issues.slice(0, 300)}); placeholder kept`);
  return placeholder(ctx, base, `conversion failed: ${issues}`);
}
