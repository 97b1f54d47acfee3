import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import type { Reducer } from "@/lib/dashboards/schema/panels";
import { cssColor } from "@/lib/panels/colors";
import { resolveField, type ResolvedField } from "@/lib/panels/field-config";
import type { PanelData } from "@/lib/panels/panel-data";
import { reduceSamples, valueSources } from "@/lib/panels/reduce";
import { colorForValue } from "@/lib/panels/thresholds";
import { formatValue } from "@/lib/units/format";

/** One reduced value of a gauge-like panel, on its scale, with its colour. */
export interface ScaledValue {
  key: string;
  name: string;
  value: number | null;
  text: string;
  min: number;
  max: number;
  /** 0..1 position of the value on min..max (0 for no value). */
  fraction: number;
  color: string;
  field: ResolvedField;
}

/**
 * Reduces each series and places it on a fixed scale, `min`..`max` from the field config or
 * the given defaults (Grafana's gauges default to 0..100). Coloured by thresholds unless fixed.
 */
export function reduceToScale(data: PanelData, fieldConfig: FieldConfig, reduce: Reducer, defaults: { min: number; max: number }): ScaledValue[] {
  return valueSources(data).map((source) => {
    const field = resolveField(fieldConfig, source.name, source.labels);
    const value = reduceSamples(source.samples, reduce);
    const min = field.min ?? defaults.min;
    const max = Math.max(field.max ?? defaults.max, min);
    const fraction = value === null || max === min ? 0 : Math.min(1, Math.max(0, (value - min) / (max - min)));
    const color = field.color.mode === "fixed" && field.color.fixedColor ? cssColor(field.color.fixedColor) : colorForValue(value, field.thresholds, min, max);
    return { key: source.key, name: field.displayName, value, text: formatValue(value, field.unit, field.decimals), min, max, fraction, color, field };
  });
}
