"use client";

import { useCallback, useState } from "react";
import { hashKey, useQuery, type QueryKey } from "@tanstack/react-query";
import { chartGrid, devicePixelRatioNow, m4Request, samePlotArea, type PlotArea } from "@/lib/charts/pixel-grid";
import { framesWidthFor } from "@/lib/promql/batch/forms";
import { fetchRangeFrames } from "@/lib/promql/frames/client";
import { retryNetworkOnce } from "@/lib/promql/hooks";
import { promqlKeys } from "@/lib/promql/keys";
import type { RangeQueryParams } from "@/lib/promql/types";

// Explore's queries say so: the proxy then needs query:explore (viewersCanExplore).
const EXPLORE_QUERY = { explore: true } as const;

/**
 * Explore's range query as frames, M4-reduced by the server: over the chart's own device-pixel
 * columns once it has drawn (`onPlotArea` reports where its x axis lies), before that over
 * `widthPx` (the results area) in columns. The grid is part of the key, so a resize or a new y-axis
 * label width re-queries only when the grid changes; the chart keeps showing the previous answer
 * of the same query meanwhile (the server serves the repeat from its results cache).
 */
export function useGraphQuery(params: RangeQueryParams, widthPx: number) {
  const [plot, setPlot] = useState<PlotArea | undefined>(undefined);
  const grid = chartGrid(params.startS * 1000, params.endS * 1000, plot);
  const ask = m4Request(grid, framesWidthFor(widthPx, devicePixelRatioNow()));
  const base: QueryKey = promqlKeys.range(params);
  const query = useQuery({
    queryKey: [...base, "frames", ask.key],
    queryFn: ({ signal }) => fetchRangeFrames(params, ask.m4, signal, undefined, EXPLORE_QUERY),
    staleTime: Number.POSITIVE_INFINITY,
    retry: retryNetworkOnce,
    // The same query on another grid: keep drawing the answer in hand while the new one comes.
    placeholderData: (previous, previousQuery) => (previousQuery && hashKey(previousQuery.queryKey.slice(0, base.length)) === hashKey(base) ? previous : undefined),
  });
  const onPlotArea = useCallback((next: PlotArea) => setPlot((p) => (samePlotArea(p, next) ? p : next)), []);
  return { query, grid, onPlotArea };
}
