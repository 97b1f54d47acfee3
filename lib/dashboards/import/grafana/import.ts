import { CURRENT_SCHEMA_VERSION, dashboardSchema, linkUrlSchema, REFRESH_INTERVALS, uidSchema, type Dashboard } from "@/lib/dashboards/schema";
import { formatZodError } from "@/lib/validation/issues";
import type { PanelCtx } from "./context";
import { DatasourceResolver, readInputs, type DsContext } from "./datasources";
import type { ImportOptions, ImportResult } from "./index";
import { depthExceeds, get, getArray, getBool, getNumber, getObject, getString, isObject, isSet, safeKeys, type JsonObject } from "./json";
import { fromLegacyRows, fromPanels, type LayoutPanel } from "./layout";
import { clampGridPos, convertPanel } from "./panels";
import { ImportError, Reporter, ReportScope } from "./report";
import { isV2, v2Dashboard, v2Panels } from "./v2";
import { convertVariables } from "./variables";

/** Deeper than any real dashboard (they nest about 10 levels); the walkers below never recurse this far. */
export const MAX_DEPTH = 64;
const REFRESH = new Set<string>(REFRESH_INTERVALS);
/** What the dashboard schema fills in for a field left out: one source of truth for the fallbacks below. */
const DEFAULTS = dashboardSchema.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, uid: "defaults", title: "defaults" });
const validTimezone = (tz: string) => dashboardSchema.shape.timezone.safeParse(tz).success;
// Dashboard fields that change nothing in Orrery, or are read elsewhere.
const DASHBOARD_KEYS = new Set([
  "uid", "title", "description", "tags", "time", "refresh", "timezone", "graphTooltip", "templating", "panels", "rows", "links", "annotations",
  "schemaVersion", "version", "id", "gnetId", "editable", "iteration", "style", "__inputs", "__requires", "__elements", "hideControls",
  "timepicker", "sharedCrosshair", "fiscalYearStartMonth", "weekStart", "liveNow", "preload", "originalTitle", "meta", "folderId", "folderUid",
  "overwrite", "nav", "isStarred", "url", "slug", "pluginVersion", "revision", "apiVersion", "kind", "metadata", "spec",
]);

function unwrap(input: unknown): JsonObject {
  if (Array.isArray(input)) throw new ImportError("expected a Grafana dashboard object, got a JSON array");
  if (!isObject(input)) throw new ImportError(`expected a Grafana dashboard object, got ${input === null ? "null" : typeof input}`);
  if (depthExceeds(input, MAX_DEPTH)) throw new ImportError(`the document nests deeper than ${MAX_DEPTH} levels; not a Grafana dashboard`);
  // The dashboard API's `{dashboard, meta}` wrapper.
  const inner = getObject(input, "dashboard");
  const doc = inner && (isObject(get(input, "meta")) || !("panels" in input || "rows" in input)) ? inner : input;
  if (isV2(doc)) return doc;
  const hasLayout = Array.isArray(get(doc, "panels")) || Array.isArray(get(doc, "rows"));
  if (!hasLayout && getString(doc, "title") === undefined) {
    throw new ImportError("not a Grafana dashboard: expected \"panels\" or \"rows\" (or a v2 \"spec\") and a \"title\"");
  }
  return doc;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
}

function dashboardFields(doc: JsonObject, scope: ReportScope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let title = (getString(doc, "title") ?? "").trim();
  if (title === "") {
    scope.lost("title", "missing; named \"Imported dashboard\"");
    title = "Imported dashboard";
  }
  if (title.length > 200) scope.lost("title", "longer than 200 characters; truncated");
  out.title = title.slice(0, 200);
  const uid = getString(doc, "uid") ?? "";
  if (uidSchema.safeParse(uid).success) out.uid = uid;
  else {
    out.uid = slug(title) || "imported";
    if (uid !== "") scope.lost("uid", `uid ${JSON.stringify(uid.slice(0, 60))} is not usable (1-40 letters, digits, "-", "_"); "${String(out.uid)}" used`);
  }
  const description = getString(doc, "description");
  if (description) out.description = description.slice(0, 10_000);
  const tags = getArray(doc, "tags").filter((t): t is string => typeof t === "string" && t.trim() !== "" && t.length <= 50);
  if (tags.length !== getArray(doc, "tags").length) scope.lost("tags", "tags that are empty, not text or longer than 50 characters were dropped");
  out.tags = [...new Set(tags.map((t) => t.trim()))].slice(0, 50);
  if (tags.length > 50) scope.lost("tags", "Orrery dashboards hold at most 50 tags; the rest dropped");
  const time = getObject(doc, "time");
  const from = getString(time, "from");
  const to = getString(time, "to");
  if (from && to && from.length <= 64 && to.length <= 64) out.time = { from, to };
  const refresh = get(doc, "refresh");
  if (typeof refresh === "string" && REFRESH.has(refresh)) out.refresh = refresh;
  else if (isSet(refresh) && refresh !== false) scope.lost("refresh", `auto-refresh ${JSON.stringify(refresh)} is not one of Orrery's intervals (${[...REFRESH].filter(Boolean).join(", ")}); off`);
  const tz = getString(doc, "timezone") ?? "";
  out.timezone = tz === "" ? DEFAULTS.timezone : tz.toLowerCase() === "utc" ? "utc" : tz;
  if (!validTimezone(out.timezone as string)) {
    scope.lost("timezone", `time zone ${JSON.stringify(tz.slice(0, 60))} is not known; the browser's is used`);
    out.timezone = DEFAULTS.timezone;
  }
  out.graphTooltip = (["default", "crosshair", "tooltip"] as const)[getNumber(doc, "graphTooltip") ?? 0] ?? "default";
  return out;
}

