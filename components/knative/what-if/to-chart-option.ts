import type { ChartOption } from "@/components/charts/echart";
import { formatSampleNumber } from "@/lib/promql/series";
import { formatDateTime } from "@/lib/time/format";
import { escapeHtml } from "@/lib/html/escape";

export interface WhatIfChartInput {
  /** Unix seconds of index 0; every array holds one value per second from there. */
  startS: number;
  actualReady: readonly number[];
  predictedReady: readonly number[];
  /** Reconstructed demand (total concurrency, or rps). */
  load: readonly number[];
  loadKind: "concurrency" | "rps";
  predictedPanic: readonly boolean[];
  /** At most this many points per series; seconds are bucketed by max so peaks stay visible. */
  maxPoints?: number;
}

export const WHAT_IF_COLORS = { actual: "#3b82f6", predicted: "#f97316", load: "#94a3b8", panic: "rgba(239, 68, 68, 0.12)" } as const;

type Point = [number, number];

/** Buckets per-second values into at most `maxPoints` points of `[epochMs, max of the bucket]`. */
export function bucketMax(startS: number, values: readonly number[], maxPoints: number): Point[] {
  const size = Math.max(1, Math.ceil(values.length / Math.max(1, maxPoints)));
  const out: Point[] = [];
  for (let i = 0; i < values.length; i += size) {
    let max = -Infinity;
    for (let k = i; k < Math.min(values.length, i + size); k++) max = Math.max(max, values[k]!);
    out.push([(startS + i) * 1000, max]);
  }
  return out;
}

/** Contiguous true runs as `[startMs, endMs]` (end exclusive, one second after the last true second). */
export function runsOf(startS: number, flags: readonly boolean[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let from: number | null = null;
  flags.forEach((flag, i) => {
    if (flag && from === null) from = i;
    if (!flag && from !== null) {
      runs.push([(startS + from) * 1000, (startS + i) * 1000]);
      from = null;
    }
  });
  if (from !== null) runs.push([(startS + from) * 1000, (startS + flags.length) * 1000]);
  return runs;
}

/** Axis tooltip: the time and each series' value (series names are ours, escaped anyway). */
export function formatWhatIfTooltip(params: unknown): string {
  const rows = (Array.isArray(params) ? params : [params]) as Array<{ seriesName?: string; value?: unknown; axisValue?: unknown }>;
  const first = rows[0];
  if (!first) return "";
  const lines = rows.map((row) => {
    const v = Array.isArray(row.value) ? row.value[1] : null;
    return `<div>${escapeHtml(row.seriesName ?? "")}: <b>${typeof v === "number" ? formatSampleNumber(v, 4) : "–"}</b></div>`;
  });
  return `<div><b>${escapeHtml(formatDateTime(Number(first.axisValue)))}</b></div>${lines.join("")}`;
}

/**
 * Predicted ready pods over actual ready pods (steps, left axis), the replayed demand (right
 * axis), and the predicted run's panic periods shaded.
 */
export function toWhatIfChartOption(input: WhatIfChartInput): ChartOption {
  const maxPoints = input.maxPoints ?? 1500;
  const { startS } = input;
  const endMs = (startS + Math.max(input.actualReady.length, input.predictedReady.length)) * 1000;
  const loadName = input.loadKind === "rps" ? "Demand (requests/s, replayed)" : "Demand (concurrency, replayed)";
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", confine: true, axisPointer: { type: "line" }, formatter: formatWhatIfTooltip },
    xAxis: { type: "time", min: startS * 1000, max: endMs, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: "value", name: "pods", minInterval: 1, min: 0 },
      { type: "value", name: input.loadKind === "rps" ? "req/s" : "concurrency", min: 0, splitLine: { show: false } },
    ],
    series: [
      {
        type: "line",
        name: loadName,
        yAxisIndex: 1,
        data: bucketMax(startS, input.load, maxPoints),
        color: WHAT_IF_COLORS.load,
        showSymbol: false,
        lineStyle: { width: 1 },
        areaStyle: { opacity: 0.15 },
        emphasis: { disabled: true },
      },
      {
        type: "line",
        name: "Actual ready pods",
        step: "end",
        data: bucketMax(startS, input.actualReady, maxPoints),
        color: WHAT_IF_COLORS.actual,
        showSymbol: false,
        lineStyle: { width: 2 },
        emphasis: { disabled: true },
      },
      {
        type: "line",
        name: "Predicted ready pods",
        step: "end",
        data: bucketMax(startS, input.predictedReady, maxPoints),
        color: WHAT_IF_COLORS.predicted,
        showSymbol: false,
        lineStyle: { width: 2, type: "dashed" },
        emphasis: { disabled: true },
        markArea: {
          silent: true,
          itemStyle: { color: WHAT_IF_COLORS.panic },
          data: runsOf(startS, input.predictedPanic).map(([from, to]) => [{ xAxis: from }, { xAxis: to }]),
        },
      },
    ],
  };
}
