"use client";

import { useMemo } from "react";
import { skipToken, useQuery } from "@tanstack/react-query";
import { discoverRevisions } from "@/lib/knative/discovery";
import type { RevisionRef } from "@/lib/knative/metrics";
import { revisionEvents, type RevisionEvents } from "@/lib/knative/view/events";
import { viewQueries, type ViewWindow } from "@/lib/knative/view/plan";
import { fetchKnativeRevisionConfig, findRevisionConfig, viewSettingsFor, type ViewSettings } from "@/lib/knative/view/settings";
import { seriesOnGrid, timelineFromMatrix, type Timeline } from "@/lib/knative/view/timeline";
import { useRangeQuery } from "@/lib/promql/hooks";
import { promqlKeys } from "@/lib/promql/keys";

/** Revisions of both metric sets seen in the window (GET /api/v1/series through the proxy). */
export function useKnativeRevisions(datasource: string | null, startS: number, endS: number) {
  return useQuery({
    queryKey: datasource ? [...promqlKeys.datasource(datasource), "knative-revisions", { startS, endS }] : ["knative", "idle"],
    queryFn: datasource ? ({ signal }) => discoverRevisions(datasource, startS, endS, signal) : skipToken,
    staleTime: 60_000,
    retry: false,
  });
}

/** The view settings of a revision from the configuration (CC, annotations), or Knative's defaults. */
export function useViewSettings(ref: RevisionRef | null): { settings: ViewSettings; error: Error | null } {
  const config = useQuery({ queryKey: ["knative", "revision-config"], queryFn: ({ signal }) => fetchKnativeRevisionConfig(signal), staleTime: 5 * 60_000, retry: false });
  const entries = config.data;
  const settings = useMemo(() => viewSettingsFor(ref && entries ? findRevisionConfig(entries, ref) : null), [ref, entries]);
  return { settings, error: config.error };
}

function rangeParams(datasource: string, expr: string, w: ViewWindow) {
  return { datasource, expr, startS: w.startS, endS: w.endS, stepS: w.stepS };
}

export interface TimelineData {
  timeline: Timeline | null;
  events: RevisionEvents | null;
  error: Error | null;
  loading: boolean;
}

/** The revision's autoscaler gauges on the window's grid, with its panic/activator bands and scale marks. */
export function useRevisionTimeline(datasource: string, ref: RevisionRef, w: ViewWindow, settings: ViewSettings): TimelineData {
  const q = useMemo(() => viewQueries(ref, w.stepS), [ref, w.stepS]);
  const main = useRangeQuery(rangeParams(datasource, q.timeline, w));
  const panic = useRangeQuery(rangeParams(datasource, q.panicMode, w));
  const ebc = useRangeQuery(rangeParams(datasource, q.ebc, w));
  const timeline = useMemo(() => {
    if (!main.data) return null;
    const tl = timelineFromMatrix(main.data.data.result, ref.metricSet, w.startS, w.endS, w.stepS);
    // Where the step is coarser than the gauges, the over-time extremes keep short bands visible.
    if (panic.data?.data.result.length) tl.values.panicMode = seriesOnGrid(panic.data.data.result, tl.times, w.stepS);
    if (ebc.data?.data.result.length) tl.values.ebc = seriesOnGrid(ebc.data.data.result, tl.times, w.stepS);
    return tl;
  }, [main.data, panic.data, ebc.data, ref.metricSet, w]);
  const events = useMemo(
    () => (timeline ? revisionEvents(timeline, { threshold: settings.panicThreshold, panicWindowSeconds: settings.panicWindowSeconds }) : null),
    [timeline, settings.panicThreshold, settings.panicWindowSeconds],
  );
  return { timeline, events, error: main.error, loading: main.isFetching };
}

export interface GridSeries {
  values: Array<Array<number | null>>;
  error: Error | null;
  loading: boolean;
  warnings: string[];
}

/** Several range queries on the window's grid (one line each); the first error wins. */
export function useGridQueries(datasource: string, exprs: readonly string[], w: ViewWindow, times: readonly number[]): GridSeries {
  const a = useRangeQuery(exprs[0] ? rangeParams(datasource, exprs[0], w) : null);
  const b = useRangeQuery(exprs[1] ? rangeParams(datasource, exprs[1], w) : null);
  const c = useRangeQuery(exprs[2] ? rangeParams(datasource, exprs[2], w) : null);
  const all = [a, b, c].slice(0, exprs.length);
  const values = useMemo(
    () => [a.data, b.data, c.data].slice(0, exprs.length).map((d) => seriesOnGrid(d?.data.result, times, w.stepS)),
    [a.data, b.data, c.data, exprs.length, times, w.stepS],
  );
  return {
    values,
    error: all.find((r) => r.error)?.error ?? null,
    loading: all.some((r) => r.isFetching),
    warnings: all.flatMap((r) => r.data?.warnings ?? []),
  };
}
