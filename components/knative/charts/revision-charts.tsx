"use client";

import { useMemo } from "react";
import type { RevisionRef } from "@/lib/knative/metrics";
import { describePanicEntry, explainMoment, formatNumber } from "@/lib/knative/view/explain";
import type { RevisionEvents } from "@/lib/knative/view/events";
import { LATENCY_QUANTILES, viewQueries, type ViewWindow } from "@/lib/knative/view/plan";
import type { ViewSettings } from "@/lib/knative/view/settings";
import { gridTimes, type Timeline } from "@/lib/knative/view/timeline";
import { useGridQueries, type TimelineData } from "../use-knative-data";
import { ACTIVATOR_BAND_COLOR, concurrencyLines, formatBand, lineChartOption, PANIC_BAND_COLOR, percent, podLines, seconds, type ChartFrame, type LineSpec } from "./chart-options";
import { KnativeChart, type LegendItem } from "./knative-chart";

const GROUP = "knative-revision";

function legendOf(lines: readonly LineSpec[], events: RevisionEvents | null): LegendItem[] {
  const items: LegendItem[] = lines.map((l) => ({ name: l.name, color: l.color, dashed: l.dashed }));
  if (events) items.push({ name: "panic mode", color: PANIC_BAND_COLOR }, { name: "activator in path (EBC < 0)", color: ACTIVATOR_BAND_COLOR });
  return items;
}

function useFrame(data: TimelineData, w: ViewWindow, settings: ViewSettings): ChartFrame {
  const { timeline, events } = data;
  return useMemo(
    () => ({
      times: timeline?.times ?? gridTimes(w.startS, w.endS, w.stepS),
      startS: w.startS,
      endS: w.endS,
      events,
      explain: timeline && events ? (t: number) => explainMoment(timeline, events, settings, t) : undefined,
    }),
    [timeline, events, settings, w],
  );
}

function hasData(timeline: Timeline | null, lines: readonly LineSpec[]): boolean {
  return timeline !== null && lines.some((l) => l.values.some((v) => v !== null));
}

export interface TimelineChartProps {
  revision: RevisionRef;
  data: TimelineData;
  window: ViewWindow;
  settings: ViewSettings;
  height?: string;
  heightPx?: number;
  bare?: boolean;
  /** Whether to list the panic bands and scale events under the chart. */
  withSummary?: boolean;
}

/** Per-pod concurrency (or RPS) against the per-pod target and the containerConcurrency limit. */
export function ConcurrencyChart({ revision, data, window: w, settings, height, heightPx, bare, withSummary = true }: TimelineChartProps) {
  const frame = useFrame(data, w, settings);
  const built = useMemo(() => (data.timeline ? concurrencyLines(data.timeline, settings) : null), [data.timeline, settings]);
  const option = useMemo(() => (built ? lineChartOption(frame, built.lines, [{ name: built.unit }]) : null), [frame, built]);
  return (
    <KnativeChart
      title={data.timeline?.mode === "rps" ? "Requests/s per pod vs target" : "Concurrency per pod vs target and limit"}
      testId="knative-chart-concurrency"
      option={option}
      ariaLabel={`Per-pod ${data.timeline?.mode === "rps" ? "requests/s" : "concurrency"} of ${revision.revision}: stable and panic averages divided by ready pods, against the per-pod target`}
      error={data.error}
      loading={data.loading}
      legend={built ? legendOf(built.lines, data.events) : []}
      note={built?.limitNote}
      empty={built && !hasData(data.timeline, built.lines) ? "No autoscaler samples for this revision in the range" : null}
      height={height}
      heightPx={heightPx}
      bare={bare}
      group={GROUP}
    >
      {withSummary && data.events && data.timeline ? <EventSummary events={data.events} /> : null}
    </KnativeChart>
  );
}

/** Desired, requested, ready, pending, not-ready and terminating pods as step lines. */
export function PodsChart({ revision, data, window: w, settings, height, heightPx, bare }: TimelineChartProps) {
  const frame = useFrame(data, w, settings);
  const lines = useMemo(() => (data.timeline ? podLines(data.timeline) : null), [data.timeline]);
  const option = useMemo(() => (lines ? lineChartOption(frame, lines, [{ name: "pods" }]) : null), [frame, lines]);
  const last = data.timeline?.values.ready.findLast((v) => v !== null);
  return (
    <KnativeChart
      title="Pods"
      testId="knative-chart-pods"
      option={option}
      ariaLabel={`Pod counts of ${revision.revision}${last !== undefined && last !== null ? `; ${formatNumber(last)} ready at the end of the range` : ""}`}
      error={data.error}
      loading={data.loading}
      legend={lines ? legendOf(lines, data.events) : []}
      empty={lines && !hasData(data.timeline, lines) ? "No pod counts for this revision in the range" : null}
      height={height}
      heightPx={heightPx}
      bare={bare}
      group={GROUP}
    />
  );
}

export interface RequestChartProps extends TimelineChartProps {
  datasource: string;
}