function dashboardLinks(doc: JsonObject, scope: ReportScope): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  getArray(doc, "links").forEach((link, i) => {
    const type = getString(link, "type") ?? "link";
    if (type !== "link") return scope.lost(`links[${i}]`, `links to dashboards by tag are not supported`);
    const url = getString(link, "url") ?? "";
    if (!linkUrlSchema.safeParse(url).success) {
      return scope.lost(`links[${i}].url`, `link ${JSON.stringify(url.slice(0, 100))} is not an http(s), mailto or relative URL; dropped`);
    }
    for (const key of ["includeVars", "keepTime"]) if (getBool(link, key) === true) scope.lost(`links[${i}].${key}`, `"${key}" is not supported; the link opens as written`);
    const title = getString(link, "title") ?? "";
    out.push({ title: (title.trim() === "" ? url : title).slice(0, 200), url, targetBlank: getBool(link, "targetBlank") ?? false });
  });
  if (out.length > 50) scope.lost("links", `Orrery dashboards hold at most 50 links; ${out.length - 50} dropped`);
  return out.slice(0, 50);
}

function otherDashboardFields(doc: JsonObject, scope: ReportScope): void {
  getArray(getObject(doc, "annotations"), "list").forEach((a, i) => {
    if (getNumber(a, "builtIn") === 1 || getBool(a, "builtIn") === true) return;
    if (getBool(a, "enable") === false) return;
    scope.lost(`annotations.list[${i}]`, `annotation query ${JSON.stringify(getString(a, "name") ?? "")} is not supported`);
  });
  if (getBool(getObject(doc, "timepicker"), "hidden") === true) scope.lost("timepicker.hidden", "hiding the time picker is not supported");
  if (isSet(getString(getObject(doc, "timepicker"), "nowDelay"))) scope.lost("timepicker.nowDelay", "\"now\" delay is not supported");
  for (const key of ["weekStart", "fiscalYearStartMonth"]) if (isSet(get(doc, key)) && get(doc, key) !== 0) scope.lost(key, `"${key}" is not supported`);
  if (getBool(doc, "liveNow") === true) scope.lost("liveNow", "live streaming is not supported");
  if (isObject(get(doc, "__elements")) && Object.keys(getObject(doc, "__elements")!).length > 0) scope.lost("__elements", "library panels are not imported; their panels become placeholders");
  for (const key of safeKeys(doc)) {
    if (DASHBOARD_KEYS.has(key) || !isSet(doc[key]) || doc[key] === false) continue;
    scope.lost(key, `dashboard field "${key}" is not supported`);
  }
}

interface Ids {
  used: Set<number>;
  next: number;
}

function panelId(raw: JsonObject, ids: Ids, scope: ReportScope): number {
  const id = getNumber(raw, "id");
  if (id !== undefined && Number.isInteger(id) && id >= 1 && !ids.used.has(id)) {
    ids.used.add(id);
    return id;
  }
  while (ids.used.has(ids.next)) ids.next++;
  const fresh = ids.next++;
  ids.used.add(fresh);
  if (id !== undefined) scope.lost("id", `panel id ${id} is used twice or not a positive whole number; renumbered ${fresh}`);
  return fresh;
}

function panelInfo(p: LayoutPanel): { id?: number; title: string; type: string } {
  const id = getNumber(p.raw, "id");
  return { ...(id !== undefined ? { id } : {}), title: getString(p.raw, "title") ?? "", type: getString(p.raw, "type") ?? "" };
}

