import type { ChartOption } from "@/components/charts/echart";
import type { PanelPoint } from "@/lib/panels/panel-data";
import type { PanelTimeRange } from "../types";

/** A sparkline: the series' shape over the panel's range, no axes, no tooltip (pure). */
export function toSparklineOption(points: readonly PanelPoint[], color: string, timeRange: PanelTimeRange): ChartOption {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 0 },
    tooltip: { show: false },
    xAxis: { type: "time", show: false, min: timeRange.startMs, max: timeRange.endMs },
    yAxis: { type: "value", show: false, scale: true },
    series: [
      {
        type: "line",
        data: points as PanelPoint[],
        color,
        showSymbol: false,
        connectNulls: false,
        silent: true,
        lineStyle: { width: 1.5 },
        areaStyle: { opacity: 0.2 },
      },
    ],
  };
}