/** Requests/s and 5xx/s (queue-proxy, overload 503s included) with the error ratio on its own axis. */
export function RequestsChart({ datasource, revision, data, window: w, settings }: RequestChartProps) {
  const frame = useFrame(data, w, settings);
  const q = useMemo(() => viewQueries(revision, w.stepS), [revision, w.stepS]);
  const grid = useGridQueries(datasource, [q.requests, q.errors, q.errorRatio], w, frame.times);
  const lines: LineSpec[] = useMemo(
    () => [
      { name: "requests/s", color: "#2563eb", values: grid.values[0] ?? [] },
      { name: "5xx/s", color: "#dc2626", values: grid.values[1] ?? [] },
      { name: "error ratio (right axis)", color: "#f97316", values: grid.values[2] ?? [], dashed: true, yAxisIndex: 1 },
    ],
    [grid.values],
  );
  const loaded = !grid.loading || grid.values.some((v) => v.some((x) => x !== null));
  const option = useMemo(() => (loaded ? lineChartOption(frame, lines, [{ name: "requests/s" }, { name: "5xx share", format: percent, max: 1 }]) : null), [frame, lines, loaded]);
  return (
    <KnativeChart
      title="Requests and errors"
      testId="knative-chart-requests"
      option={option}
      ariaLabel={`Requests per second and 5xx responses of ${revision.revision}`}
      error={grid.error}
      loading={grid.loading}
      legend={legendOf(lines, data.events)}
      empty={!grid.loading && !grid.values.some((v) => v.some((x) => x !== null)) ? "No queue-proxy request metrics for this revision in the range" : null}
      group={GROUP}
    />
  );
}

const LATENCY_COLORS = ["#16a34a", "#eab308", "#dc2626"];

/** Latency percentiles from the queue-proxy histogram. */
export function LatencyChart({ datasource, revision, data, window: w, settings }: RequestChartProps) {
  const frame = useFrame(data, w, settings);
  const q = useMemo(() => viewQueries(revision, w.stepS), [revision, w.stepS]);
  const grid = useGridQueries(datasource, q.latency.map((l) => l.expr), w, frame.times);
  const lines: LineSpec[] = useMemo(
    () => LATENCY_QUANTILES.map((quantile, i) => ({ name: `p${Math.round(quantile * 100)}`, color: LATENCY_COLORS[i]!, values: grid.values[i] ?? [] })),
    [grid.values],
  );
  const loaded = !grid.loading || grid.values.some((v) => v.some((x) => x !== null));
  const option = useMemo(() => (loaded ? lineChartOption(frame, lines, [{ name: "latency", format: seconds }]) : null), [frame, lines, loaded]);
  return (
    <KnativeChart
      title="Latency"
      testId="knative-chart-latency"
      option={option}
      ariaLabel={`Latency percentiles p50, p90 and p99 of ${revision.revision}`}
      error={grid.error}
      loading={grid.loading}
      legend={legendOf(lines, data.events)}
      empty={!grid.loading && !grid.values.some((v) => v.some((x) => x !== null)) ? "No latency histogram for this revision in the range" : null}
      group={GROUP}
    />
  );
}

const MAX_LISTED = 8;

/** The panic periods with their reason, activator-in-path time and scale events, in words (also for screen readers). */
export function EventSummary({ events }: { events: RevisionEvents }) {
  const activatorS = events.activator.reduce((s, b) => s + (b.endS - b.startS), 0);
  const coldStarts = events.marks.filter((m) => m.kind === "cold-start");
  const toZero = events.marks.filter((m) => m.kind === "scale-to-zero").length;
  return (
    <div className="text-xs text-slate-700 dark:text-slate-300">
      <p data-testid="knative-event-counts">
        {events.panic.length} panic {events.panic.length === 1 ? "period" : "periods"}; activator in path for {formatNumber(activatorS)} s; {toZero} scale-to-zero; {coldStarts.length} cold{" "}
        {coldStarts.length === 1 ? "start" : "starts"}
      </p>
      {events.panic.length > 0 ? (
        <ul data-testid="knative-panic-bands" className="mt-1 list-disc pl-5">
          {events.panic.slice(0, MAX_LISTED).map((b) => (
            <li key={b.startS} data-testid="knative-panic-band">
              {formatBand(b.startS, b.endS)}: {b.entry ? describePanicEntry(b.entry) : "already in panic at the start of the range"}
            </li>
          ))}
          {events.panic.length > MAX_LISTED ? <li>… {events.panic.length - MAX_LISTED} more</li> : null}
        </ul>
      ) : null}
      {coldStarts.length > 0 ? (
        <p data-testid="knative-cold-starts" className="mt-1">
          Cold starts: {coldStarts.slice(0, MAX_LISTED).map((m) => `${formatBand(m.t, m.t).split(" – ")[0]} (${formatNumber(m.waitSeconds ?? 0)} s wait)`).join(", ")}
        </p>
      ) : null}
    </div>
  );
}
