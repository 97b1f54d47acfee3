import type { LabelSet } from "@/lib/promql/types";
import type { Frame, FrameValue } from "./schema";

// Frame → columns, without the frame's zod schema (decode.ts parses with it): pages that check a
// frame another way (the embed page, components/solo/solo-response.ts) decode it without shipping
// zod (issue 7 B6).

/**
 * One series as columns, the one output of every decoder (JSON frames, binary frames, Prometheus's
 * matrix: lib/panels/panel-data.ts): `x` in epoch ms (one array shared by the series of a step grid),
 * `y` the values as received (NaN, ±Inf, −0 kept), `gaps` a bitmap of the entries without a sample
 * (bit i = byte i >> 3, bit i & 7; null when there are none). Plain typed arrays, so a worker can
 * post them; panels read them through lib/panels/samples.ts.
 */
export interface ColumnSeries {
  labels: LabelSet;
  x: Float64Array;
  y: Float64Array;
  gaps: Uint8Array | null;
}

/** A decoded frame: what a panel draws. `width` is set when the server applied M4. */
export interface FramesData {
  resultType: "frames";
  width?: number;
  series: ColumnSeries[];
}

const numberOf = (v: FrameValue | undefined): number => {
  if (typeof v === "number") return v;
  if (v === "+Inf") return Number.POSITIVE_INFINITY;
  if (v === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number.NaN; // "NaN" (a gap, null, is marked in the bitmap)
};

/** Values and gap bitmap of one frame series: null is a gap; "NaN", "+Inf", "-Inf" are samples. */
function valueColumn(values: readonly FrameValue[]): { y: Float64Array; gaps: Uint8Array | null } {
  const n = values.length;
  const y = new Float64Array(n);
  let gaps: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      gaps ??= new Uint8Array((n + 7) >> 3);
      gaps[i >> 3] = gaps[i >> 3]! | (1 << (i & 7));
      y[i] = Number.NaN;
    } else y[i] = numberOf(v);
  }
  return { y, gaps };
}

/**
 * Frame → columns. Series without `idx` share one timestamp array (the grid); M4-reduced series
 * get their own from the delta-encoded grid indices.
 */
export function decodeFrame(frame: Frame): FramesData {
  let grid: Float64Array | undefined;
  const series = frame.series.map((s): ColumnSeries => {
    const n = s.values.length;
    const { y, gaps } = valueColumn(s.values);
    if (s.idx === undefined) {
      if (!grid) {
        grid = new Float64Array(frame.count);
        for (let i = 0; i < frame.count; i++) grid[i] = frame.startMs + i * frame.stepMs;
      }
      return { labels: s.labels, x: n === grid.length ? grid : grid.subarray(0, n), y, gaps };
    }
    const x = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      k += Number(s.idx[i]);
      x[i] = frame.startMs + k * frame.stepMs;
    }
    return { labels: s.labels, x, y, gaps };
  });
  return { resultType: "frames", ...(frame.width !== undefined ? { width: frame.width } : {}), series };
}

/** Whether the envelope's data is a frame (the proxy falls back to Prometheus's matrix when it cannot encode one). */
export function isFrame(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { encoding?: unknown }).encoding !== undefined;
}
