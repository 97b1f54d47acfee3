import type { MatrixSeries } from "@/lib/promql/types";
import { estimateStartupSeconds, pointsFromMatrix, resamplePerSecond, type Points } from "./reconstruct";

/** The recorded series the what-if reads, as range-query results (each a `max by` revision query). */
export interface RecordedMatrices {
  panic: readonly MatrixSeries[];
  panicRps: readonly MatrixSeries[];
  ready: readonly MatrixSeries[];
  panicMode: readonly MatrixSeries[];
  target: readonly MatrixSeries[];
  targetRps: readonly MatrixSeries[];
  requested: readonly MatrixSeries[];
}

export type RecordedMetric = keyof RecordedMatrices;
export const RECORDED_METRICS: readonly RecordedMetric[] = ["panic", "panicRps", "ready", "panicMode", "target", "targetRps", "requested"];

/** A revision's recorded run, one value per second from startS to endS inclusive. */
export interface RecordedRun {
  startS: number;
  endS: number;
  /** Which signal the revision scales on (and so which one `load` is). */
  loadKind: "concurrency" | "rps";
  /** Reconstructed per-second demand: total concurrency (or rps) of the revision. */
  load: number[];
  ready: number[];
  panicMode: number[];
  /** The per-pod target the autoscaler reported (TargetValue), NaN where not recorded. */
  target: number[];
  requested: number[];
  /** Seconds of the range with no recorded demand (treated as no traffic). */
  missingLoadSeconds: number;
  /** Median requested → ready delay seen in the data, or null. */
  estimatedStartupSeconds: number | null;
}

export interface RecordedOptions {
  startS: number;
  endS: number;
  /** The range queries' step. */
  stepS: number;
  /** The revision's scaling metric if known; otherwise whichever series has data (concurrency first). */
  metric?: "concurrency" | "rps";
  /** The revision's panic window in seconds: the recorded averages trail by half of it. */
  panicWindowS: number;
}

function hasPoints(points: Points): boolean {
  return points.length > 0;
}

/**
 * Rebuilds a per-second run from recorded averages (notes §2i, option 2): the panic-window average
 * is the closest recorded thing to the 1-second buckets, so it is interpolated per second and read
 * half a panic window later (a trailing average describes the middle of its window). Pod counts
 * and panic mode hold their last value.
 */
export function recordedRun(m: RecordedMatrices, opts: RecordedOptions): RecordedRun {
  const startS = Math.ceil(opts.startS);
  const endS = Math.floor(opts.endS);
  const maxGapS = Math.max(1.5 * opts.stepS, 2.5);
  const concurrency = pointsFromMatrix(m.panic);
  const rps = pointsFromMatrix(m.panicRps);
  const loadKind = opts.metric ?? (hasPoints(concurrency) || !hasPoints(rps) ? "concurrency" : "rps");
  const loadPoints = loadKind === "rps" ? rps : concurrency;
  const load = resamplePerSecond(loadPoints, startS, endS, { maxGapS, mode: "linear", shiftS: opts.panicWindowS / 2 });
  const hold = (matrix: readonly MatrixSeries[]) =>
    resamplePerSecond(pointsFromMatrix(matrix), startS, endS, { maxGapS, mode: "hold" });
  const targetPoints = pointsFromMatrix(loadKind === "rps" ? m.targetRps : m.target);
  // Unknown target seconds must not read as "target 0" (everything over capacity).
  const target = resamplePerSecond(targetPoints, startS, endS, { maxGapS, mode: "hold", missingValue: NaN });
  const ready = hold(m.ready).values;
  const requested = hold(m.requested).values;
  return {
    startS,
    endS,
    loadKind,
    load: load.values.map((v) => Math.max(0, v)),
    ready,
    panicMode: hold(m.panicMode).values,
    target: target.values,
    requested,
    missingLoadSeconds: load.missing,
    estimatedStartupSeconds: estimateStartupSeconds(requested, ready),
  };
}

