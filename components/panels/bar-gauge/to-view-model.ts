import type { PanelOf } from "@/lib/dashboards/schema/panels";
import { resolveMinMax } from "@/lib/panels/min-max";
import type { PanelData } from "@/lib/panels/panel-data";
import { reduceSamples, valueSources } from "@/lib/panels/reduce";
import { thresholdBands } from "@/lib/panels/thresholds";
import { reduceToScale, type ScaledValue } from "../reduced-values";

export interface BarGaugeBar {
  key: string;
  name: string;
  text: string;
  color: string;
  /** Filled share of the bar, 0..1. */
  fraction: number;
  /** CSS `background` of the filled part. */
  fill: string;
}

export interface BarGaugeViewModel {
  bars: BarGaugeBar[];
  orientation: "horizontal" | "vertical";
}

export interface BarGaugeViewInput {
  data: PanelData;
  panel: Pick<PanelOf<"bargauge">, "options" | "fieldConfig">;
}

/**
 * Gradient mode, as in Grafana: the bar runs through the threshold colours it passes, ending in
 * the value's colour. Stops are placed along the filled length.
 */
export function barFill(v: ScaledValue, mode: "basic" | "gradient", orientation: "horizontal" | "vertical"): string {
  if (mode === "basic" || v.value === null || v.value <= v.min) return v.color;
  const filledTo = v.min + (v.max - v.min) * v.fraction;
  const span = filledTo - v.min || 1;
  const stops = thresholdBands(v.field.thresholds, v.min, v.max)
    .filter((b) => b.from < filledTo)
    .map((b) => `${b.color} ${(((b.from - v.min) / span) * 100).toFixed(1)}%`);
  if (stops.length < 2) return v.color;
  return `linear-gradient(${orientation === "horizontal" ? "to right" : "to top"}, ${stops.join(", ")})`;
}

/** One bar per series: reduced, placed on min..max (configured, else the data's), coloured (pure). */
export function toBarGaugeViewModel({ data, panel }: BarGaugeViewInput): BarGaugeViewModel {
  const { options, fieldConfig } = panel;
  const all = valueSources(data).map((s) => reduceSamples(s.samples, options.reduce));
  const scale = resolveMinMax(all, fieldConfig.defaults.min, fieldConfig.defaults.max);
  const bars = reduceToScale(data, fieldConfig, options.reduce, scale).map((v) => ({
    key: v.key,
    name: v.name,
    text: v.text,
    color: v.color,
    fraction: v.fraction,
    fill: barFill(v, options.displayMode, options.orientation),
  }));
  return { bars, orientation: options.orientation };
}
