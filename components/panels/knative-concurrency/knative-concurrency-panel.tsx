"use client";

import { useMemo } from "react";
import { resolvePanelDatasource } from "@/lib/dashboards/panel-queries";
import { viewWindow } from "@/lib/knative/view/plan";
import { minStepForScrapeInterval } from "@/lib/explore/run";
import { ConcurrencyChart, PodsChart } from "@/components/knative/charts/revision-charts";
import { useKnativeRevisions, useRevisionTimeline, useViewSettings } from "@/components/knative/use-knative-data";
import type { RevisionRef } from "@/lib/knative/metrics";
import type { ViewWindow } from "@/lib/knative/view/plan";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { resolvePanelTarget } from "./resolve";

// Room for the legend and the note under the chart.
const CHROME_PX = 56;

/** A Knative revision's per-pod concurrency or pods chart inside a dashboard; it runs its own queries. */
export function KnativeConcurrencyPanel({ panel, timeRange, height, scope = {}, datasources = [] }: PanelProps<"knative-concurrency">) {
  const target = resolvePanelTarget(panel.options, scope);
  const ds = resolvePanelDatasource(panel.datasource, scope, datasources);
  if (typeof ds === "string") return <PanelMessage>{`No data: ${ds}`}</PanelMessage>;
  if (!target.ok) return <PanelMessage>{target.error}</PanelMessage>;
  return <PanelWindow startMs={timeRange.startMs} endMs={timeRange.endMs} minStepS={minStepForScrapeInterval(ds.scrapeInterval)} datasource={ds.id} namespace={target.namespace} revision={target.revision} chart={panel.options.chart} heightPx={Math.max(60, height - CHROME_PX)} />;
}

function PanelWindow({ startMs, endMs, minStepS, ...rest }: Omit<PanelBodyProps, "window"> & { startMs: number; endMs: number; minStepS: number }) {
  const w = useMemo(() => viewWindow(startMs, endMs, minStepS), [startMs, endMs, minStepS]);
  return <PanelBody {...rest} window={w} />;
}

interface PanelBodyProps {
  datasource: string;
  namespace: string;
  revision: string;
  window: ViewWindow;
  chart: "concurrency" | "pods";
  heightPx: number;
}

function PanelBody({ datasource, namespace, revision, window: w, chart, heightPx }: PanelBodyProps) {
  const revisions = useKnativeRevisions(datasource, w.startS, w.endS);
  const ref = useMemo(() => {
    const found = (revisions.data ?? []).filter((r) => r.namespace === namespace && r.revision === revision);
    return found.find((r) => r.metricSet === "otel") ?? found[0] ?? null;
  }, [revisions.data, namespace, revision]);
  if (revisions.error) return <PanelMessage>{`Could not list Knative revisions: ${revisions.error.message}`}</PanelMessage>;
  if (!revisions.data) return null;
  if (!ref) return <PanelMessage>{`No Knative revision ${namespace}/${revision} in this range (neither OpenCensus nor OTel metrics)`}</PanelMessage>;
  return <RevisionPanelChart datasource={datasource} revision={ref} window={w} chart={chart} heightPx={heightPx} />;
}

function RevisionPanelChart({ datasource, revision, window: w, chart, heightPx }: { datasource: string; revision: RevisionRef; window: ViewWindow; chart: "concurrency" | "pods"; heightPx: number }) {
  const { settings } = useViewSettings(revision);
  const data = useRevisionTimeline(datasource, revision, w, settings);
  const props = { revision, data, window: w, settings, heightPx, bare: true };
  return <div className="h-full overflow-auto px-2">{chart === "pods" ? <PodsChart {...props} /> : <ConcurrencyChart {...props} withSummary={false} />}</div>;
}
