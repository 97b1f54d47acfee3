import type { PanelSeries } from "@/lib/panels/panel-data";

/** Histogram buckets over time: `counts[bucket][time]`, buckets ascending by `le`. */
export interface HeatmapBuckets {
  /** The buckets' upper bounds as Prometheus writes them ("0.5", "+Inf"). */
  bucketLabels: string[];
  timesMs: number[];
  counts: Array<Array<number | null>>;
}

function parseLe(le: string): number {
  const trimmed = le.trim();
  if (trimmed === "+Inf" || trimmed === "Inf") return Infinity;
  const n = Number(trimmed);
  return Number.isNaN(n) ? NaN : n;
}

/**
 * Turns cumulative `_bucket` series (one per `le`, e.g. from `sum by (le) (rate(x_bucket[5m]))`)
 * into per-bucket counts: buckets ordered numerically with +Inf last, bucket i = cum_i − cum_i−1,
 * negatives (from counter resets or float noise) clamped to 0. A gap in a bucket is a null cell. Series without `le` are ignored;
 * series sharing an `le` are summed.
 */
export function toHeatmapBuckets(series: readonly PanelSeries[]): HeatmapBuckets {
  const byLe = new Map<string, { bound: number; values: Map<number, number | null> }>();
  const times = new Set<number>();
  for (const s of series) {
    const le = s.labels.le;
    if (le === undefined || Number.isNaN(parseLe(le))) continue;
    const key = String(parseLe(le));
    const bucket = byLe.get(key) ?? { bound: parseLe(le), values: new Map<number, number | null>() };
    byLe.set(key, bucket);
    for (const [t, v] of s.samples.toPairs()) {
      times.add(t);
      const previous = bucket.values.get(t);
      bucket.values.set(t, v === null ? (previous ?? null) : (previous ?? 0) + v);
    }
  }
  const ordered = [...byLe.values()].sort((a, b) => a.bound - b.bound);
  const timesMs = [...times].sort((a, b) => a - b);
  // The nearest lower bucket with a sample at that time; a gap in one bucket must not credit
  // everything below it to the next.
  const lowerCumulative = (i: number, t: number): number => {
    for (let j = i - 1; j >= 0; j--) {
      const v = ordered[j]!.values.get(t);
      if (v !== undefined && v !== null) return v;
    }
    return 0;
  };
  const counts = ordered.map((bucket, i) =>
    timesMs.map((t) => {
      const cumulative = bucket.values.get(t);
      if (cumulative === undefined || cumulative === null) return null;
      return Math.max(0, cumulative - lowerCumulative(i, t));
    }),
  );
  const bucketLabels = ordered.map((b) => (b.bound === Infinity ? "+Inf" : String(b.bound)));
  return { bucketLabels, timesMs, counts };
}

/** Leaves out buckets that hold no observation at any time (the heatmap's hideEmptyBuckets). */
export function dropEmptyBuckets(buckets: HeatmapBuckets): HeatmapBuckets {
  const keep = buckets.counts.map((row) => row.some((v) => v !== null && v > 0));
  return {
    bucketLabels: buckets.bucketLabels.filter((_, i) => keep[i]),
    timesMs: buckets.timesMs,
    counts: buckets.counts.filter((_, i) => keep[i]),
  };
}
