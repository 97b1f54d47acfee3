"use client";

import { useCallback, useMemo, useState } from "react";
import type { ChartLayout } from "@/components/charts/echart";
import { nextHiddenSeries } from "@/lib/panels/series-visibility";
import { LazyEChart } from "../lazy-echart";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { devicePixelRatioNow, samePlotArea } from "@/lib/charts/pixel-grid";
import { pixelGrid, plotMatters, type PlotArea } from "./decimate";
import { prepareSeries } from "./prepare-series";
import { TimeSeriesLegend } from "./time-series-legend";
import { toChartOption } from "./to-chart-option";

export type TimeSeriesPanelProps = PanelProps<"timeseries">;

/** Lines, areas, bars or points over time, with an HTML legend and drag-to-zoom. */
export function TimeSeriesPanel({ data, panel, width, height, timeRange, onTimeRangeChange, timezone, syncGroup, onPlotArea }: TimeSeriesPanelProps) {
  const { options, fieldConfig } = panel;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  // Where ECharts drew the x axis (its left edge depends on the y-axis labels): M4's pixel columns.
  const [plot, setPlot] = useState<PlotArea | undefined>(undefined);
  const series = useMemo(() => prepareSeries(data, fieldConfig), [data, fieldConfig]);
  const legend = options.legend;
  const legendRight = legend.displayMode !== "hidden" && legend.placement === "right";
  const chartWidth = legendRight ? Math.round(width * 0.7) : width;
  const option = useMemo(
    () => toChartOption({ series, hidden, options, timeRange, timezone, widthPx: chartWidth, pixelRatio: devicePixelRatioNow(), plot }),
    [series, hidden, options, timeRange, timezone, chartWidth, plot],
  );
  const onLayout = useCallback(
    ({ xToPixel }: ChartLayout) => {
      const leftPx = xToPixel(timeRange.startMs);
      const widthPx = xToPixel(timeRange.endMs) - leftPx;
      if (!Number.isFinite(leftPx) || !(widthPx > 0)) return;
      onPlotArea?.({ leftPx, widthPx });
      // Same place: keep the state (and the option) as they are, or this would loop.
      setPlot((p) => {
        if (samePlotArea(p, { leftPx, widthPx })) return p;
        // The option depends on the plot only through M4's columns: when no line has more than 4
        // points per column of it (fewer columns than the first draw's guess, so none was reduced
        // then either), every line is drawn as it is, and a new option would draw the chart again for nothing.
        if (!p && !plotMatters(series, hidden, options, pixelGrid(timeRange.startMs, timeRange.endMs, { leftPx, widthPx }, devicePixelRatioNow()).columns)) return p;
        return { leftPx, widthPx };
      });
    },
    [timeRange.startMs, timeRange.endMs, onPlotArea, series, hidden, options],
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
        <LazyEChart option={option} ariaLabel={`Time series of ${series.length} series`} className="h-full w-full" group={syncGroup} onZoomSelect={onZoom} onLayout={onLayout} />
      </div>
      {legend.displayMode === "hidden" ? null : (
        <div className={`shrink-0 overflow-auto ${legendRight ? "max-w-[40%]" : "max-h-[40%]"}`}>
          <TimeSeriesLegend series={series} hidden={hidden} mode={legend.displayMode} calcs={legend.calcs} onSelect={onSelect} />
        </div>
      )}
    </div>
  );
}
