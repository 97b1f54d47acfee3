import { ALL_VALUE, variableSchema, type Variable } from "@/lib/dashboards/schema";
import { variableDependencies, variableGraph } from "@/lib/dashboards/variables/dependencies";
import { parseVariableQuery } from "@/lib/dashboards/variables/query";
import { parseDurationMs } from "@/lib/promql/duration";
import { zodIssues } from "@/lib/validation/issues";
import { normalizeDsRef, type DatasourceResolver, type DsContext } from "./datasources";
import { get, getBool, getNumber, getObject, getString, isObject, isSet, safeKeys, type JsonObject } from "./json";
import type { ReportScope } from "./report";
import { unsupportedMacros, VARIABLE_QUERY_MACROS } from "./targets";

const SORT = ["none", "alpha-asc", "alpha-desc", "num-asc", "num-desc", "alpha-ci-asc", "alpha-ci-desc"] as const;
const HIDE = ["none", "label", "variable"] as const;
const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Written by Grafana with no effect on the variable, or restated elsewhere (definition = query).
const NEUTRAL = new Set([
  "name", "type", "label", "description", "hide", "current", "options", "datasource", "query", "definition", "regex", "sort", "refresh", "multi",
  "includeAll", "allValue", "auto", "auto_count", "auto_min", "skipUrlSync", "error", "tagValuesQuery", "tagsQuery", "tags", "useTags", "id",
  "global", "index", "state", "rootStateKey", "allowCustomValue", "queryValue", "pluginId", "staticOptions", "staticOptionsOrder", "version",
  "orreryType",
]);

export interface VariablesInput {
  list: readonly unknown[];
  dsContext: DsContext;
  resolver: DatasourceResolver;
  scope: ReportScope;
}

function current(v: JsonObject): { value: string | string[] } | undefined {
  const value = get(getObject(v, "current"), "value");
  if (typeof value === "string" && value !== "") return { value: value.slice(0, 10_000) };
  if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === "string")) return { value: (value as string[]).slice(0, 1000) };
  return undefined;
}

function queryText(v: JsonObject): string {
  const q = get(v, "query");
  if (typeof q === "string") return q;
  // Grafana 9+: {query, refId} (and qryType for label_names/metrics/... chosen in the builder).
  return getString(q, "query") ?? "";
}

function common(v: JsonObject, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  const label = getString(v, "label");
  if (label) out.label = label.slice(0, 200);
  const description = getString(v, "description");
  if (description) out.description = description.slice(0, 2000);
  const hide = getNumber(v, "hide") ?? 0;
  out.hide = HIDE[hide] ?? "none";
  const cur = current(v);
  if (cur) out.current = cur;
  return out;
}

function selection(v: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = { multi: getBool(v, "multi") ?? false, includeAll: getBool(v, "includeAll") ?? false };
  const allValue = getString(v, "allValue");
  if (allValue) out.allValue = allValue.slice(0, 10_000);
  return out;
}

function convertOne(v: JsonObject, s: ReportScope, input: VariablesInput): Record<string, unknown> | null {
  const type = getString(v, "type") ?? "";
  const name = getString(v, "name") ?? "";
  if (!NAME_RE.test(name) || name.startsWith("__")) {
    s.lost("name", `variable name ${JSON.stringify(name)} is not usable (letters, digits, "_", not starting with "__"); variable dropped`);
    return null;
  }
  const base = common(v, name);
  switch (type) {
    case "query": {
      const ref = normalizeDsRef(get(v, "datasource"), input.dsContext);
      const ds = input.resolver.resolve(ref);
      if (!ds.ok) {
        s.lost("datasource", `${ds.reason}; variable dropped`);
        return null;
      }
      const query = queryText(v);
      if (query.trim() === "" || parseVariableQuery(query) === null) {
        s.lost("query", `query ${JSON.stringify(query.slice(0, 100))} is empty or not a Prometheus variable query; variable dropped`);
        return null;
      }
      for (const macro of unsupportedMacros(query, VARIABLE_QUERY_MACROS)) s.lost("query", `$${macro} is not a variable Orrery expands in variable queries`);
      const sort = getNumber(v, "sort") ?? 0;
      if (sort >= SORT.length) s.lost("sort", `sort order ${sort} (natural) is not supported; values are not sorted`);
      const refresh = getNumber(v, "refresh") ?? 1;
      if (refresh === 0) s.lost("refresh", "\"never refresh\" is not supported; values are loaded with the dashboard");
      if (getBool(v, "useTags") === true) s.lost("useTags", "tag-based variable values are not supported");
      const qryType = getNumber(get(v, "query"), "qryType");
      if (qryType !== undefined && qryType !== 1 && qryType !== 5) s.lost("query.qryType", "the query builder's type is ignored; the query text decides");
      return {
        ...base, ...selection(v), type: "query", query: query.slice(0, 100_000),
        ...(ds.ref !== undefined ? { datasource: ds.ref } : {}),
        regex: getString(v, "regex") ?? "", sort: SORT[sort] ?? "none", refresh: refresh === 2 ? "time" : "load",
      };
    }
    case "custom":
      return { ...base, ...selection(v), type: "custom", query: queryText(v).slice(0, 100_000) };
    case "constant":
      return { ...base, type: "constant", query: queryText(v).slice(0, 100_000) };
    case "textbox":
      return { ...base, type: "textbox", query: queryText(v).slice(0, 10_000) };
    case "interval":
      return interval(v, base, s);
    case "datasource": {
      const plugin = queryText(v);
      if (plugin !== "prometheus" && plugin !== "thanos" && plugin !== "") {
        s.lost("query", `datasource type "${plugin}" is not Prometheus-compatible; variable dropped`);
        return null;
      }
      // Orrery's Prometheus and Thanos datasources both speak Grafana's "prometheus".
      // `orreryType` is written by Orrery's exporter to keep a Thanos-only filter.
      const thanos = plugin === "thanos" || getString(v, "orreryType") === "thanos";
      const out: Record<string, unknown> = { ...base, ...selection(v), type: "datasource", query: thanos ? "thanos" : "", regex: getString(v, "regex") ?? "" };
      const cur = current(v);
      // Grafana stores datasource names or uids; Orrery stores ids. "default" means no choice.
      const map = (value: string) => (value === ALL_VALUE ? value : (input.resolver.resolveVariableValue(value) ?? value));
      if (cur && cur.value === "default") delete out.current;
      else if (cur) out.current = { value: Array.isArray(cur.value) ? cur.value.map(map) : map(cur.value) };
      return out;
    }
    case "adhoc":
      s.lost("", "ad hoc filters are not supported; variable dropped");
      return null;
    default:
      s.lost("type", `variable type "${type}" is not supported; variable dropped`);
      return null;
  }
}

