"use client";

import { useMemo, useState } from "react";
import { metricSetsOf, resolveSelection } from "@/lib/knative/discovery";
import type { RevisionRef } from "@/lib/knative/metrics";
import { viewWindow, type ViewWindow } from "@/lib/knative/view/plan";
import { chooseDatasource } from "@/lib/explore/datasource";
import { minStepForScrapeInterval } from "@/lib/explore/run";
import { useDatasources } from "@/lib/promql/hooks";
import { resolveTimeRange, type RawTimeRange } from "@/lib/time/range";
import { WhatIfSection } from "@/components/knative/what-if/what-if-section";
import { DatasourcePicker } from "@/components/explore/datasource-picker";
import { TimeRangePicker } from "@/components/time/time-range-picker";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { ConcurrencyChart, LatencyChart, PodsChart, RequestsChart } from "./charts/revision-charts";
import { RevisionPicker } from "./revision-picker";
import { useKnativeRevisions, useRevisionTimeline, useViewSettings } from "./use-knative-data";
import { useKnativeUrlState } from "./use-knative-url-state";

const SET_NAMES = { opencensus: "OpenCensus (Knative ≤ 1.18)", otel: "OpenTelemetry (Knative ≥ 1.19)" } as const;

/** The /knative page: pick a revision (either metric set), see why it scaled as it did, and replay what-ifs. */
export function KnativeView() {
  const { state, setState } = useKnativeUrlState();
  const datasources = useDatasources();
  const choice = chooseDatasource(datasources.data ?? [], state.datasource);
  const ds = choice.datasource;
  // "now" is pinned per run, so relative ranges keep stable query keys until Refresh or a new range.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const resolved = resolveTimeRange(state.range, nowMs);
  const minStepS = minStepForScrapeInterval(ds?.scrapeInterval);
  const startMs = resolved.ok ? resolved.range.startMs : null;
  const endMs = resolved.ok ? resolved.range.endMs : null;
  const w = useMemo(() => (startMs !== null && endMs !== null ? viewWindow(startMs, endMs, minStepS) : null), [startMs, endMs, minStepS]);

  const revisions = useKnativeRevisions(ds?.id ?? null, w?.startS ?? 0, w?.endS ?? 0);
  const selected = useMemo(
    () => (revisions.data ? resolveSelection(revisions.data, { namespace: state.namespace, service: state.service, revision: state.revision, metricSet: state.metricSet }) : null),
    [revisions.data, state.namespace, state.service, state.revision, state.metricSet],
  );
  const select = (r: RevisionRef) => setState({ ...state, namespace: r.namespace, service: r.service, revision: r.revision, metricSet: r.metricSet });
  const setRange = (range: RawTimeRange) => {
    setState({ ...state, range });
    setNowMs(Date.now());
  };
  const sets = revisions.data ? metricSetsOf(revisions.data) : [];

  return (
    <main className="flex flex-col gap-4 p-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-2 self-center text-xl font-semibold">Knative revisions</h1>
        <DatasourcePicker
          datasources={datasources.data}
          value={ds?.id ?? null}
          onChange={(id) => setState({ ...state, datasource: id })}
          loading={datasources.isLoading}
          error={datasources.error}
        />
        {revisions.data && revisions.data.length > 0 ? <RevisionPicker revisions={revisions.data} selected={selected} onChange={select} /> : null}
        <TimeRangePicker value={state.range} onChange={setRange} />
        <Button onClick={() => setNowMs(Date.now())}>Refresh</Button>
      </div>
      {choice.notice ? <Callout tone="warning">{choice.notice}</Callout> : null}
      {!resolved.ok ? <Callout tone="error">{resolved.error}</Callout> : null}
      {revisions.error ? (
        <Callout tone="error" title="Could not list Knative revisions">
          {revisions.error.message}
        </Callout>
      ) : revisions.isLoading ? (
        <Spinner label="Looking for Knative revisions…" />
      ) : revisions.data && revisions.data.length === 0 ? (
        <Callout tone="info" title="No Knative revisions in this range">
          Neither autoscaler_desired_pods (OpenCensus) nor kn_revision_pods_desired (OpenTelemetry) has series on this datasource in the selected
          range. OpenTelemetry-era Knative exports no metrics until metrics-protocol is set in config-observability.
        </Callout>
      ) : null}
      {sets.length > 0 ? (
        <p data-testid="knative-metric-sets" className="text-xs text-slate-600 dark:text-slate-400">
          Metric names found: {sets.map((s) => SET_NAMES[s]).join(" and ")}
          {sets.length > 1 ? " (a cluster mid-upgrade: each revision is read from the set it was found in)" : ""}.
        </p>
      ) : null}
      {ds && w && selected ? <RevisionDetail key={`${selected.metricSet}/${selected.namespace}/${selected.revision}`} datasource={ds.id} revision={selected} window={w} /> : null}
    </main>
  );
}

interface RevisionDetailProps {
  datasource: string;
  revision: RevisionRef;
  window: ViewWindow;
}

function RevisionDetail({ datasource, revision, window: w }: RevisionDetailProps) {
  const { settings, error: settingsError } = useViewSettings(revision);
  const data = useRevisionTimeline(datasource, revision, w, settings);
  const common = { revision, data, window: w, settings };
  return (
    <>
      <div className="text-sm" data-testid="knative-revision-heading">
        <span className="font-semibold">{revision.revision}</span> in {revision.namespace}
        {revision.service !== "unknown" ? <> (service {revision.service})</> : null} · {SET_NAMES[revision.metricSet]} · step {w.stepS}s
      </div>
      {settingsError ? <Callout tone="warning">Revision settings from the configuration are unavailable: {settingsError.message}</Callout> : null}
      {settings.problem ? <Callout tone="warning">{settings.problem}</Callout> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <ConcurrencyChart {...common} />
        <PodsChart {...common} />
        <RequestsChart datasource={datasource} {...common} />
        <LatencyChart datasource={datasource} {...common} />
      </div>
      <WhatIfSection datasource={datasource} revision={revision} start={w.startS} end={w.endS} settings={settings.revisionSettings} />
    </>
  );
}
