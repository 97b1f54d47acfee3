import type { ChartOption } from "@/components/charts/echart";
import type { PanelOf } from "@/lib/dashboards/schema/panels";
import { formatAxisTime, formatDateTimeIn, type PanelTimezone } from "@/lib/panels/time-format";
import { formatValue } from "@/lib/units/format";
import type { HeatmapBuckets } from "./buckets";
import { escapeHtml } from "@/lib/html/escape";

export type HeatmapColorScheme = PanelOf<"heatmap">["options"]["colorScheme"];

/** Low to high, after d3-scale-chromatic's sequential schemes. */
export const HEATMAP_SCHEMES: Record<HeatmapColorScheme, string[]> = {
  blues: ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"],
  greens: ["#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b"],
  oranges: ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"],
  reds: ["#fff5f0", "#fcbba1", "#fb6a4a", "#cb181d", "#67000d"],
  spectral: ["#5e4fa2", "#66c2a5", "#e6f598", "#fdae61", "#d53e4f", "#9e0142"],
  viridis: ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"],
};

export interface HeatmapChartInput {
  buckets: HeatmapBuckets;
  colorScheme: HeatmapColorScheme;
  timezone: PanelTimezone;
}

const AXIS_LABEL_COLOR = "#8e8e8e";

/**
 * Buckets as an ECharts heatmap: time categories across, bucket bounds up, counts as colour.
 * ECharts draws cartesian heatmaps on category axes only, so the x axis holds the timestamps (pure).
 */
export function toChartOption({ buckets, colorScheme, timezone }: HeatmapChartInput): ChartOption {
  const { timesMs, bucketLabels, counts } = buckets;
  const data: Array<[number, number, number]> = [];
  let maxCount = 0;
  counts.forEach((row, y) =>
    row.forEach((v, x) => {
      if (v === null) return;
      data.push([x, y, v]);
      if (v > maxCount) maxCount = v;
    }),
  );
  const spanMs = (timesMs.at(-1) ?? 0) - (timesMs[0] ?? 0);
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8 },
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (params: unknown) => {
        const value = (params as { value?: unknown }).value;
        if (!Array.isArray(value)) return "";
        const [x, y, count] = value as number[];
        const time = timesMs[x ?? -1];
        const le = bucketLabels[y ?? -1];
        if (time === undefined || le === undefined) return "";
        return `<div><b>${escapeHtml(formatDateTimeIn(time, timezone))}</b></div><div>le ${escapeHtml(le)}: <b>${escapeHtml(formatValue(count ?? null, "short"))}</b></div>`;
      },
    },
    xAxis: {
      type: "category",
      data: timesMs,
      axisLabel: { color: AXIS_LABEL_COLOR, hideOverlap: true, formatter: (v: string) => formatAxisTime(Number(v), spanMs, timezone) },
      axisTick: { show: false },
    },
    yAxis: { type: "category", data: bucketLabels, axisLabel: { color: AXIS_LABEL_COLOR }, axisTick: { show: false } },
    visualMap: {
      type: "continuous",
      show: true,
      orient: "vertical",
      right: 0,
      top: "middle",
      itemHeight: 120,
      itemWidth: 10,
      textStyle: { color: AXIS_LABEL_COLOR },
      min: 0,
      max: maxCount > 0 ? maxCount : 1,
      calculable: false,
      inRange: { color: HEATMAP_SCHEMES[colorScheme] },
    },
    series: [{ type: "heatmap", data, emphasis: { disabled: true }, progressive: 0 }],
  };
}
