import type { DatasourceResolver, DsContext } from "./datasources";
import { normalizeDsRef, nonPrometheusType } from "./datasources";
import { get, getBool, getNumber, getString, isObject, isSet, safeKeys, type JsonObject } from "./json";
import type { ReportScope } from "./report";

/** Grafana's built-in variables that Orrery's query planner expands (lib/dashboards/interval.ts). */
export const SUPPORTED_MACROS = new Set([
  "__interval", "__interval_ms", "__interval_s", "__rate_interval", "__rate_interval_ms", "__rate_interval_s",
  "__range", "__range_s", "__range_ms", "__from", "__to", "__all", "__auto",
]);
/** The built-ins a variable query sees (lib/dashboards/variables/resolve.ts). */
export const VARIABLE_QUERY_MACROS = new Set(["__interval", "__interval_ms", "__range", "__range_s", "__range_ms"]);
const MACRO_RE = /\$\{?(__\w+)/g;

/** Built-in `$__x` names in a text that Orrery does not expand (in panel queries, or the given set). */
export function unsupportedMacros(text: string, supported: ReadonlySet<string> = SUPPORTED_MACROS): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(MACRO_RE)) {
    const name = m[1]!;
    // `$__auto_interval_<name>` is an old interval-variable spelling, resolved by the variable.
    if (!supported.has(name) && !name.startsWith("__auto_interval")) found.add(name);
  }
  return [...found];
}

const HANDLED = new Set(["refId", "expr", "legendFormat", "interval", "instant", "range", "format", "hide", "intervalFactor", "datasource", "exemplar"]);
// Written by Grafana's editors with no effect on the query (`step` too: Grafana ignores the legacy field).
const NEUTRAL = new Set(["editorMode", "key", "queryType", "legendLink", "step", "metric", "calculatedInterval", "datasourceErrors", "errors", "target", "textEditor", "useBackend", "disableTextWrap", "fullMetaSearch", "includeNullMetadata", "hinting"]);
const MAX_TARGETS = 26;

export interface TargetOut {
  refId: string;
  expr: string;
  legendFormat: string;
  instant: boolean;
  minStep: string;
  hide: boolean;
  intervalFactor?: number;
}

export interface TargetsInput {
  targets: readonly unknown[];
  /** Formats this panel type consumes as Grafana does (e.g. "table" for tables). */
  formats: ReadonlySet<string>;
  dsContext: DsContext;
  resolver: DatasourceResolver;
  scope: ReportScope;
}

export interface TargetsResult {
  targets: TargetOut[];
  /** The Orrery datasource references the targets name (for mixed panels). */
  datasources: Array<string | undefined>;
}

function nextRefId(used: Set<string>): string {
  for (let i = 0; ; i++) {
    const id = i < 26 ? String.fromCharCode(65 + i) : `Q${i}`;
    if (!used.has(id)) return id;
  }
}

/** Grafana targets → Orrery's; non-Prometheus targets are dropped and reported. */
export function convertTargets(input: TargetsInput): TargetsResult {
  const { scope } = input;
  const used = new Set<string>();
  const out: TargetOut[] = [];
  const datasources: Array<string | undefined> = [];
  input.targets.forEach((raw, i) => {
    const s = scope.child(`targets[${i}]`);
    if (!isObject(raw)) return s.lost("", "a target must be an object; dropped");
    const ref = normalizeDsRef(get(raw, "datasource"), input.dsContext);
    if (nonPrometheusType(ref) !== undefined) {
      input.resolver.resolve(ref);
      return s.lost("", `query on a datasource of type "${nonPrometheusType(ref)}" is not a Prometheus query; dropped`);
    }
    if (out.length >= MAX_TARGETS) return s.lost("", `Orrery panels hold at most ${MAX_TARGETS} queries; dropped`);
    if (isSet(get(raw, "datasource"))) {
      const resolved = input.resolver.resolve(ref);
      datasources.push(resolved.ok ? resolved.ref : undefined);
    }
    out.push(convertTarget(raw, s, used, input));
  });
  return { targets: out, datasources };
}

function convertTarget(raw: JsonObject, s: ReportScope, used: Set<string>, input: TargetsInput): TargetOut {
  let refId = getString(raw, "refId") ?? "";
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(refId) || used.has(refId)) {
    const fresh = nextRefId(used);
    if (refId !== "") s.lost("refId", `refId ${JSON.stringify(refId)} is not usable (1-20 letters, digits, "-", "_", unique); renamed "${fresh}"`);
    refId = fresh;
  }
  used.add(refId);
  let expr = getString(raw, "expr") ?? "";
  if (expr.length > 100_000) {
    s.lost("expr", "expression longer than 100,000 characters; truncated");
    expr = expr.slice(0, 100_000);
  }
  for (const macro of unsupportedMacros(expr)) s.lost("expr", `$${macro} is not a variable Orrery expands`);
  let legendFormat = getString(raw, "legendFormat") ?? "";
  // "__auto" is Grafana's "Auto" legend: the series name, which is Orrery's default.
  if (legendFormat === "__auto") legendFormat = "";
  if (legendFormat.length > 500) {
    s.lost("legendFormat", "longer than 500 characters; truncated");
    legendFormat = legendFormat.slice(0, 500);
  }
  const instant = getBool(raw, "instant") ?? false;
  if (instant && getBool(raw, "range") === true) s.lost("range", "a query that is both range and instant runs as an instant query only");
  let minStep = getString(raw, "interval") ?? "";
  if (minStep.length > 64) {
    s.lost("interval", "min step longer than 64 characters; dropped");
    minStep = "";
  }
  const format = getString(raw, "format");
  if (format !== undefined && format !== "time_series" && !input.formats.has(format)) {
    s.lost("format", `format "${format}" has no effect on this panel type in Orrery`);
  }
  if (getBool(raw, "exemplar") === true) s.lost("exemplar", "exemplars are not supported");
  const target: TargetOut = { refId, expr, legendFormat, instant, minStep, hide: getBool(raw, "hide") ?? false };
  const factor = getNumber(raw, "intervalFactor");
  if (factor !== undefined && factor !== 1) {
    if (Number.isInteger(factor) && factor >= 1 && factor <= 100) target.intervalFactor = factor;
    else s.lost("intervalFactor", `intervalFactor ${factor} must be a whole number from 1 to 100`);
  }
  for (const key of safeKeys(raw)) {
    if (HANDLED.has(key) || NEUTRAL.has(key) || !isSet(raw[key]) || raw[key] === false) continue;
    s.lost(key, `query field "${key}" is not supported`);
  }
  return target;
}
