import type { ColumnSeries, FramesData } from "@/lib/promql/frames/decode";
import { allGaps, clearGap } from "@/lib/promql/frames/gaps";
import type { LabelSet, MatrixSeries, QueryData, SamplePair } from "@/lib/promql/types";
import { parseSampleValue } from "@/lib/promql/series";
import { formatLegend } from "./legend-format";
import { Samples, type PanelPoint } from "./samples";

export { Samples, type PanelPoint };

/** One series of a range query, named by its target's legend format. */
export interface PanelSeries {
  refId: string;
  name: string;
  labels: LabelSet;
  /** Columns behind an accessor (samples.ts): gaps, NaN, ±Inf and −0 kept apart. */
  samples: Samples;
}

/** One sample of an instant query (vector or scalar). */
export interface PanelInstant {
  refId: string;
  name: string;
  labels: LabelSet;
  value: number | null;
  timeMs: number;
}

/** Everything a panel's targets returned, in target order. */
export interface PanelData {
  series: PanelSeries[];
  instant: PanelInstant[];
}

/** One target's answer, as `buildPanelData` takes it. */
export interface PanelQueryResult {
  refId: string;
  legendFormat: string;
  /** Prometheus's result, or a range query's decoded frames (lib/promql/frames). */
  data: QueryData | FramesData;
  /** The range query's step; without it the step is inferred from the samples. */
  stepMs?: number;
}

export const EMPTY_PANEL_DATA: PanelData = { series: [], instant: [] };

const toMs = (unixSeconds: number) => Math.round(unixSeconds * 1000);

/** A sample value as Prometheus writes it, NaN, ±Inf and −0 kept (parseSampleValue makes them null). */
function sampleNumber(value: string): number {
  if (value === "+Inf" || value === "Inf") return Number.POSITIVE_INFINITY;
  if (value === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(value);
}

// Beyond this many grid points a matrix is not laid on a shared grid (a step far below the samples' spacing).
const MAX_MATRIX_GRID = 1_000_000;

function inferStepMs(times: readonly number[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const delta = times[i]! - times[i - 1]!;
    if (delta > 0 && (step === undefined || delta < step)) step = delta;
  }
  return step;
}

/**
 * One series on its own timestamps: every sample, and one gap entry one step after the last sample
 * before each hole (a jump of more than 1.5 steps: half a step absorbs float noise in Prometheus's
 * timestamps), so the line breaks there.
 */
function ownColumns(labels: LabelSet, values: readonly SamplePair[], stepMs: number | undefined): ColumnSeries {
  const times = values.map(([t]) => toMs(t));
  const step = stepMs ?? inferStepMs(times);
  const maxGapMs = step === undefined ? Infinity : step * 1.5;
  const x: number[] = [];
  const y: number[] = [];
  const gapAt: number[] = [];
  times.forEach((t, i) => {
    const previous = x.at(-1);
    if (previous !== undefined && step !== undefined && t - previous > maxGapMs) {
      gapAt.push(x.length);
      x.push(previous + step);
      y.push(Number.NaN);
    }
    x.push(t);
    y.push(sampleNumber(values[i]![1]));
  });
  let gaps: Uint8Array | null = null;
  if (gapAt.length > 0) {
    gaps = new Uint8Array((x.length + 7) >> 3);
    for (const i of gapAt) gaps[i >> 3] = gaps[i >> 3]! | (1 << (i & 7));
  }
  return { labels, x: Float64Array.from(x), y: Float64Array.from(y), gaps };
}

/**
 * Prometheus's matrix as the same columns frames decode to (decode.ts ColumnSeries): when every
 * sample lies on one step grid (a query_range answer), the series share that grid's timestamp array,
 * missing steps marked as gaps; otherwise (no step, or timestamps off the grid) each series keeps its
 * own timestamps.
 */
export function matrixToColumns(result: readonly MatrixSeries[], stepMs?: number): ColumnSeries[] {
  const all = result.map((s) => ({ labels: s.metric, values: s.values ?? [] }));
  let t0 = Infinity;
  let t1 = -Infinity;
  let onGrid = stepMs !== undefined && Number.isInteger(stepMs) && stepMs > 0;
  for (const s of all) {
    if (s.values.length === 0) continue;
    t0 = Math.min(t0, toMs(s.values[0]![0]));
    t1 = Math.max(t1, toMs(s.values.at(-1)![0]));
  }
  const count = onGrid && t1 >= t0 ? (t1 - t0) / stepMs! + 1 : 0;
  onGrid &&= Number.isInteger(count) && count <= MAX_MATRIX_GRID;
  if (onGrid) {
    // Strictly increasing, each on the grid: else fall back to per-series timestamps.
    outer: for (const s of all) {
      let previous = -1;
      for (const [t] of s.values) {
        const k = (toMs(t) - t0) / stepMs!;
        if (!Number.isInteger(k) || k <= previous) {
          onGrid = false;
          break outer;
        }
        previous = k;
      }
    }
  }
  if (!onGrid) return all.map((s) => ownColumns(s.labels, s.values, stepMs));
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = t0 + i * stepMs!;
  return all.map(({ labels, values }) => {
    if (values.length === count) return { labels, x: grid, y: Float64Array.from(values, ([, v]) => sampleNumber(v)), gaps: null };
    const y = new Float64Array(count).fill(Number.NaN);
    const gaps = allGaps(count);
    for (const [t, v] of values) {
      const k = (toMs(t) - t0) / stepMs!;
      y[k] = sampleNumber(v);
      clearGap(gaps, k);
    }
    return { labels, x: grid, y, gaps };
  });
}

function panelSeries(refId: string, legendFormat: string, s: ColumnSeries): PanelSeries {
  return { refId, name: formatLegend(legendFormat, s.labels), labels: s.labels, samples: Samples.fromColumns(s) };
}

/**
 * Turns the Prometheus results of a panel's targets into its `PanelData`: matrices become series,
 * vectors and scalars become instant samples. String results are not drawable and are skipped.
 */
export function buildPanelData(results: readonly PanelQueryResult[]): PanelData {
  const data: PanelData = { series: [], instant: [] };
  for (const { refId, legendFormat, data: result, stepMs } of results) {
    switch (result.resultType) {
      case "frames":
        for (const s of result.series) data.series.push(panelSeries(refId, legendFormat, s));
        break;
      case "matrix":
        for (const s of matrixToColumns(result.result, stepMs)) data.series.push(panelSeries(refId, legendFormat, s));
        break;
      case "vector":
        for (const sample of result.result) {
          if (!sample.value) continue; // a native histogram sample has no float value to show
          const [timeS, value] = sample.value;
          data.instant.push({ refId, name: formatLegend(legendFormat, sample.metric), labels: sample.metric, value: parseSampleValue(value), timeMs: toMs(timeS) });
        }
        break;
      case "scalar": {
        const [timeS, value] = result.result;
        const name = legendFormat.trim() === "" ? "scalar" : formatLegend(legendFormat, {});
        data.instant.push({ refId, name, labels: {}, value: parseSampleValue(value), timeMs: toMs(timeS) });
        break;
      }
      case "string":
        break;
    }
  }
  return data;
}

/** Whether the panel has nothing to show. */
export function isPanelDataEmpty(data: PanelData): boolean {
  return data.series.length === 0 && data.instant.length === 0;
}
