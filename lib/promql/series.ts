import type { LabelSet, MatrixSeries } from "./types";

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

/** One drawable series: `[epochMs, value]` points, with null where nothing should be drawn. */
export interface ChartSeries {
  name: string;
  labels: LabelSet;
  points: Array<[number, number | null]>;
}

/**
 * Turns a range-query matrix into drawable series. A range query returns one point per step while a
 * series exists, so a jump of more than a step means the series was absent: a null goes there, or
 * the chart would draw a line across the hole.
 */
export function matrixToChartSeries(result: readonly MatrixSeries[], stepS: number): ChartSeries[] {
  // Half a step of slack absorbs float noise in Prometheus's timestamps.
  const maxGapS = stepS * 1.5;
  return result.map((series) => {
    const points: Array<[number, number | null]> = [];
    let previousS: number | null = null;
    for (const [timeS, value] of series.values ?? []) {
      if (previousS !== null && timeS - previousS > maxGapS) points.push([Math.round((previousS + stepS) * 1000), null]);
      points.push([Math.round(timeS * 1000), parseSampleValue(value)]);
      previousS = timeS;
    }
    return { name: formatSeriesName(series.metric), labels: series.metric, points };
  });
}
