import type { MatrixSeries } from "@/lib/promql/types";
import { parseSampleValue } from "@/lib/promql/series";
import { REVISION_METRIC_NAMES, REVISION_LABELS, escapeLabelValue, type MetricSet, type RevisionMetric, type RevisionRef } from "../metrics";

/** The autoscaler gauges drawn by the view (one range query fetches them all). */
export const TIMELINE_METRICS = [
  "desired",
  "requested",
  "ready",
  "notReady",
  "pending",
  "terminating",
  "stable",
  "panic",
  "target",
  "ebc",
  "panicMode",
  "stableRps",
  "panicRps",
  "targetRps",
] as const satisfies readonly RevisionMetric[];
export type TimelineMetric = (typeof TIMELINE_METRICS)[number];

/**
 * One range query for every revision gauge: `max by (__name__)` keeps one series per metric and
 * drops stale copies from other autoscaler replicas (notes §1c). The activator's concurrency is
 * per activator pod (a sum, not a max), so it is not part of it.
 */
export function timelineQuery(ref: RevisionRef): string {
  const names = TIMELINE_METRICS.map((m) => REVISION_METRIC_NAMES[ref.metricSet][m]).join("|");
  const l = REVISION_LABELS[ref.metricSet];
  return `max by (__name__) ({__name__=~"${names}",${l.namespace}="${escapeLabelValue(ref.namespace)}",${l.revision}="${escapeLabelValue(ref.revision)}"})`;
}

/** Values on a regular grid of times: `values[m][i]` is metric m at `times[i]`, null when absent. */
export interface Timeline {
  /** Unix seconds, `startS + i × stepS`. */
  times: number[];
  stepS: number;
  values: Record<TimelineMetric, Array<number | null>>;
  /** Concurrency or RPS, whichever the revision scales on (only one set is exported, notes §1a). */
  mode: "concurrency" | "rps";
}

function metricByName(metricSet: MetricSet): Map<string, TimelineMetric> {
  return new Map(TIMELINE_METRICS.map((m) => [REVISION_METRIC_NAMES[metricSet][m], m]));
}

/** Places range-query samples onto the grid [startS, endS] by `stepS`; unknown names are ignored. */
export function timelineFromMatrix(result: readonly MatrixSeries[], metricSet: MetricSet, startS: number, endS: number, stepS: number): Timeline {
  if (!(stepS > 0) || !(endS >= startS)) throw new Error(`knative timeline: bad range ${startS}..${endS} step ${stepS}`);
  const n = Math.floor((endS - startS) / stepS + 1e-9) + 1;
  const times = Array.from({ length: n }, (_, i) => startS + i * stepS);
  const values = Object.fromEntries(TIMELINE_METRICS.map((m) => [m, new Array<number | null>(n).fill(null)])) as Timeline["values"];
  const byName = metricByName(metricSet);
  for (const series of result) {
    const metric = byName.get(series.metric.__name__ ?? "");
    if (!metric) continue;
    for (const [t, v] of series.values ?? []) {
      const i = Math.round((t - startS) / stepS);
      if (i >= 0 && i < n) values[metric][i] = parseSampleValue(v);
    }
  }
  const hasConcurrency = values.stable.some((v) => v !== null);
  const hasRps = values.stableRps.some((v) => v !== null);
  return { times, stepS, values, mode: !hasConcurrency && hasRps ? "rps" : "concurrency" };
}

/** The scaling signal of the revision's mode: `stable`/`panic`/`target` or their RPS twins. */
export function signal(timeline: Timeline, kind: "stable" | "panic" | "target"): Array<number | null> {
  if (timeline.mode === "concurrency") return timeline.values[kind];
  return timeline.values[kind === "stable" ? "stableRps" : kind === "panic" ? "panicRps" : "targetRps"];
}

/** Observed per-pod value: total ÷ max(ready, 1); null where either is missing. */
export function perPod(total: ReadonlyArray<number | null>, ready: ReadonlyArray<number | null>): Array<number | null> {
  return total.map((v, i) => {
    const r = ready[i];
    return v === null || r === null || r === undefined ? null : v / Math.max(1, r);
  });
}

/** The first series of a range-query matrix on the grid of `timeline` (for request and latency queries). */
export function seriesOnGrid(result: readonly MatrixSeries[] | undefined, times: readonly number[], stepS: number): Array<number | null> {
  const out = new Array<number | null>(times.length).fill(null);
  const first = result?.[0];
  if (!first || times.length === 0) return out;
  for (const [t, v] of first.values ?? []) {
    const i = Math.round((t - times[0]!) / stepS);
    if (i >= 0 && i < times.length) out[i] = parseSampleValue(v);
  }
  return out;
}

/** The grid of times a chart draws on, [startS, endS] by stepS. */
export function gridTimes(startS: number, endS: number, stepS: number): number[] {
  const n = Math.floor((endS - startS) / stepS + 1e-9) + 1;
  return Array.from({ length: Math.max(0, n) }, (_, i) => startS + i * stepS);
}
