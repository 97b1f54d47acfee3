import type { Reducer } from "@/lib/dashboards/schema/panels";
import type { PanelData, PanelPoint } from "./panel-data";

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

/** Reduces a series' points by their values. */
export function reducePoints(points: readonly PanelPoint[], reducer: Reducer): number | null {
  return reduceValues(points.map(([, v]) => v), reducer);
}

/** A value-bearing item of a panel: a range series, or an instant sample as a one-point series. */
export interface ValueSource {
  key: string;
  refId: string;
  name: string;
  labels: Record<string, string>;
  points: PanelPoint[];
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
    ...data.series.map((s) => ({ key: keyOf(s.refId, s.name), refId: s.refId, name: s.name, labels: s.labels, points: s.points })),
    ...data.instant.map((s) => ({
      key: keyOf(s.refId, s.name),
      refId: s.refId,
      name: s.name,
      labels: s.labels,
      points: [[s.timeMs, s.value]] as PanelPoint[],
    })),
  ];
}
