import type { PanelOf } from "@/lib/dashboards/schema/panels";
import { cssColor, textColorOn } from "@/lib/panels/colors";
import { resolveField } from "@/lib/panels/field-config";
import { resolveMinMax } from "@/lib/panels/min-max";
import type { PanelData, PanelPoint } from "@/lib/panels/panel-data";
import { reduceSamples, valueSources } from "@/lib/panels/reduce";
import { colorForValue } from "@/lib/panels/thresholds";
import { formatValueParts } from "@/lib/units/format";
import { fitFontSize, gridLayout, type GridLayout } from "../layout";

export interface StatItem {
  key: string;
  name: string;
  value: number | null;
  text: string;
  suffix: string;
  /** CSS colours; undefined means the theme's text colour. */
  textColor?: string;
  background?: string;
  /** The value's colour, for the sparkline. */
  color: string;
  /** Points for the sparkline, or null when there is none to draw. */
  sparkline: PanelPoint[] | null;
}

export interface StatViewModel {
  items: StatItem[];
  layout: GridLayout;
  valueFontPx: number;
  nameFontPx: number;
  showNames: boolean;
}

export interface StatViewInput {
  data: PanelData;
  panel: Pick<PanelOf<"stat">, "options" | "fieldConfig">;
  width: number;
  height: number;
}

/** One value per series, reduced, formatted, coloured and laid out to fill the panel (pure). */
export function toStatViewModel({ data, panel, width, height }: StatViewInput): StatViewModel {
  const { options, fieldConfig } = panel;
  const reduced = valueSources(data).map((source) => ({
    source,
    field: resolveField(fieldConfig, source.name, source.labels),
    value: reduceSamples(source.samples, options.reduce),
  }));
  const { min, max } = resolveMinMax(reduced.map((r) => r.value), fieldConfig.defaults.min, fieldConfig.defaults.max);
  const items = reduced.map(({ source, field, value }): StatItem => {
    const { text, suffix } = formatValueParts(value, field.unit, field.decimals);
    // Stats are coloured by thresholds unless a fixed colour is set: the schema's default mode
    // (palette-classic) cannot tell "unset" from "chosen", and Grafana's stat default is thresholds.
    const color =
      field.color.mode === "fixed" && field.color.fixedColor
        ? cssColor(field.color.fixedColor)
        : colorForValue(value, field.thresholds, field.min ?? min, field.max ?? max);
    const drawn = source.samples.drawnCount();
    return {
      key: source.key,
      name: field.displayName,
      value,
      text,
      suffix,
      color,
      textColor: options.colorMode === "value" ? color : options.colorMode === "background" ? textColorOn(color) : undefined,
      background: options.colorMode === "background" ? color : undefined,
      sparkline: options.graphMode === "area" && drawn > 1 ? source.samples.toPairs() : null,
    };
  });
  const layout = gridLayout(items.length, width, height);
  const showNames = items.length > 1;
  const longest = Math.max(1, ...items.map((i) => (i.text + i.suffix).length));
  // The number takes what the name and the sparkline leave of the cell.
  const valueShare = (showNames ? 0.5 : 0.7) * (items.some((i) => i.sparkline) ? 0.75 : 1);
  const valueFontPx = options.textSize ?? fitFontSize(longest, layout.cellWidth * 0.9, layout.cellHeight * valueShare);
  const nameFontPx = Math.round(Math.max(10, Math.min(24, valueFontPx * 0.35, layout.cellHeight * 0.2)));
  return { items, layout, valueFontPx, nameFontPx, showNames };
}
