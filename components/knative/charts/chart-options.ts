import type { ChartOption } from "@/components/charts/echart";
import { formatNumber } from "@/lib/knative/view/explain";
import type { RevisionEvents } from "@/lib/knative/view/events";
import type { ViewSettings } from "@/lib/knative/view/settings";
import { perPod, signal, type Timeline } from "@/lib/knative/view/timeline";
import { formatDateTime } from "@/lib/time/format";
import { escapeHtml } from "@/lib/html/escape";

/** One drawn line: values on the chart's grid of times. */
export interface LineSpec {
  name: string;
  color: string;
  values: ReadonlyArray<number | null>;
  dashed?: boolean;
  /** Gauges that hold their value until the next sample (pod counts) are drawn as steps. */
  step?: boolean;
  yAxisIndex?: 0 | 1;
}

export interface AxisSpec {
  name: string;
  format?: (v: number) => string;
  min?: number;
  max?: number;
}

export interface ChartFrame {
  times: readonly number[];
  startS: number;
  endS: number;
  events: RevisionEvents | null;
  /** Words for the moment under the cursor (the tooltip's first lines). */
  explain?: (tS: number) => string[];
}

export const PANIC_BAND_COLOR = "rgba(239, 68, 68, 0.14)";
export const ACTIVATOR_BAND_COLOR = "rgba(100, 116, 139, 0.16)";

interface TooltipRow {
  seriesName?: string;
  color?: unknown;
  value?: unknown;
  axisValue?: unknown;
}

/** The tooltip's HTML: time, the moment explained in words, then each line's value. All text escaped. */
export function tooltipHtml(params: unknown, explain?: (tS: number) => string[]): string {
  const rows = (Array.isArray(params) ? params : [params]) as TooltipRow[];
  const first = rows[0];
  if (!first) return "";
  const ms = typeof first.axisValue === "number" ? first.axisValue : Number(first.axisValue);
  const words = explain ? explain(Math.round(ms / 1000)) : [];
  const values = rows.flatMap((row) => {
    const v = Array.isArray(row.value) ? row.value[1] : null;
    if (typeof v !== "number" || !Number.isFinite(v)) return [];
    const color = typeof row.color === "string" ? row.color : "#64748b";
    const swatch = `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${escapeHtml(color)}"></span>`;
    return [`<div>${swatch}${escapeHtml(row.seriesName ?? "")}: <b>${escapeHtml(formatNumber(v))}</b></div>`];
  });
  const explained = words.map((w) => `<div style="max-width:28rem;white-space:normal">${escapeHtml(w)}</div>`).join("");
  return `<div><b>${escapeHtml(formatDateTime(ms))}</b></div>${explained}${explained ? '<hr style="margin:4px 0"/>' : ""}${values.join("")}`;
}

interface AreaPoint {
  xAxis: number;
  name?: string;
  itemStyle?: { color: string };
  label?: { show: boolean; position?: "insideTop"; color?: string; fontSize?: number };
}

const MAX_LABELLED_BANDS = 6;

/** Panic and activator bands (markArea) and scale-to-zero / cold-start marks (markLine) for any chart. */
export function eventMarkers(events: RevisionEvents | null) {
  if (!events) return {};
  const areas: Array<[AreaPoint, AreaPoint]> = [
    ...events.activator.map((b): [AreaPoint, AreaPoint] => [
      { xAxis: b.startS * 1000, itemStyle: { color: ACTIVATOR_BAND_COLOR }, name: "activator in path", label: { show: false } },
      { xAxis: b.endS * 1000 },
    ]),
    ...events.panic.map((b): [AreaPoint, AreaPoint] => [
      // Past a handful of bands the labels collide; the legend and the list below the chart name them.
      { xAxis: b.startS * 1000, itemStyle: { color: PANIC_BAND_COLOR }, name: "panic", label: { show: events.panic.length <= MAX_LABELLED_BANDS, position: "insideTop", color: "#b91c1c", fontSize: 10 } },
      { xAxis: b.endS * 1000 },
    ]),
  ];
  const lines = events.marks.map((m) => ({
    xAxis: m.t * 1000,
    name: m.kind === "cold-start" ? `cold start${m.waitSeconds ? ` ${m.waitSeconds}s` : ""}` : "to zero",
    lineStyle: { color: m.kind === "cold-start" ? "#2563eb" : "#64748b", type: "dashed" as const },
    label: { formatter: "{b}", fontSize: 10 },
  }));
  return {
    markArea: { silent: true, data: areas },
    markLine: { silent: true, symbol: ["none", "none"] as [string, string], data: lines },
  };
}

