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
 *
 * When `x` is in time order (the usual case) the pixel columns are found once per x array by binary
 * search (`columnStarts`, remembered per array: series on one step grid share it, so a panel of 10
 * series pays it once) and the scan reads only `y`; otherwise (`x` out of order or NaN) the columns are
 * computed point by point (`m4IndicesScan`). Both give the same indices.
 */
export function m4Indices(x: ArrayLike<number>, y: ArrayLike<number | null>, x0: number, x1: number, width: number): number[] {
  const w = Math.max(1, Math.floor(width));
  const n = Math.min(x.length, y.length);
  const starts = cachedColumnStarts(x, x0, x1, w);
  if (starts === null) return m4IndicesScan(x, y, x0, x1, width);
  return m4OnColumns(y, n, starts);
}

/**
 * Where each pixel column's points start in a time-ordered `x`: `starts[c + 1]` is the first index
 * whose `pixelColumn` is ≥ c, for c = -1 (left of the range) … width (right of it), and
 * `starts[width + 2] = x.length`. `null` when `x` is not in time order (or holds NaN). `pixelColumn` is
 * monotone in x (a subtraction, a division and a product by positive numbers round monotonically),
 * so a binary search per column finds exactly the indices the point-by-point scan would.
 */
export function columnStarts(x: ArrayLike<number>, x0: number, x1: number, width: number): Int32Array | null {
  const w = Math.max(1, Math.floor(width));
  const n = x.length;
  for (let i = 1; i < n; i++) if (!(x[i]! >= x[i - 1]!)) return null;
  if (n > 0 && Number.isNaN(x[0]!)) return null;
  const starts = new Int32Array(w + 3);
  starts[w + 2] = n;
  let lo = 0;
  for (let c = 0; c <= w; c++) {
    // First index at or after the previous column's start whose column is ≥ c.
    let a = lo;
    let b = n;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (pixelColumn(x[mid]!, x0, x1, w) >= c) b = mid;
      else a = mid + 1;
    }
    starts[c + 1] = a;
    lo = a;
  }
  return starts;
}

// Column starts per x array, for the last range and width asked: the panels' series on one step grid
// share one timestamp array. Held arrays never change after they are built (lib/panels/samples.ts);
// the length and end points are checked anyway.
const startsCache = new WeakMap<object, { x0: number; x1: number; w: number; n: number; first: number; last: number; starts: Int32Array | null }>();

function cachedColumnStarts(x: ArrayLike<number>, x0: number, x1: number, w: number): Int32Array | null {
  const n = x.length;
  const first = n > 0 ? x[0]! : 0;
  const last = n > 0 ? x[n - 1]! : 0;
  const hit = startsCache.get(x);
  if (hit && hit.x0 === x0 && hit.x1 === x1 && hit.w === w && hit.n === n && Object.is(hit.first, first) && Object.is(hit.last, last)) return hit.starts;
  const starts = columnStarts(x, x0, x1, w);
  startsCache.set(x, { x0, x1, w, n, first, last, starts });
  return starts;
}

/** One bucket's kept points in time order, each once (first ≤ min, max ≤ last). */
function pushBucket(out: number[], first: number, min: number, max: number, last: number): void {
  const a = min < max ? min : max;
  const b = min < max ? max : min;
  out.push(first);
  if (a !== first) out.push(a);
  if (b !== a) out.push(b);
  if (last !== b) out.push(last);
}

/** The M4 scan over known column starts (see `columnStarts`): reads only `y`. */
function m4OnColumns(y: ArrayLike<number | null>, n: number, starts: Int32Array): number[] {
  const out: number[] = [];
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let minV = 0;
  let maxV = 0;
  let pendingGap = -1;
  const columns = starts.length - 1;
  for (let k = 0; k < columns; k++) {
    // A new column: the previous column's run ends here (the scan flushes at its next drawable point,
    // or at a gap: the same output).
    if (first >= 0) {
      pushBucket(out, first, min, max, last);
      first = -1;
    }
    const end = Math.min(starts[k + 1]!, n);
    for (let i = starts[k]!; i < end; i++) {
      const v = y[i] as number;
      // NaN and ±Inf give NaN; null (a JS array's gap) would give 0, hence the second test.
      if (v - v !== 0 || v === null) {
        if (first >= 0) {
          pushBucket(out, first, min, max, last);
          first = -1;
        }
        if (pendingGap < 0 && out.length > 0) pendingGap = i;
        continue;
      }
      if (pendingGap >= 0) {
        out.push(pendingGap);
        pendingGap = -1;
      }
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
  }
  if (first >= 0) {
    pushBucket(out, first, min, max, last);
  }
  return out;
}

/** `m4Indices` computing each point's column as it goes: for any `x`, in time order or not. */
export function m4IndicesScan(x: ArrayLike<number>, y: ArrayLike<number | null>, x0: number, x1: number, width: number): number[] {
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
    pushBucket(out, first, min, max, last);
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