function convertLayout(layout: LayoutPanel[], ctx: Omit<PanelCtx, "raw" | "type" | "scope">, root: ReportScope): Array<Record<string, unknown>> {
  const ids: Ids = { used: new Set(), next: 1 };
  // Keep the Grafana ids that are valid and unique; assign new ones only where needed.
  const all = layout.flatMap((p) => [p, ...p.children]);
  const counts = new Map<number, number>();
  for (const p of all) {
    const id = getNumber(p.raw, "id");
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  ids.next = Math.max(0, ...counts.keys()) + 1;
  const one = (p: LayoutPanel): Record<string, unknown> => {
    const scope = root.child(p.path, panelInfo(p));
    const id = panelId(p.raw, ids, scope);
    return convertPanel({ ...ctx, raw: p.raw, type: getString(p.raw, "type") ?? "", scope }, id, p.gridPos);
  };
  const out: Array<Record<string, unknown>> = [];
  for (const p of layout) {
    if (getString(p.raw, "type") !== "row") {
      out.push(one(p));
      continue;
    }
    const scope = root.child(p.path, panelInfo(p));
    const id = panelId(p.raw, ids, scope);
    const collapsed = getBool(p.raw, "collapsed") === true;
    const repeat = getString(p.raw, "repeat");
    const row: Record<string, unknown> = { type: "row", id, title: (getString(p.raw, "title") ?? "").slice(0, 200), gridPos: { ...clampGridPos(p.gridPos, { scope }), x: 0, w: 24, h: 1 }, collapsed };
    if (repeat && ctx.variables.has(repeat)) row.repeat = repeat;
    else if (repeat) scope.lost("repeat", `repeats over "${repeat}", which is not an imported variable; shown once`);
    for (const c of p.children) if (getString(c.raw, "type") === "row") root.child(c.path, panelInfo(c)).lost("", "a row inside a row is not supported; dropped");
    row.panels = collapsed ? p.children.filter((c) => getString(c.raw, "type") !== "row").map(one) : [];
    if (!collapsed && p.children.length > 0) out.push(row, ...p.children.map(one));
    else out.push(row);
  }
  return out;
}

/**
 * Converts a Grafana dashboard (any schemaVersion from 14, the `{dashboard, meta}` API wrapper,
 * "export for sharing" with `__inputs`, Grafana 12's v2 format) to an Orrery dashboard, with a
 * report of every field not carried over and the datasource references found (for the mapping).
 * Throws ImportError when the input is not a Grafana dashboard.
 */
export function importGrafanaDashboard(input: unknown, options: ImportOptions): ImportResult {
  const doc = unwrap(input);
  const v2 = isV2(doc);
  const classic = v2 ? v2Dashboard(doc) : doc;
  const reporter = new Reporter();
  const root = new ReportScope(reporter, "");
  const list = getArray(getObject(classic, "templating"), "list");
  const dsContext: DsContext = {
    inputs: readInputs(doc),
    // `$x` as a datasource names a variable (usually a datasource variable; Grafana allows any).
    dsVariables: new Set(list.map((v) => getString(v, "name") ?? "").filter((n) => n !== "")),
  };
  const resolver = new DatasourceResolver(options);
  for (const key of resolver.unknownMappings()) root.lost(`datasourceMap.${key}`, `maps to "${options.datasourceMap![key]}", which is not a configured datasource; the default is used`);
  let variables = convertVariables({ list, dsContext, resolver, scope: root });
  if (variables.length > 100) {
    root.lost("templating.list", `Orrery dashboards hold at most 100 variables; ${variables.length - 100} dropped`);
    variables = variables.slice(0, 100);
  }
  const ctx = { dsContext, resolver, variables: new Set(variables.map((v) => v.name)) };
  const layout = v2 ? v2Panels(doc, root) : Array.isArray(get(doc, "rows")) && !Array.isArray(get(doc, "panels")) ? fromLegacyRows(getArray(doc, "rows"), root) : fromPanels(getArray(doc, "panels"), root);
  let panels = convertLayout(layout, ctx, root);
  if (panels.length > 500) {
    root.lost("panels", `Orrery dashboards hold at most 500 panels; ${panels.length - 500} dropped`);
    panels = panels.slice(0, 500);
  }
  const fields = dashboardFields(classic, root);
  const links = dashboardLinks(classic, root);
  if (!v2) otherDashboardFields(doc, root);
  const parsed = dashboardSchema.safeParse({ schemaVersion: CURRENT_SCHEMA_VERSION, ...fields, templating: { list: variables }, panels, links });
  if (!parsed.success) throw new ImportError(`the converted dashboard is not valid: ${formatZodError(parsed.error)}`);
  return { dashboard: parsed.data satisfies Dashboard, report: reporter.entries, datasourceRefs: resolver.summaries() };
}
