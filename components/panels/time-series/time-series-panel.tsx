"use client";

import { useCallback, useMemo, useState } from "react";
import { nextHiddenSeries } from "@/lib/panels/series-visibility";
import { LazyEChart } from "../lazy-echart";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { prepareSeries } from "./prepare-series";
import { TimeSeriesLegend } from "./time-series-legend";
import { toChartOption } from "./to-chart-option";

export type TimeSeriesPanelProps = PanelProps<"timeseries">;

/** Lines, areas, bars or points over time, with an HTML legend and drag-to-zoom. */
export function TimeSeriesPanel({ data, panel, width, height, timeRange, onTimeRangeChange, timezone, syncGroup }: TimeSeriesPanelProps) {
  const { options, fieldConfig } = panel;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const series = useMemo(() => prepareSeries(data, fieldConfig), [data, fieldConfig]);
  const legend = options.legend;
  const legendRight = legend.displayMode !== "hidden" && legend.placement === "right";
  const chartWidth = legendRight ? Math.round(width * 0.7) : width;
  const option = useMemo(
    () => toChartOption({ series, hidden, options, timeRange, timezone, widthPx: chartWidth, pixelRatio: typeof window === "undefined" ? 1 : window.devicePixelRatio }),
    [series, hidden, options, timeRange, timezone, chartWidth],
  );
  const onSelect = useCallback(
    (key: string, toggle: boolean) => setHidden((h) => nextHiddenSeries(series.map((s) => s.key), h, key, toggle)),
    [series],
  );
  const onZoom = useMemo(
    () => (onTimeRangeChange ? (start: number, end: number) => onTimeRangeChange(Math.round(start), Math.round(end)) : undefined),
    [onTimeRangeChange],
  );

  if (series.length === 0) return <PanelMessage />;
  return (
    <div className={`flex h-full w-full gap-1 ${legendRight ? "flex-row" : "flex-col"}`} style={{ width, height }}>
      <div className="min-h-0 min-w-0 flex-1">
        <LazyEChart option={option} ariaLabel={`Time series of ${series.length} series`} className="h-full w-full" group={syncGroup} onZoomSelect={onZoom} />
      </div>
      {legend.displayMode === "hidden" ? null : (
        <div className={`shrink-0 overflow-auto ${legendRight ? "max-w-[40%]" : "max-h-[40%]"}`}>
          <TimeSeriesLegend series={series} hidden={hidden} mode={legend.displayMode} calcs={legend.calcs} onSelect={onSelect} />
        </div>
      )}
    </div>
  );
}
