"use client";

import { useMemo } from "react";
import { LazyEChart } from "../lazy-echart";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { dropEmptyBuckets, toHeatmapBuckets } from "./buckets";
import { toChartOption } from "./to-chart-option";

export type HeatmapPanelProps = PanelProps<"heatmap">;

/** Prometheus histogram buckets over time, as colour. */
export function HeatmapPanel({ data, panel, width, height, onTimeRangeChange, timezone }: HeatmapPanelProps) {
  const { options } = panel;
  const buckets = useMemo(() => {
    const all = toHeatmapBuckets(data.series);
    return options.hideEmptyBuckets ? dropEmptyBuckets(all) : all;
  }, [data.series, options.hideEmptyBuckets]);
  const option = useMemo(() => toChartOption({ buckets, colorScheme: options.colorScheme, timezone }), [buckets, options.colorScheme, timezone]);
  // The x axis is categorical, so zooming reports bucket indices; map them back to times.
  const onZoom = useMemo(() => {
    if (!onTimeRangeChange) return undefined;
    return (start: number, end: number) => {
      const startMs = buckets.timesMs[Math.max(0, Math.floor(start))];
      const endMs = buckets.timesMs[Math.min(buckets.timesMs.length - 1, Math.ceil(end))];
      if (startMs !== undefined && endMs !== undefined && endMs > startMs) onTimeRangeChange(startMs, endMs);
    };
  }, [onTimeRangeChange, buckets.timesMs]);

  if (buckets.bucketLabels.length === 0 || buckets.timesMs.length === 0) {
    return <PanelMessage>{data.series.length > 0 ? "No histogram buckets (series need an le label)" : "No data"}</PanelMessage>;
  }
  return (
    <div style={{ width, height }}>
      <LazyEChart option={option} ariaLabel={`Heatmap of ${buckets.bucketLabels.length} buckets`} className="h-full w-full" onZoomSelect={onZoom} />
    </div>
  );
}
