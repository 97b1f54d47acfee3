import { m4Indices } from "@/lib/charts/m4";
import { FRAMES_ENCODING, type Frame, type FrameSeries, type FrameValue } from "./schema";

/** One matrix series as Prometheus sends it (the query layer's cache keeps this shape). */
export interface PromMatrixSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  histograms?: [number, unknown][];
}

export interface EncodeOptions {
  /** The query's step in ms: the grid every sample sits on. */
  stepMs: number;
  /** With `width`, M4 per series for a plot of `width` pixel columns over [fromMs, toMs]. */
  width?: number;
  fromMs?: number;
  toMs?: number;
}

/** Prometheus's value text as a frame value: a number, or the text JSON cannot carry. */
export function frameValue(text: string): FrameValue {
  const n = Number(text);
  if (Number.isFinite(n)) return n;
  if (text === "+Inf" || text === "Inf") return "+Inf";
  if (text === "-Inf") return "-Inf";
  return "NaN";
}

const drawable = (v: FrameValue): number | null => (typeof v === "number" ? v : null);

/**
 * Encodes a query_range matrix as a frame. Returns null when it cannot be one exactly (native
 * histograms, or a timestamp off the step grid): the caller then answers in Prometheus's format.
 */
export function encodeFrame(result: readonly PromMatrixSeries[], opts: EncodeOptions): Frame | null {
  const { stepMs } = opts;
  if (!(stepMs > 0)) return null;
  let startMs = Infinity;
  for (const s of result) {
    if (s.histograms?.length) return null;
    const first = s.values?.[0];
    if (first) startMs = Math.min(startMs, Math.round(first[0] * 1000));
  }
  if (startMs === Infinity) startMs = opts.fromMs !== undefined ? Math.round(opts.fromMs) : 0;
  // Grid index per sample; every sample of a range query sits on start + k * step.
  let count = 0;
  const indexed: Array<{ idx: Int32Array; vals: FrameValue[] }> = [];
  for (const s of result) {
    const values = s.values ?? [];
    const idx = new Int32Array(values.length);
    const vals = new Array<FrameValue>(values.length);
    for (let i = 0; i < values.length; i++) {
      const [t, v] = values[i]!;
      const k = (Math.round(t * 1000) - startMs) / stepMs;
      if (!Number.isInteger(k) || (i > 0 && k <= idx[i - 1]!)) return null;
      idx[i] = k;
      vals[i] = frameValue(v);
    }
    if (values.length) count = Math.max(count, idx[values.length - 1]! + 1);
    indexed.push({ idx, vals });
  }
  const reduce = opts.width !== undefined && opts.width > 0;
  const series = result.map((s, n): FrameSeries => {
    const { idx, vals } = indexed[n]!;
    if (!reduce) {
      const dense = new Array<FrameValue>(count).fill(null);
      for (let i = 0; i < idx.length; i++) dense[idx[i]!] = vals[i]!;
      return { labels: s.metric, values: dense };
    }
    return { labels: s.metric, ...reduceSeries(idx, vals, startMs, opts) };
  });
  return {
    encoding: FRAMES_ENCODING,
    resultType: "matrix",
    startMs,
    stepMs,
    count,
    ...(reduce ? { width: opts.width, fromMs: opts.fromMs ?? startMs, toMs: opts.toMs ?? startMs + Math.max(0, count - 1) * stepMs } : {}),
    series,
  };
}

/**
 * M4 over one series on the grid. A missing grid point between two samples is a gap (the line
 * breaks there, as lib/panels/panel-data.ts draws it), so the series is first laid on its grid span.
 */
function reduceSeries(idx: Int32Array, vals: readonly FrameValue[], startMs: number, opts: EncodeOptions): Pick<FrameSeries, "values" | "idx"> {
  if (idx.length === 0) return { values: [], idx: [] };
  const first = idx[0]!;
  const span = idx[idx.length - 1]! - first + 1;
  const x = new Float64Array(span);
  const y = new Array<number | null>(span).fill(null);
  const raw = new Array<FrameValue>(span).fill(null);
  for (let i = 0; i < span; i++) x[i] = startMs + (first + i) * opts.stepMs;
  for (let i = 0; i < idx.length; i++) {
    const at = idx[i]! - first;
    raw[at] = vals[i]!;
    y[at] = drawable(vals[i]!);
  }
  const fromMs = opts.fromMs ?? x[0]!;
  const toMs = opts.toMs ?? x[span - 1]!;
  const keep = m4Indices(x, y, fromMs, toMs, opts.width!);
  const values = new Array<FrameValue>(keep.length);
  const deltas = new Array<number>(keep.length);
  let prev = 0;
  for (let k = 0; k < keep.length; k++) {
    const at = keep[k]!;
    values[k] = raw[at]!;
    deltas[k] = first + at - prev;
    prev = first + at;
  }
  return { values, idx: deltas };
}
