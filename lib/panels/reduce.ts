import type { Reducer } from "@/lib/dashboards/schema/panels";
import type { PanelData } from "./panel-data";
import { Samples } from "./samples";

type Values = readonly (number | null)[];

function nonNull(values: Values): number[] {
  return values.filter((v): v is number => v !== null);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// A loop, not Math.max(...values), which overflows the stack on long series.
function extreme(values: Values, better: (a: number, b: number) => boolean): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || better(v, best))) best = v;
  return best;
}

// Nulls (gaps, NaN) are skipped as Grafana skips them; "last" and "first" alone look at them.
const REDUCERS: Record<Reducer, (values: Values) => number | null> = {
  last: (v) => v.at(-1) ?? null,
  lastNotNull: (v) => nonNull(v).at(-1) ?? null,
  first: (v) => v[0] ?? null,
  mean: (v) => {
    const n = nonNull(v);
    return n.length === 0 ? null : sum(n) / n.length;
  },
  max: (v) => extreme(v, (a, b) => a > b),
  min: (v) => extreme(v, (a, b) => a < b),
  total: (v) => {
    const n = nonNull(v);
    return n.length === 0 ? null : sum(n);
  },
  count: (v) => nonNull(v).length,
};

/** Reduces values to one, e.g. for a stat. Null when there is nothing to reduce. */
export function reduceValues(values: Values, reducer: Reducer): number | null {
  return REDUCERS[reducer](values);
}

/**
 * Reduces a series' samples (gaps skipped; NaN and ±Inf are nulls, which only "first" and "last"
 * look at), in one pass without copying the values.
 */
export function reduceSamples(samples: Samples, reducer: Reducer): number | null {
  let first: number | null | undefined;
  let last: number | null | undefined;
  let lastFinite: number | null = null;
  let count = 0;
  let total = 0;
  let min: number | null = null;
  let max: number | null = null;
  samples.forEachSample((v) => {
    if (first === undefined) first = v;
    last = v;
    if (v === null) return;
    lastFinite = v;
    count++;
    total += v;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  });
  switch (reducer) {
    case "last":
      return last ?? null;
    case "lastNotNull":
      return lastFinite;
    case "first":
      return first ?? null;
    case "mean":
      return count === 0 ? null : total / count;
    case "max":
      return max;
    case "min":
      return min;
    case "total":
      return count === 0 ? null : total;
    case "count":
      return count;
  }
}

/** A value-bearing item of a panel: a range series, or an instant sample as a one-point series. */
export interface ValueSource {
  key: string;
  refId: string;
  name: string;
  labels: Record<string, string>;
  samples: Samples;
}

/**
 * Every series and instant sample of the panel, in target order, each with a key that stays the
 * same across refreshes (refId and name; a counter only for duplicates).
 */
export function valueSources(data: PanelData): ValueSource[] {
  const seen = new Map<string, number>();
  const keyOf = (refId: string, name: string) => {
    const base = `${refId}\u0000${name}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}\u0000${n}`;
  };
  return [
    ...data.series.map((s) => ({ key: keyOf(s.refId, s.name), refId: s.refId, name: s.name, labels: s.labels, samples: s.samples })),
    ...data.instant.map((s) => ({
      key: keyOf(s.refId, s.name),
      refId: s.refId,
      name: s.name,
      labels: s.labels,
      samples: Samples.fromPairs([[s.timeMs, s.value]]),
    })),
  ];
}
