import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { cssColor, paletteColor } from "@/lib/panels/colors";
import { resolveField, type ResolvedField } from "@/lib/panels/field-config";
import { resolveMinMax } from "@/lib/panels/min-max";
import type { PanelData } from "@/lib/panels/panel-data";
import { reduceSamples, valueSources } from "@/lib/panels/reduce";
import type { PanelPoint, Samples } from "@/lib/panels/samples";
import { colorForValue } from "@/lib/panels/thresholds";

/** A series ready to draw: its display name, colour and field settings resolved. */
export interface DisplaySeries {
  /** Stable across refreshes; the legend's hidden set holds these. */
  key: string;
  name: string;
  color: string;
  field: ResolvedField;
  samples: Samples;
}

/**
 * Resolves each series' field settings (overrides by name), display name and colour: the palette
 * by position, a fixed colour, or the threshold colour of its last value.
 */
export function prepareSeries(data: PanelData, fieldConfig: FieldConfig): DisplaySeries[] {
  return valueSources(data).map((source, index) => {
    const field = resolveField(fieldConfig, source.name, source.labels);
    let color = paletteColor(index);
    if (field.color.mode === "fixed" && field.color.fixedColor) color = cssColor(field.color.fixedColor);
    if (field.color.mode === "thresholds") {
      const last = reduceSamples(source.samples, "lastNotNull");
      const finite: number[] = [];
      source.samples.forEachFinite((v) => finite.push(v));
      const { min, max } = resolveMinMax(finite, field.min, field.max);
      color = colorForValue(last, field.thresholds, min, max);
    }
    return { key: source.key, name: field.displayName, color, field, samples: source.samples };
  });
}

/**
 * Every series on the union of all their timestamps, null where one has no sample. ECharts stacks
 * series on a time axis by data index, so stacked series must line up point for point.
 */
export function alignPoints(series: readonly (readonly PanelPoint[])[]): PanelPoint[][] {
  const times = [...new Set(series.flatMap((points) => points.map(([t]) => t)))].sort((a, b) => a - b);
  return series.map((points) => {
    const byTime = new Map(points);
    return times.map((t): PanelPoint => [t, byTime.get(t) ?? null]);
  });
}

/**
 * Percent stacking: each value as its share of the sum of the shown series at that time, as a
 * 0..1 fraction. The original value rides along as a third element for the tooltip.
 */
export function toPercentStack(series: readonly (readonly PanelPoint[])[]): Array<Array<[number, number | null, number | null]>> {
  const totals = new Map<number, number>();
  for (const points of series) {
    for (const [t, v] of points) if (v !== null) totals.set(t, (totals.get(t) ?? 0) + Math.abs(v));
  }
  return series.map((points) =>
    points.map(([t, v]) => {
      const total = totals.get(t) ?? 0;
      return [t, v === null ? null : total === 0 ? 0 : v / total, v];
    }),
  );
}
