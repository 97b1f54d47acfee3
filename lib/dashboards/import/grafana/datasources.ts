import type { DatasourceRefSummary, ImportOptions } from "./index";
import { getArray, getString, isObject } from "./json";

/** A Grafana datasource reference, normalised from any of its forms. */
export type GrafanaDsRef =
  | { kind: "default" }
  | { kind: "variable"; name: string }
  /** A concrete datasource: by uid, name, or an `__inputs` placeholder such as `${DS_PROMETHEUS}`. */
  | { kind: "key"; key: string; label: string; type?: string }
  | { kind: "mixed" }
  /** Grafana's built-in datasource (`-- Grafana --`: random walk, annotations) or `-- Dashboard --`. */
  | { kind: "builtin"; name: string };

const PROMETHEUS_TYPES = new Set(["prometheus", "thanos"]);
const VARIABLE_RE = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/;

export interface DsContext {
  /** `__inputs` of "export for sharing": name -> {label, pluginId}. */
  inputs: Map<string, { label: string; pluginId?: string }>;
  /** Names of the dashboard's datasource variables. */
  dsVariables: Set<string>;
}

/** Reads `__inputs` ("export for sharing") into a map by input name. */
export function readInputs(dashboard: unknown): DsContext["inputs"] {
  const inputs = new Map<string, { label: string; pluginId?: string }>();
  for (const input of getArray(dashboard, "__inputs")) {
    const name = getString(input, "name");
    if (!name || getString(input, "type") !== "datasource") continue;
    inputs.set(name, { label: getString(input, "label") ?? name, pluginId: getString(input, "pluginId") });
  }
  return inputs;
}

function fromString(s: string, ctx: DsContext, type?: string): GrafanaDsRef {
  if (s === "" || s === "default") return { kind: "default" };
  if (s === "-- Mixed --") return { kind: "mixed" };
  if (s === "-- Grafana --" || s === "grafana" || s === "-- Dashboard --") return { kind: "builtin", name: s };
  const v = VARIABLE_RE.exec(s);
  const name = v ? (v[1] ?? v[2])! : undefined;
  if (name !== undefined && ctx.inputs.has(name)) {
    const input = ctx.inputs.get(name)!;
    return { kind: "key", key: s.startsWith("${") ? s : `\${${name}}`, label: `${input.label} (input ${name})`, type: input.pluginId ?? type };
  }
  if (name !== undefined && ctx.dsVariables.has(name)) return { kind: "variable", name };
  return { kind: "key", key: s, label: type ? `${s} (${type})` : s, type };
}

/** Normalises `null`, a name, `"$var"`, `"${DS_X}"` or `{type, uid}`. */
export function normalizeDsRef(ref: unknown, ctx: DsContext): GrafanaDsRef {
  if (ref === undefined || ref === null) return { kind: "default" };
  if (typeof ref === "string") return fromString(ref, ctx);
  if (isObject(ref)) {
    const type = getString(ref, "type");
    const uid = getString(ref, "uid");
    if (type === "datasource" && uid !== undefined) return fromString(uid === "grafana" ? "-- Grafana --" : uid, ctx);
    if (uid === undefined || uid === "") return type !== undefined && !PROMETHEUS_TYPES.has(type) ? { kind: "key", key: `type:${type}`, label: `default ${type} datasource`, type } : { kind: "default" };
    return fromString(uid, ctx, type);
  }
  return { kind: "default" };
}

/** Whether a reference is known to point at something other than Prometheus. */
export function nonPrometheusType(ref: GrafanaDsRef): string | undefined {
  if (ref.kind === "builtin") return ref.name;
  if (ref.kind === "key" && ref.type !== undefined && !PROMETHEUS_TYPES.has(ref.type)) return ref.type;
  return undefined;
}

export type ResolvedDs = { ok: true; ref: string | undefined } | { ok: false; reason: string };

/**
 * Maps a normalised reference to what an Orrery panel stores: undefined (the default), a
 * `$variable`, or a datasource id chosen through `datasourceMap`, else matched by id or name,
 * else the default.
 */
export class DatasourceResolver {
  private readonly counts = new Map<string, { label: string; usedBy: number }>();

  constructor(private readonly options: ImportOptions) {}

  resolve(ref: GrafanaDsRef): ResolvedDs {
    const other = nonPrometheusType(ref);
    if (ref.kind === "key" || ref.kind === "default") this.count(ref.kind === "key" ? ref.key : "default", ref.kind === "key" ? ref.label : "the default datasource");
    if (other !== undefined) return { ok: false, reason: `datasource of type "${other}" is not Prometheus-compatible` };
    if (ref.kind === "variable") return { ok: true, ref: `$${ref.name}` };
    if (ref.kind === "mixed") return { ok: true, ref: undefined };
    const key = ref.kind === "key" ? ref.key : "default";
    const mapped = this.lookup(key);
    return { ok: true, ref: mapped };
  }

  private lookup(key: string): string | undefined {
    const map = this.options.datasourceMap ?? {};
    const chosen = Object.hasOwn(map, key) ? map[key] : undefined;
    const known = (id: string | undefined) => (id !== undefined && this.options.datasources.some((d) => d.id === id) ? id : undefined);
    // Unmapped and unmatched references use the default, stored as "no datasource" so the
    // dashboard follows a later change of the default.
    return known(chosen) ?? known(key) ?? this.options.datasources.find((d) => d.name === key)?.id;
  }

  /** A datasource variable's current value (a Grafana name or uid) as an Orrery id, if it maps to one. */
  resolveVariableValue(value: string): string | undefined {
    if (value === "" || value === "default") return undefined;
    return this.lookup(value);
  }

  private count(key: string, label: string): void {
    const entry = this.counts.get(key);
    if (entry) entry.usedBy++;
    else this.counts.set(key, { label, usedBy: 1 });
  }

  /** Unknown ids in `datasourceMap` (reported once by the importer). */
  unknownMappings(): string[] {
    const map = this.options.datasourceMap ?? {};
    return Object.keys(map).filter((k) => !this.options.datasources.some((d) => d.id === map[k]));
  }

  summaries(): DatasourceRefSummary[] {
    return [...this.counts.entries()].map(([key, v]) => ({ key, label: v.label, usedBy: v.usedBy }));
  }
}
