import type { LabelSet } from "@/lib/promql/types";
import { frameSchema, type Frame, type FrameValue } from "./schema";

/** One series as columns: x in epoch ms, y with NaN where nothing is drawn (no sample, NaN, ±Inf). */
export interface ColumnSeries {
  labels: LabelSet;
  x: Float64Array;
  y: Float64Array;
}

/** A decoded frame: what a panel draws. `width` is set when the server applied M4. */
export interface FramesData {
  resultType: "frames";
  width?: number;
  series: ColumnSeries[];
}

const numberOf = (v: FrameValue | undefined): number => (typeof v === "number" ? v : Number.NaN);

/**
 * Frame → columns. Series without `idx` share one timestamp array (the grid); M4-reduced series
 * get their own from the delta-encoded grid indices.
 */
export function decodeFrame(frame: Frame): FramesData {
  let grid: Float64Array | undefined;
  const series = frame.series.map((s): ColumnSeries => {
    const n = s.values.length;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = numberOf(s.values[i]);
    if (s.idx === undefined) {
      if (!grid) {
        grid = new Float64Array(frame.count);
        for (let i = 0; i < frame.count; i++) grid[i] = frame.startMs + i * frame.stepMs;
      }
      return { labels: s.labels, x: n === grid.length ? grid : grid.subarray(0, n), y };
    }
    const x = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      k += Number(s.idx[i]);
      x[i] = frame.startMs + k * frame.stepMs;
    }
    return { labels: s.labels, x, y };
  });
  return { resultType: "frames", ...(frame.width !== undefined ? { width: frame.width } : {}), series };
}

/** Whether the envelope's data is a frame (the proxy falls back to Prometheus's matrix when it cannot encode one). */
export function isFrame(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { encoding?: unknown }).encoding !== undefined;
}

/** Parses and decodes frame data, or returns a reason naming what was wrong. */
export function parseFrame(data: unknown): { frame: FramesData } | { reason: string } {
  const parsed = frameSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: issue ? `${issue.path.map(String).join(".")}: ${issue.message}` : "not a frame" };
  }
  return { frame: decodeFrame(parsed.data) };
}

/** The ArrayBuffers behind a frame's columns, once each (a worker transfers them instead of copying). */
export function frameBuffers(frame: FramesData): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const s of frame.series) {
    set.add(s.x.buffer as ArrayBuffer);
    set.add(s.y.buffer as ArrayBuffer);
  }
  return [...set];
}
