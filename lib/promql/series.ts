import type { LabelSet } from "./types";

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

/**
 * Names a series the way Prometheus prints it: `up{job="api", instance="a:9090"}`. A series with
 * only a metric name is just the name; one with no labels at all (e.g. `sum(up)`) is `{}`.
 */
export function formatSeriesName(metric: LabelSet): string {
  const name = metric.__name__ ?? "";
  const labels = Object.entries(metric)
    .filter(([key]) => key !== "__name__")
    .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`);
  if (labels.length === 0) return name === "" ? "{}" : name;
  return `${name}{${labels.join(", ")}}`;
}

/**
 * Parses a sample value string for drawing. Prometheus sends "NaN", "+Inf" and "-Inf" as text;
 * none can be drawn, so they (and anything unparsable) become null, which the chart shows as a gap.
 */
export function parseSampleValue(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Formats a number for tooltips and tables: up to `digits` significant digits, no trailing zeros. */
export function formatSampleNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e15 || abs < 1e-6) return value.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return String(Number(value.toPrecision(digits)));
}
