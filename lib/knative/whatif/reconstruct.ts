import { parseSampleValue } from "@/lib/promql/series";
import type { MatrixSeries } from "@/lib/promql/types";

/** Recorded points `[unixSeconds, value]`, ascending, finite values only. */
export type Points = ReadonlyArray<readonly [number, number]>;

/** One value per whole second from `startS` to `endS` inclusive, and how many seconds had no data. */
export interface PerSecond {
  values: number[];
  /** Seconds with no recorded point within `maxGapS` (their value is `missingValue`). */
  missing: number;
}

/**
 * The points of a `max by (revision labels)` query (one series; if an upgrade left several, the
 * first). NaN/±Inf samples are dropped: they are not data.
 */
export function pointsFromMatrix(result: readonly MatrixSeries[]): Points {
  const series = result[0];
  const points: Array<[number, number]> = [];
  for (const [timeS, text] of series?.values ?? []) {
    const value = parseSampleValue(text);
    if (value !== null) points.push([timeS, value]);
  }
  return points;
}

export interface ResampleOptions {
  /** Two points further apart than this mean the series was absent in between (default 1.5 × step). */
  maxGapS: number;
  /** "linear" for averages (interpolate between points), "hold" for counts (last value holds). */
  mode: "linear" | "hold";
  /** Read the signal `shiftS` seconds later (linear only): assigns a trailing average to its window's middle. */
  shiftS?: number;
  /** Value of a second with no data (default 0; NaN for "unknown"). */
  missingValue?: number;
}

function interpolate(a: readonly [number, number], b: readonly [number, number], t: number): number {
  const span = b[0] - a[0];
  return span <= 0 ? b[1] : a[1] + ((b[1] - a[1]) * (t - a[0])) / span;
}

/**
 * Resamples recorded points to one value per second over [startS, endS]. A second whose
 * neighbouring points are more than `maxGapS` apart (or that lies more than `maxGapS` outside the
 * recorded span) has no data: it counts as missing and gets 0.
 */
export function resamplePerSecond(points: Points, startS: number, endS: number, opts: ResampleOptions): PerSecond {
  const first = Math.ceil(startS);
  const last = Math.floor(endS);
  const values: number[] = [];
  let missing = 0;
  let j = 0; // index of the last point at or before the read time
  const lastPoint = points[points.length - 1];
  for (let t = first; t <= last; t++) {
    let at = opts.mode === "linear" ? t + (opts.shiftS ?? 0) : t;
    // A shifted read past the end keeps the last value while the unshifted second still has data.
    if (lastPoint && at > lastPoint[0] && t <= lastPoint[0] + opts.maxGapS) at = Math.max(t, lastPoint[0]);
    while (j + 1 < points.length && points[j + 1]![0] <= at) j++;
    const a = points[j];
    const b = points[j + 1];
    let value: number | null;
    if (a === undefined) value = null;
    else if (a[0] > at) value = a[0] - at <= opts.maxGapS ? a[1] : null; // before the first point
    else if (b === undefined) value = at - a[0] <= opts.maxGapS ? a[1] : null; // after the last point
    else if (b[0] - a[0] > opts.maxGapS) value = at - a[0] <= opts.maxGapS ? a[1] : null;
    else value = opts.mode === "linear" ? interpolate(a, b, at) : a[1];
    if (value === null) missing++;
    values.push(value ?? opts.missingValue ?? 0);
  }
  return { values, missing };
}

/**
 * Median delay in seconds from a rise of requested pods to ready pods reaching that count, over
 * per-second series (index = second). Rises already covered by ready pods, and rises withdrawn
 * before they were reached, tell nothing about start-up and are skipped. Null when there is none.
 */
export function estimateStartupSeconds(requested: readonly number[], ready: readonly number[], maxDelayS = 600): number | null {
  const delays: number[] = [];
  for (let t = 1; t < requested.length; t++) {
    const want = requested[t]!;
    if (!(want > requested[t - 1]!) || ready[t]! >= want) continue;
    for (let u = t + 1; u < ready.length && u - t <= maxDelayS; u++) {
      if (requested[u]! < want) break;
      if (ready[u]! >= want) {
        delays.push(u - t);
        break;
      }
    }
  }
  if (delays.length === 0) return null;
  delays.sort((x, y) => x - y);
  const mid = delays.length >> 1;
  return delays.length % 2 === 1 ? delays[mid]! : (delays[mid - 1]! + delays[mid]!) / 2;
}
