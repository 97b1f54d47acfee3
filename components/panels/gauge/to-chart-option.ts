import type { ChartOption } from "@/components/charts/echart";
import type { PanelOf } from "@/lib/dashboards/schema/panels";
import type { PanelData } from "@/lib/panels/panel-data";
import { thresholdBands } from "@/lib/panels/thresholds";
import { gridLayout } from "../layout";
import { reduceToScale, type ScaledValue } from "../reduced-values";

export interface GaugeChartInput {
  data: PanelData;
  panel: Pick<PanelOf<"gauge">, "options" | "fieldConfig">;
  width: number;
  height: number;
}

export const GAUGE_DEFAULT_SCALE = { min: 0, max: 100 };
const TRACK_COLOR = "rgba(128, 128, 128, 0.2)";
const NAME_COLOR = "#8e8e8e";

// Threshold bands as ECharts' axisLine stops: [end fraction, colour], in order.
function bandStops(v: ScaledValue): Array<[number, string]> {
  const span = v.max - v.min || 1;
  return thresholdBands(v.field.thresholds, v.min, v.max).map((b) => [(b.to - v.min) / span, b.color]);
}

const HIDDEN = { axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false } };

/**
 * One gauge per series, laid out in a grid: a value arc in the value's colour and, with
 * threshold markers on, a thin outer ring painted with the threshold bands (pure).
 */
export function toChartOption({ data, panel, width, height }: GaugeChartInput): ChartOption {
  const values = reduceToScale(data, panel.fieldConfig, panel.options.reduce, GAUGE_DEFAULT_SCALE);
  const layout = gridLayout(values.length, width, height, 1.2);
  const showNames = values.length > 1;
  const series = values.flatMap((v, i) => {
    const col = i % layout.columns;
    const row = Math.floor(i / layout.columns);
    const center = [(col + 0.5) * layout.cellWidth, (row + 0.55) * layout.cellHeight];
    const radius = Math.max(10, Math.min(layout.cellWidth / 2, layout.cellHeight / 1.7) * 0.9);
    const arcWidth = Math.max(4, radius * 0.18);
    const common = { type: "gauge" as const, center, min: v.min, max: v.max, startAngle: 215, endAngle: -35, silent: true, animation: false, ...HIDDEN };
    const valueArc = {
      ...common,
      name: v.name,
      radius: panel.options.showThresholdMarkers ? radius - arcWidth * 0.6 : radius,
      data: [{ value: v.value ?? v.min, name: v.name }],
      progress: { show: v.value !== null, width: arcWidth, itemStyle: { color: v.color } },
      axisLine: { lineStyle: { width: arcWidth, color: [[1, TRACK_COLOR]] as Array<[number, string]> } },
      title: { show: showNames, offsetCenter: [0, "75%"], color: NAME_COLOR, fontSize: Math.max(10, Math.min(16, radius * 0.16)) },
      detail: {
        valueAnimation: false,
        offsetCenter: [0, "5%"],
        color: v.color,
        fontWeight: 600,
        fontSize: Math.max(10, Math.min(radius * 0.4, (radius * 2.6) / Math.max(3, v.text.length))),
        formatter: () => v.text,
      },
    };
    if (!panel.options.showThresholdMarkers) return [valueArc];
    const markers = {
      ...common,
      radius,
      data: [],
      axisLine: { lineStyle: { width: Math.max(2, arcWidth * 0.3), color: bandStops(v) } },
      title: { show: false },
      detail: { show: false },
    };
    return [markers, valueArc];
  });
  return { animation: false, series };
}