/** A time chart of the given lines, with the revision's bands and marks, and the explaining tooltip. */
export function lineChartOption(frame: ChartFrame, lines: readonly LineSpec[], axes: readonly AxisSpec[]): ChartOption {
  const markers = eventMarkers(frame.events);
  return {
    animation: false,
    grid: { left: 8, right: axes.length > 1 ? 8 : 24, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", confine: true, axisPointer: { type: "line" }, formatter: (p: unknown) => tooltipHtml(p, frame.explain) },
    xAxis: { type: "time", min: frame.startS * 1000, max: frame.endS * 1000, axisLabel: { hideOverlap: true } },
    yAxis: axes.map((a) => ({
      type: "value" as const,
      name: a.name,
      nameTextStyle: { align: "left" as const },
      min: a.min ?? 0,
      max: a.max,
      axisLabel: { formatter: a.format ?? ((v: number) => formatNumber(v)) },
    })),
    series: lines.map((l, i) => ({
      type: "line" as const,
      name: l.name,
      yAxisIndex: l.yAxisIndex ?? 0,
      showSymbol: false,
      connectNulls: false,
      step: l.step ? ("start" as const) : undefined,
      color: l.color,
      lineStyle: { width: l.dashed ? 1.5 : 2, type: l.dashed ? ("dashed" as const) : ("solid" as const) },
      data: frame.times.map((t, j) => [t * 1000, l.values[j] ?? null]),
      ...(i === 0 ? markers : {}),
    })),
  };
}

const constant = (n: number, value: number | null) => new Array<number | null>(n).fill(value);

/** Which lines the concurrency chart draws, and what it must say about the hard limit. */
export interface ConcurrencyLines {
  lines: LineSpec[];
  /** Null when the limit is drawn; otherwise why it is not. */
  limitNote: string | null;
  unit: string;
}

/**
 * Per-pod observed concurrency (stable and panic totals ÷ max(ready, 1)) against the per-pod target
 * and the containerConcurrency hard limit: all per pod, so on one honest axis (knative/serving#13652).
 */
export function concurrencyLines(timeline: Timeline, settings: ViewSettings): ConcurrencyLines {
  const n = timeline.times.length;
  const rps = timeline.mode === "rps";
  const unit = rps ? "requests/s per pod" : "concurrency per pod";
  const lines: LineSpec[] = [
    { name: `stable ${settings.stableWindowSeconds}s avg per pod`, color: "#2563eb", values: perPod(signal(timeline, "stable"), timeline.values.ready) },
    { name: `panic ${settings.panicWindowSeconds}s avg per pod`, color: "#f97316", values: perPod(signal(timeline, "panic"), timeline.values.ready) },
    { name: "target per pod", color: "#16a34a", values: signal(timeline, "target"), dashed: true },
  ];
  const cc = settings.containerConcurrency;
  let limitNote: string | null = null;
  if (rps) limitNote = "containerConcurrency limits concurrency, not requests/s; not drawn for an RPS-scaled revision";
  else if (cc === null) limitNote = "containerConcurrency unknown: add it under knative.revisions in the Orrery config to draw the hard limit";
  else if (cc === 0) limitNote = "containerConcurrency 0: no hard limit per pod";
  else lines.push({ name: "containerConcurrency (hard limit)", color: "#dc2626", values: constant(n, cc), dashed: true });
  return { lines, limitNote, unit };
}

export const POD_LINES: ReadonlyArray<{ metric: "desired" | "requested" | "ready" | "pending" | "notReady" | "terminating"; name: string; color: string }> = [
  { metric: "desired", name: "desired", color: "#7c3aed" },
  { metric: "requested", name: "requested", color: "#0891b2" },
  { metric: "ready", name: "ready", color: "#16a34a" },
  { metric: "pending", name: "pending", color: "#eab308" },
  { metric: "notReady", name: "not ready", color: "#f97316" },
  { metric: "terminating", name: "terminating", color: "#64748b" },
];

/** Pod counts as step lines. */
export function podLines(timeline: Timeline): LineSpec[] {
  return POD_LINES.map((p) => ({ name: p.name, color: p.color, values: timeline.values[p.metric], step: true }));
}

/** "12:03:10–12:05:00" for a band, in the browser's zone. */
export function formatBand(startS: number, endS: number): string {
  return `${formatDateTime(startS * 1000)} – ${formatDateTime(endS * 1000)}`;
}

/** A percentage axis label. */
export function percent(v: number): string {
  return `${formatNumber(v * 100)}%`;
}

/** Seconds as "120 ms" / "1.5 s". */
export function seconds(v: number): string {
  return v < 1 ? `${formatNumber(v * 1000)} ms` : `${formatNumber(v)} s`;
}