function interval(v: JsonObject, base: Record<string, unknown>, s: ReportScope): Record<string, unknown> | null {
  const parts = queryText(v).split(",").map((p) => p.trim()).filter((p) => p !== "");
  const kept = parts.filter((p) => !p.startsWith("$__auto_interval") && p !== "auto");
  const bad = kept.filter((p) => !(parseDurationMs(p) !== null && parseDurationMs(p)! > 0));
  if (bad.length > 0) s.lost("query", `${bad.map((b) => JSON.stringify(b)).join(", ")} not a duration; dropped from the list`);
  const good = kept.filter((p) => !bad.includes(p));
  if (good.length === 0) {
    s.lost("query", "no usable intervals; variable dropped");
    return null;
  }
  const out: Record<string, unknown> = { ...base, type: "interval", query: good.join(","), auto: getBool(v, "auto") ?? false };
  const count = getNumber(v, "auto_count");
  if (count !== undefined && Number.isInteger(count) && count >= 1 && count <= 10_000) out.auto_count = count;
  const min = getString(v, "auto_min");
  if (min && parseDurationMs(min) !== null) out.auto_min = min;
  return out;
}

/**
 * Grafana `templating.list` → Orrery variables, each validated, then ordered so that a variable
 * comes after the ones it refers to (Grafana lists may refer forward; Orrery resolves in order).
 */
export function convertVariables(input: VariablesInput): Variable[] {
  const out: Variable[] = [];
  const names = new Set<string>();
  input.list.forEach((raw, i) => {
    const s = input.scope.child(`templating.list[${i}]`);
    if (!isObject(raw)) return s.lost("", "a variable must be an object; dropped");
    const converted = convertOne(raw, s, input);
    if (!converted) return;
    for (const key of safeKeys(raw)) {
      if (NEUTRAL.has(key) || !isSet(raw[key]) || raw[key] === false) continue;
      s.lost(key, `variable field "${key}" is not supported`);
    }
    if (names.has(converted.name as string)) return s.lost("name", `variable "${String(converted.name)}" is defined twice; the later one dropped`);
    const parsed = variableSchema.safeParse(converted);
    if (!parsed.success) {
      return s.lost("", `could not be converted (${zodIssues(parsed.error).map((e) => `${e.path}: ${e.message}`).join("; ")}); dropped`);
    }
    names.add(parsed.data.name);
    out.push(parsed.data);
  });
  const graph = variableGraph(out);
  const reported = new Set<string>();
  for (const message of Object.values(graph.cycles)) {
    if (!reported.has(message)) input.scope.lost("templating.list", message);
    reported.add(message);
  }
  return dependencyOrder(out);
}

/**
 * The list in file order, except that a variable moves after the variables it refers to (Kahn's
 * algorithm, always taking the earliest ready variable, so an already valid order is kept).
 * Variables in a cycle keep their file order.
 */
export function dependencyOrder(variables: readonly Variable[]): Variable[] {
  const names = new Set(variables.map((v) => v.name));
  const deps = new Map(variables.map((v) => [v.name, new Set(variableDependencies(v, names).filter((d) => d !== v.name))]));
  const done = new Set<string>();
  const out: Variable[] = [];
  const pending = [...variables];
  while (pending.length > 0) {
    let i = pending.findIndex((v) => [...deps.get(v.name)!].every((d) => done.has(d)));
    if (i === -1) i = 0; // a cycle: take the earliest
    const [next] = pending.splice(i, 1);
    done.add(next!.name);
    out.push(next!);
  }
  return out;
}
