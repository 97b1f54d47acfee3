import { ANNOTATION_PREFIX, revisionSettingsSchema, type RevisionSettings } from "./config";

export interface SettingsIssue {
  /** The annotation (full key as written), or `containerConcurrency`. */
  annotation: string;
  message: string;
}
export interface ParsedAnnotations {
  settings: RevisionSettings;
  issues: SettingsIssue[];
}

/** Thrown by `settingsFromAnnotations`; `issues` names each failing annotation. */
export class SettingsError extends Error {
  readonly issues: SettingsIssue[];
  constructor(issues: SettingsIssue[]) {
    super(issues.map((i) => `${i.annotation}: ${i.message}`).join("; "));
    this.name = "SettingsError";
    this.issues = issues;
  }
}

type Kind = "int" | "float" | "duration" | "metric" | "aggregation" | "class";
interface Field {
  keys: string[]; // the kebab key first, then the legacy camelCase alias (kmap.KeyPriority)
  setting?: keyof RevisionSettings;
  kind: Kind;
}
const FIELDS: Field[] = [
  { keys: ["class"], kind: "class" },
  { keys: ["metric"], setting: "metric", kind: "metric" },
  { keys: ["target"], setting: "target", kind: "float" },
  { keys: ["target-utilization-percentage", "targetUtilizationPercentage"], setting: "targetUtilizationPercentage", kind: "float" },
  { keys: ["window"], setting: "window", kind: "duration" },
  { keys: ["panic-window-percentage", "panicWindowPercentage"], setting: "panicWindowPercentage", kind: "float" },
  { keys: ["panic-threshold-percentage", "panicThresholdPercentage"], setting: "panicThresholdPercentage", kind: "float" },
  { keys: ["target-burst-capacity", "targetBurstCapacity"], setting: "targetBurstCapacity", kind: "float" },
  { keys: ["min-scale", "minScale"], setting: "minScale", kind: "int" },
  { keys: ["max-scale", "maxScale"], setting: "maxScale", kind: "int" },
  { keys: ["initial-scale", "initialScale"], setting: "initialScale", kind: "int" },
  { keys: ["activation-scale"], setting: "activationScale", kind: "int" },
  { keys: ["scale-down-delay", "scaleDownDelay"], setting: "scaleDownDelay", kind: "duration" },
  {
    keys: ["scale-to-zero-pod-retention-period", "scaleToZeroPodRetentionPeriod"],
    setting: "scaleToZeroPodRetentionPeriod",
    kind: "duration",
  },
  { keys: ["metric-aggregation-algorithm", "metricAggregationAlgorithm"], setting: "aggregation", kind: "aggregation" },
];

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Go's `time.ParseDuration` ("1m30s", "90s", "0"), in seconds; null when malformed. */
export function parseGoDuration(text: string): number | null {
  const s = text.trim();
  if (s === "0" || s === "+0" || s === "-0") return 0;
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m) return null;
  let total = 0;
  for (const part of s.replace(/^[+-]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_SECONDS[part[2] ?? "s"] ?? 1);
  }
  return m[1] === "-" ? -total : total;
}

function parseValue(kind: Kind, raw: string): { value?: unknown; error?: string } {
  const v = raw.trim();
  switch (kind) {
    case "int":
      return /^[+-]?\d+$/.test(v) ? { value: Number(v) } : { error: `"${raw}" is not a whole number` };
    case "float": {
      const n = Number(v);
      return v !== "" && Number.isFinite(n) ? { value: n } : { error: `"${raw}" is not a number` };
    }
    case "duration": {
      const d = parseGoDuration(v);
      if (d === null) return { error: `"${raw}" is not a duration (e.g. "60s", "1m30s")` };
      if (!Number.isInteger(Math.round(d * 1e9) / 1e9)) return { error: `"${raw}" must be whole seconds` };
      return { value: d };
    }
    case "metric":
      if (v === "concurrency" || v === "rps") return { value: v };
      return { error: `"${raw}" is not supported by the KPA (use "concurrency" or "rps")` };
    case "aggregation":
      if (v === "linear") return { value: "linear" };
      if (v === "weighted-exponential" || v === "weightedExponential") return { value: "weighted-exponential" };
      return { error: `"${raw}" must be "linear" or "weighted-exponential"` };
    case "class":
      if (v === "kpa.autoscaling.knative.dev") return {};
      return { error: `"${raw}" is not simulated (only kpa.autoscaling.knative.dev)` };
  }
}

/**
 * Reads `autoscaling.knative.dev/*` annotations (kebab-case keys and their legacy camelCase aliases) plus
 * `containerConcurrency` into settings, and validates them with Knative's bounds. Never throws.
 */
export function parseAnnotations(annotations: Record<string, string>, containerConcurrency?: number): ParsedAnnotations {
  const issues: SettingsIssue[] = [];
  const raw: Record<string, unknown> = {};
  const keyOf: Record<string, string> = { containerConcurrency: "containerConcurrency" };
  for (const f of FIELDS) {
    const present = f.keys.map((k) => ANNOTATION_PREFIX + k).filter((k) => annotations[k] !== undefined);
    if (present.length === 0) continue;
    const key = present[0] as string;
    if (present.length > 1) {
      issues.push({ annotation: key, message: `set more than once (${present.join(", ")}); keep one` });
      continue;
    }
    const { value, error } = parseValue(f.kind, annotations[key] as string);
    if (error) issues.push({ annotation: key, message: error });
    else if (f.setting) {
      raw[f.setting] = value;
      keyOf[f.setting] = key;
    }
  }
  if (containerConcurrency !== undefined) raw.containerConcurrency = containerConcurrency;
  const parsed = revisionSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const setting = String(i.path[0] ?? "");
      const annotation = keyOf[setting] ?? setting;
      // Messages name the kebab key; say which key the user actually wrote.
      issues.push({ annotation, message: i.message });
    }
    return { settings: {}, issues };
  }
  return { settings: parsed.data, issues };
}

/** `parseAnnotations`, throwing a `SettingsError` (naming each bad annotation and its bound) on any issue. */
export function settingsFromAnnotations(
  annotations: Record<string, string>,
  containerConcurrency?: number,
): RevisionSettings {
  const { settings, issues } = parseAnnotations(annotations, containerConcurrency);
  if (issues.length > 0) throw new SettingsError(issues);
  return settings;
}
