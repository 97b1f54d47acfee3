import type { Thresholds } from "@/lib/dashboards/schema/field-config";
import { cssColor } from "./colors";

type ThresholdStep = Thresholds["steps"][number];

/**
 * The step a value falls in: the last step whose value is at most the value. In percentage mode
 * the step values are percents of the min..max range. Null values get the base step, as in Grafana.
 */
export function thresholdStepFor(value: number | null, thresholds: Thresholds, min: number, max: number): ThresholdStep {
  const base = thresholds.steps[0]!;
  if (value === null || Number.isNaN(value)) return base;
  const compared = thresholds.mode === "percentage" ? toPercent(value, min, max) : value;
  let current = base;
  for (const step of thresholds.steps.slice(1)) {
    if (step.value !== null && compared >= step.value) current = step;
    else break;
  }
  return current;
}

/** The CSS colour of the threshold step a value falls in. */
export function colorForValue(value: number | null, thresholds: Thresholds, min: number, max: number): string {
  return cssColor(thresholdStepFor(value, thresholds, min, max).color);
}

function toPercent(value: number, min: number, max: number): number {
  if (max === min) return value >= max ? 100 : 0;
  return ((value - min) / (max - min)) * 100;
}

/**
 * Threshold steps as absolute values in min..max: `[from, to, colour]` bands, for gauges and
 * bar gauges that paint the scale.
 */
export function thresholdBands(thresholds: Thresholds, min: number, max: number): Array<{ from: number; to: number; color: string }> {
  const absolute = (v: number) => (thresholds.mode === "percentage" ? min + ((max - min) * v) / 100 : v);
  const bands: Array<{ from: number; to: number; color: string }> = [];
  thresholds.steps.forEach((step, i) => {
    const next = thresholds.steps[i + 1];
    const from = step.value === null ? min : Math.max(min, absolute(step.value));
    const to = next?.value == null ? max : Math.min(max, absolute(next.value));
    if (to > from || (i === 0 && to === from)) bands.push({ from, to, color: cssColor(step.color) });
  });
  return bands;
}

/** A threshold step as an absolute band of values; the base step starts at −∞, the last ends at +∞. */
export interface ThresholdLevel {
  from: number;
  to: number;
  color: string;
}

/**
 * Threshold steps as absolute, unclamped bands, for drawing on a value axis (time series
 * thresholds as lines or areas). Percentage steps are taken of `min..max`. Steps that come out
 * empty (two steps at the same value) are left out.
 */
export function thresholdLevels(thresholds: Thresholds, min: number, max: number): ThresholdLevel[] {
  const absolute = (v: number) => (thresholds.mode === "percentage" ? min + ((max - min) * v) / 100 : v);
  const levels: ThresholdLevel[] = [];
  thresholds.steps.forEach((step, i) => {
    const next = thresholds.steps[i + 1];
    const from = step.value === null ? Number.NEGATIVE_INFINITY : absolute(step.value);
    const to = next?.value == null ? Number.POSITIVE_INFINITY : absolute(next.value);
    if (to > from) levels.push({ from, to, color: cssColor(step.color) });
  });
  return levels;
}
