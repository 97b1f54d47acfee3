/**
 * Writers for the simulator's series: the Prometheus text format 0.0.4 for /metrics, and OpenMetrics
 * with timestamps for `promtool tsdb create-blocks-from openmetrics`.
 */
import { type Family, familiesOf, type MetricSetDef } from "./metric-sets";
import type { Sink } from "./series";

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/** Text format 0.0.4: samples grouped by family, each family once with its HELP and TYPE. */
export function renderTextFormat(def: MetricSetDef, emit: (sink: Sink) => void): string {
  const lines = new Map<Family, string[]>();
  emit((family, series, value) => {
    let list = lines.get(family);
    if (!list) lines.set(family, (list = []));
    list.push(`${series} ${formatValue(value)}`);
  });
  const out: string[] = [];
  for (const family of familiesOf(def)) {
    const list = lines.get(family);
    if (!list) continue;
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`, ...list);
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/**
 * OpenMetrics family headers. OpenCensus counters have no `_total` suffix (e.g. activator_request_count),
 * which an OpenMetrics counter requires, so they are declared `unknown`: the sample name stays Knative's
 * and Prometheus stores no type for backfilled data anyway.
 */
export function openMetricsHeader(def: MetricSetDef): string {
  const out: string[] = [];
  for (const family of familiesOf(def)) {
    const type = family.type === "counter" && !family.name.endsWith("_total") ? "unknown" : family.type;
    out.push(`# TYPE ${family.name} ${type}`, `# HELP ${family.name} ${escapeHelp(family.help)}`);
  }
  return `${out.join("\n")}\n`;
}

/** One OpenMetrics sample line; the timestamp is in seconds. */
export function openMetricsLine(series: string, value: number, timestampSeconds: number): string {
  return `${series} ${formatValue(value)} ${timestampSeconds}\n`;
}
