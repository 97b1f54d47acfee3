"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import dynamic from "next/dynamic";
import type { ChartLayout } from "@/components/charts/echart";
import { formatDuration } from "@/lib/promql/duration";
import type { RangeQueryParams } from "@/lib/promql/types";
import { Spinner } from "@/components/ui/spinner";
import { nextHiddenSeries } from "@/lib/panels/series-visibility";
import { QueryAnnotations, QueryError } from "./query-status";
import { SeriesLegend } from "./series-legend";
import { toChartOption } from "./to-chart-option";
import { exploreSeriesOf } from "./explore-series";
import { useGraphQuery } from "./use-graph-query";

// Loaded on its own, and requested on mount, so ECharts downloads while the query runs.
const loadEChart = () => import("@/components/charts/echart").then((m) => m.EChart);
const EChart = dynamic(loadEChart, {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-80 w-full" />,
});

export interface GraphViewProps {
  params: RangeQueryParams;
  autoStep: boolean;
  /** Drag-to-zoom on the chart: the selected span in epoch ms. */
  onZoom: (startMs: number, endMs: number) => void;
  /** The results area's width (CSS px): the server's M4 columns until the chart has drawn. */
  widthPx: number;
}

/** Runs the range query and draws it, with its legend, annotations, loading state and errors. */
export function GraphView({ params, autoStep, onZoom, widthPx }: GraphViewProps) {
  const { query, onPlotArea } = useGraphQuery(params, widthPx);
  useEffect(() => {
    void loadEChart();
  }, []);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const data = query.data?.data;

  const series = useMemo(() => (data ? exploreSeriesOf(data, params.stepS) : []), [data, params.stepS]);
  const names = useMemo(() => series.map((s) => s.name), [series]);
  const option = useMemo(
    () => toChartOption({ series, hidden, startMs: params.startS * 1000, endMs: params.endS * 1000 }),
    [series, hidden, params.startS, params.endS],
  );

  const startMs = params.startS * 1000;
  const endMs = params.endS * 1000;
  // Where ECharts drew the x axis: the server's M4 columns for the next request (use-graph-query.ts).
  const onLayout = useCallback(
    ({ xToPixel }: ChartLayout) => {
      const leftPx = xToPixel(startMs);
      const width = xToPixel(endMs) - leftPx;
      if (Number.isFinite(leftPx) && width > 0) onPlotArea({ leftPx, widthPx: width });
    },
    [startMs, endMs, onPlotArea],
  );

  const summary = `${series.length} series, step ${formatDuration(params.stepS)}${autoStep ? " (auto)" : ""}`;
  return (
    <div className="flex flex-col gap-2" aria-busy={query.isFetching}>
      <div className="flex min-h-6 items-center gap-3 text-xs text-slate-500">
        {query.isFetching ? <Spinner label="Loading…" /> : data ? <span>{summary}</span> : null}
      </div>
      {query.error ? <QueryError error={query.error} /> : null}
      {query.data ? <QueryAnnotations warnings={query.data.warnings} infos={query.data.infos} /> : null}
      {data && !query.error ? (
        series.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">Empty query result</p>
        ) : (
          <>
            <EChart
              option={option}
              ariaLabel={`Graph of ${series.length} series for ${params.expr}`}
              className="h-80 w-full"
              onZoomSelect={onZoom}
              onLayout={onLayout}
            />
            <SeriesLegend
              names={names}
              hidden={hidden}
              onSelect={(name, toggle) => setHidden(nextHiddenSeries(names, hidden, name, toggle))}
            />
          </>
        )
      ) : null}
    </div>
  );
}
