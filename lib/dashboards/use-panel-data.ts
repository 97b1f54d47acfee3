"use client";

import { useLayoutEffect, useMemo, useRef } from "react";
import { useQueries, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchInstantQuery } from "@/lib/promql/api";
import type { PixelGrid } from "@/lib/charts/pixel-grid";
import { fetchRangeFrames } from "@/lib/promql/frames/client";
import type { FramesData } from "@/lib/promql/frames/decode";
import { promqlKeys } from "@/lib/promql/keys";
import type { QueryData, QueryResponse } from "@/lib/promql/types";
import { buildPanelData, EMPTY_PANEL_DATA, type PanelData } from "@/lib/panels/panel-data";
import type { PlannedQuery } from "./panel-queries";

type PanelQueryOptions = ReturnType<typeof panelQueryOptions>[number];

/** One React Query per planned target, keyed by every input (identical queries across panels share one request). */
export function panelQueryOptions(queries: readonly PlannedQuery[], enabled: boolean, framesWidthPx?: number, framesGrid?: () => PixelGrid | undefined) {
  return queries.map((q) =>
    q.instant
      ? {
          queryKey: promqlKeys.instant({ datasource: q.datasource, expr: q.expr, timeS: q.endS }),
          queryFn: ({ signal }: { signal: AbortSignal }) => fetchInstantQuery({ datasource: q.datasource, expr: q.expr, timeS: q.endS }, signal),
          enabled,
          staleTime: Infinity,
          retry: false,
        }
      : {
          queryKey: [...promqlKeys.range({ datasource: q.datasource, expr: q.expr, startS: q.startS, endS: q.endS, stepS: q.stepS }), "frames", framesWidthPx ?? 0],
          queryFn: ({ signal }: { signal: AbortSignal }) =>
            fetchRangeFrames({ datasource: q.datasource, expr: q.expr, startS: q.startS, endS: q.endS, stepS: q.stepS }, framesWidthPx === undefined ? undefined : (framesGrid?.() ?? framesWidthPx), signal),
          enabled,
          staleTime: Infinity,
          retry: false,
        },
  );
}

/**
 * Starts the queries never run yet: no answer, no error, none on its way. Used by a panel's commit
 * and, earlier, by its dashboard (the panels' observers then join these requests: same keys). A
 * failed query is left to the observers, which re-run it as React Query does (when its panel mounts
 * or is enabled again), not each time a sibling target's key changes.
 */
export function startPanelQueries(client: QueryClient, options: readonly PanelQueryOptions[]): void {
  for (const o of options) {
    const state = client.getQueryState(o.queryKey);
    if (!state || (state.data === undefined && state.error === null && state.fetchStatus === "idle")) void client.prefetchQuery(o as Parameters<typeof client.prefetchQuery>[0]);
  }
}

export interface PanelDataState {
  data: PanelData;
  loading: boolean;
  /** The first failing target's error, prefixed with its refId when the panel has several. */
  error: string | null;
  warnings: string[];
  /** Per target, for the inspector: what came back, how long it took, or why it failed. */
  results: Array<{ query: PlannedQuery; response?: QueryResponse<QueryData | FramesData>; error?: string }>;
}

/**
 * Runs a panel's planned queries (one React Query per target, keyed by every input, so identical
 * queries across panels share one request) and assembles their answers into PanelData. Range
 * queries ask for frames; with `framesWidthPx` the server reduces them with M4 for that width, over
 * the chart's own pixel columns when `framesGrid` knows them at fetch time (read then, not part of
 * the key: it is known only once the chart has drawn, and a new key would fetch everything again).
 */
export function usePanelData(queries: readonly PlannedQuery[], enabled: boolean, framesWidthPx?: number, framesGrid?: () => PixelGrid | undefined): PanelDataState {
  const options = panelQueryOptions(queries, enabled, framesWidthPx, framesGrid);
  const results = useQueries({ queries: options });
  // The queries leave from the commit that enables them (a layout effect, before the browser paints),
  // not from the observers' subscription (a passive effect, which after a transition's commit may run
  // a frame later). Same keys: the observers then join these requests; fresh answers are not refetched.
  const client = useQueryClient();
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const keys = JSON.stringify(options.map((o) => o.queryKey));
  useLayoutEffect(() => {
    if (enabled) startPanelQueries(client, latest.current);
  }, [client, enabled, keys]);
  const loading = results.some((r) => r.isPending && r.fetchStatus !== "idle") || results.some((r) => r.isFetching && !r.data);
  const failed = results.findIndex((r) => r.error);
  const dataKey = results.map((r) => r.dataUpdatedAt).join(",");
  const data = useMemo(() => {
    const ready = results.flatMap((r, i) =>
      r.data ? [{ refId: queries[i]!.refId, legendFormat: queries[i]!.legendFormat, data: r.data.data as QueryData | FramesData, stepMs: queries[i]!.instant ? undefined : queries[i]!.stepS * 1000 }] : [],
    );
    return ready.length ? buildPanelData(ready) : EMPTY_PANEL_DATA;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- results is a new array every render; dataKey tracks its content
  }, [dataKey, queries]);
  const error = failed < 0 ? null : `${queries.length > 1 ? `${queries[failed]!.refId}: ` : ""}${results[failed]!.error!.message}`;
  const warnings = [...new Set(results.flatMap((r) => (r.data ? [...r.data.warnings, ...r.data.infos] : [])))];
  const perQuery = queries.map((query, i) => ({
    query,
    response: results[i]?.data as QueryResponse<QueryData | FramesData> | undefined,
    error: results[i]?.error?.message,
  }));
  return { data, loading, error, warnings, results: perQuery };
}
