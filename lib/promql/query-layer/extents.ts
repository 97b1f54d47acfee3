// Pure maths of the results cache (the Cortex/Thanos query-frontend design): ranges on a step grid,
// the sub-ranges an entry is missing, splitting by interval, and merging matrix results.
// Every time here is integer milliseconds on the grid of the request's step (start and end are
// multiples of the step after alignment), so a point evaluated in one sub-range query is exactly
// the point the whole-range query would have evaluated.

/** One matrix series as Prometheus sends it; points keep the upstream's own timestamp and value text. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  histograms?: [number, unknown][];
}

/** An inclusive range of grid points [start, end] with the series evaluated over it. */
export interface Extent {
  start: number;
  end: number;
  series: MatrixSeries[];
}

export interface Range {
  start: number;
  end: number;
}

/** Rounds start and end down to multiples of the step (as Grafana and the Thanos query-frontend do). */
export function alignRange(startMs: number, endMs: number, stepMs: number): Range {
  return { start: Math.floor(startMs / stepMs) * stepMs, end: Math.floor(endMs / stepMs) * stepMs };
}

/** The sub-ranges of [start, end] that no extent covers. Extents must be sorted and disjoint. */
export function missingRanges(want: Range, stepMs: number, extents: readonly Range[]): Range[] {
  const out: Range[] = [];
  let cur = want.start;
  for (const ext of extents) {
    if (cur > want.end) break;
    if (ext.end < cur) continue;
    if (ext.start > want.end) break;
    if (ext.start > cur) out.push({ start: cur, end: ext.start - stepMs });
    cur = Math.max(cur, ext.end + stepMs);
  }
  if (cur <= want.end) out.push({ start: cur, end: want.end });
  return out;
}

/**
 * Splits a range longer than `intervalMs` (a UTC day by default) at multiples of it: each part ends
 * on the last grid point before a boundary and the next starts one step later, so no point is lost or
 * doubled. A range no longer than one interval stays one request even when it crosses a boundary
 * (splitting is for parallelism: the extents cache keeps any range, aligned or not), so a 6 h view
 * at 03:00 UTC costs one upstream request, not two.
 */
export function splitByInterval(range: Range, stepMs: number, intervalMs: number): Range[] {
  if (intervalMs <= 0 || range.end - range.start <= intervalMs) return [range];
  const parts: Range[] = [];
  let cur = range.start;
  while (cur <= range.end) {
    const boundary = (Math.floor(cur / intervalMs) + 1) * intervalMs;
    const lastBefore = Math.floor((boundary - 1) / stepMs) * stepMs;
    const end = Math.min(range.end, Math.max(cur, lastBefore));
    parts.push({ start: cur, end });
    cur = end + stepMs;
  }
  return parts;
}

const tsMs = (t: number) => Math.round(t * 1000);

/** Prometheus's labels.Compare: pairwise by name then value (labels sorted by name), then by length. */
export function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const ea = Object.entries(a).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const eb = Object.entries(b).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) {
    const [na, va] = ea[i]!;
    const [nb, vb] = eb[i]!;
    if (na !== nb) return na < nb ? -1 : 1;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ea.length - eb.length;
}

export function seriesKey(metric: Record<string, string>): string {
  return JSON.stringify(Object.entries(metric).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

function unionPoints<T>(lists: (readonly [number, T][] | undefined)[]): [number, T][] | undefined {
  const present = lists.filter((l): l is readonly [number, T][] => l !== undefined && l.length > 0);
  if (present.length === 0) return undefined;
  // The usual case (cached extents and a newer tail): lists that follow each other in time. Their
  // concatenation is the union; checked point by point, else the general merge below.
  const ordered = present.length === 1 ? present : [...present].sort((a, b) => tsMs(a[0]![0]) - tsMs(b[0]![0]));
  const out: [number, T][] = [];
  let last = -Infinity;
  let inOrder = true;
  for (const list of ordered) {
    for (const p of list) {
      const t = tsMs(p[0]);
      if (!(t > last)) {
        inOrder = false;
        break;
      }
      last = t;
      // Points are never mutated once parsed (cache entries share them already): no copy.
      out.push(p as [number, T]);
    }
    if (!inOrder) break;
  }
  if (inOrder) return out;
  const byTs = new Map<number, [number, T]>();
  for (const list of present) for (const p of list) byTs.set(tsMs(p[0]), [p[0], p[1]]);
  return [...byTs.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

/** Merges matrix results of disjoint or overlapping ranges: one series per label set, points by time, Prometheus's series order. */
export function mergeSeries(parts: readonly (readonly MatrixSeries[])[]): MatrixSeries[] {
  const grouped = new Map<string, MatrixSeries[]>();
  for (const part of parts) {
    for (const s of part) {
      const key = seriesKey(s.metric);
      const list = grouped.get(key);
      if (list) list.push(s);
      else grouped.set(key, [s]);
    }
  }
  const out: MatrixSeries[] = [];
  for (const list of grouped.values()) {
    if (list.length === 1) {
      out.push(list[0]!);
      continue;
    }
    const merged: MatrixSeries = { metric: list[0]!.metric };
    const values = unionPoints(list.map((s) => s.values));
    const histograms = unionPoints(list.map((s) => s.histograms));
    if (values) merged.values = values;
    if (histograms) merged.histograms = histograms;
    out.push(merged);
  }
  return out.sort((a, b) => compareLabels(a.metric, b.metric));
}

/** The points of `series` inside [start, end]; series left without points are dropped (as Prometheus omits them). */
export function sliceSeries(series: readonly MatrixSeries[], range: Range): MatrixSeries[] {
  const out: MatrixSeries[] = [];
  const inside = (p: readonly [number, unknown]) => {
    const t = tsMs(p[0]);
    return t >= range.start && t <= range.end;
  };
  for (const s of series) {
    const values = s.values?.filter(inside);
    const histograms = s.histograms?.filter(inside);
    if (!values?.length && !histograms?.length) continue;
    const sliced: MatrixSeries = { metric: s.metric };
    if (values?.length) sliced.values = values;
    if (histograms?.length) sliced.histograms = histograms;
    out.push(sliced);
  }
  return out;
}

/** Adds an extent to a sorted, disjoint list, merging it with every extent it overlaps or touches. */
export function insertExtent(extents: readonly Extent[], add: Extent, stepMs: number): Extent[] {
  const out: Extent[] = [];
  let cur = add;
  for (const ext of extents) {
    if (ext.end + stepMs < cur.start || ext.start > cur.end + stepMs) {
      out.push(ext);
      continue;
    }
    cur = {
      start: Math.min(ext.start, cur.start),
      end: Math.max(ext.end, cur.end),
      series: mergeSeries([ext.series, cur.series]),
    };
  }
  out.push(cur);
  return out.sort((a, b) => a.start - b.start);
}

/** Number of points (float and histogram) in a matrix. */
export function countSamples(series: readonly MatrixSeries[]): number {
  let n = 0;
  for (const s of series) n += (s.values?.length ?? 0) + (s.histograms?.length ?? 0);
  return n;
}

/** A rough size in bytes of what an extent holds in memory (for the cache's byte bound). */
export function estimateBytes(series: readonly MatrixSeries[]): number {
  let bytes = 0;
  for (const s of series) {
    bytes += 64;
    for (const [k, v] of Object.entries(s.metric)) bytes += 2 * (k.length + v.length) + 32;
    for (const [, v] of s.values ?? []) bytes += 48 + 2 * v.length;
    for (const [, h] of s.histograms ?? []) bytes += 48 + 2 * JSON.stringify(h).length;
  }
  return bytes;
}
