// M4 (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014): per
// pixel column keep the first, last, minimum and maximum point. A line through those points covers,
// in every column, exactly the vertical range the line through all points covers: the segments
// between columns join the same first/last points, and inside a column the path visits its min and max.
// Pure and allocation-light: runs on the server (frames with `width`) and in the browser.

/** A value that draws nothing: null, NaN or ±Inf (the panels draw them as gaps). */
export const isGap = (v: number | null | undefined): boolean => v === null || v === undefined || !Number.isFinite(v);

/**
 * The pixel column of `x` for a plot spanning [x0, x1] over `width` columns. Points left of the range
 * share column -1 and right of it column `width`, so the segments that leave the plot are kept too.
 */
export function pixelColumn(x: number, x0: number, x1: number, width: number): number {
  if (x < x0) return -1;
  if (x > x1) return width;
  if (x1 <= x0) return 0;
  return Math.min(width - 1, Math.floor(((x - x0) / (x1 - x0)) * width));
}

/**
 * M4 over one series in time order: the indices of the points to keep, ascending. Per pixel column
 * and per run of drawable points (a gap starts a new run), the first, minimum, maximum and last
 * point are kept (once each when they coincide); a gap between two runs keeps the index of its first
 * gap value, so a line drawn through the output breaks where the raw line breaks. Consecutive gap
 * values collapse to one; gaps at the very start or end are dropped.
 */
export function m4Indices(x: ArrayLike<number>, y: ArrayLike<number | null>, x0: number, x1: number, width: number): number[] {
  const n = Math.min(x.length, y.length);
  const out: number[] = [];
  const w = Math.max(1, Math.floor(width));
  const span = x1 - x0;
  // The hot loop (1e6 points per panel is common): the column as pixelColumn computes it, the
  // bucket's extremes held as values, no calls per point.
  let col = Number.NaN;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let minV = 0;
  let maxV = 0;
  let pendingGap = -1;
  const flush = () => {
    if (first < 0) return;
    // The four in time order, each once (first ≤ min, max ≤ last).
    const a = min < max ? min : max;
    const b = min < max ? max : min;
    out.push(first);
    if (a !== first) out.push(a);
    if (b !== a) out.push(b);
    if (last !== b) out.push(last);
    first = -1;
  };
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      flush();
      if (pendingGap < 0 && out.length > 0) pendingGap = i;
      continue;
    }
    const xi = x[i]!;
    const c = xi < x0 ? -1 : xi > x1 ? w : span <= 0 ? 0 : Math.min(w - 1, Math.floor(((xi - x0) / span) * w));
    if (pendingGap >= 0) {
      out.push(pendingGap);
      pendingGap = -1;
    } else if (c !== col) {
      flush();
    }
    col = c;
    if (first < 0) {
      first = last = min = max = i;
      minV = maxV = v;
      continue;
    }
    last = i;
    if (v < minV) {
      min = i;
      minV = v;
    }
    if (v > maxV) {
      max = i;
      maxV = v;
    }
  }
  flush();
  return out;
}

/** A series as parallel arrays: x (e.g. epoch ms) and y (null for a gap). */
export interface XYSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
}

/** M4 applied: the kept points as new arrays (see `m4Indices`). */
export function m4(series: XYSeries, x0: number, x1: number, width: number): { x: number[]; y: Array<number | null> } {
  const keep = m4Indices(series.x, series.y, x0, x1, width);
  const x = new Array<number>(keep.length);
  const y = new Array<number | null>(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    x[k] = series.x[i]!;
    const v = series.y[i];
    y[k] = v === undefined || v === null || !Number.isFinite(v) ? null : v;
  }
  return { x, y };
}

/**
 * M4 applied, as one interleaved Float64Array `[x0, y0, x1, y1, …]` with NaN for a gap: the input
 * ECharts takes cheapest (a typed-array source; no array per point to build, walk and collect).
 */
export function m4Interleaved(series: XYSeries, x0: number, x1: number, width: number): Float64Array {
  const keep = m4Indices(series.x, series.y, x0, x1, width);
  return interleave(series, keep);
}

/** The points at `indices` (all when omitted) as `[x0, y0, x1, y1, …]`, NaN for a gap. */
export function interleave(series: XYSeries, indices?: readonly number[]): Float64Array {
  const n = indices ? indices.length : Math.min(series.x.length, series.y.length);
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    const v = series.y[i];
    out[2 * k] = series.x[i]!;
    out[2 * k + 1] = v === undefined || v === null || !Number.isFinite(v) ? Number.NaN : v;
  }
  return out;
}

/** Whether M4 is worth running: more than 4 points per pixel column on average. */
export function needsM4(pointCount: number, width: number): boolean {
  return width > 0 && pointCount > 4 * width;
}
