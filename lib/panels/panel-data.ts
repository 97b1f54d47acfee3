import type { ColumnSeries, FramesData } from "@/lib/promql/frames/decode";
import type { LabelSet, MatrixSeries, QueryData, SamplePair } from "@/lib/promql/types";
import { parseSampleValue } from "@/lib/promql/series";
import { formatLegend } from "./legend-format";

/** `[epochMs, value]`; null is a gap (no sample at that step, or NaN/±Inf) and is drawn as one. */
export type PanelPoint = [number, number | null];

/** One series of a range query, named by its target's legend format. */
export interface PanelSeries {
  refId: string;
  name: string;
  labels: LabelSet;
  points: PanelPoint[];
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

function inferStepMs(values: readonly SamplePair[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < values.length; i++) {
    const delta = toMs(values[i]![0]) - toMs(values[i - 1]![0]);
    if (delta > 0 && (step === undefined || delta < step)) step = delta;
  }
  return step;
}

/**
 * Samples as points, with a null after each hole: a range query returns one sample per step while
 * a series exists, so a jump of more than a step means it was absent, and the line must break.
 */
export function samplesToPoints(values: readonly SamplePair[], stepMs?: number): PanelPoint[] {
  const step = stepMs ?? inferStepMs(values);
  // Half a step of slack absorbs float noise in Prometheus's timestamps.
  const maxGapMs = step === undefined ? Infinity : step * 1.5;
  const points: PanelPoint[] = [];
  let previousMs: number | null = null;
  for (const [timeS, value] of values) {
    const timeMs = toMs(timeS);
    if (previousMs !== null && step !== undefined && timeMs - previousMs > maxGapMs) points.push([previousMs + step, null]);
    points.push([timeMs, parseSampleValue(value)]);
    previousMs = timeMs;
  }
  return points;
}

/**
 * Columns as points: NaN (no sample, NaN or ±Inf) becomes one null per run, so the line breaks
 * there as it does for a matrix with a hole.
 */
export function columnsToPoints(x: ArrayLike<number>, y: ArrayLike<number>): PanelPoint[] {
  const points: PanelPoint[] = [];
  let gap = false;
  for (let i = 0; i < x.length; i++) {
    const v = y[i]!;
    if (Number.isFinite(v)) {
      points.push([x[i]!, v]);
      gap = false;
    } else if (!gap && points.length > 0) {
      points.push([x[i]!, null]);
      gap = true;
    }
  }
  if (gap) points.pop();
  return points;
}

function columnSeries(refId: string, legendFormat: string, s: ColumnSeries): PanelSeries {
  return { refId, name: formatLegend(legendFormat, s.labels), labels: s.labels, points: columnsToPoints(s.x, s.y) };
}

function matrixSeries(refId: string, legendFormat: string, series: MatrixSeries, stepMs?: number): PanelSeries {
  return { refId, name: formatLegend(legendFormat, series.metric), labels: series.metric, points: samplesToPoints(series.values ?? [], stepMs) };
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
        for (const s of result.series) data.series.push(columnSeries(refId, legendFormat, s));
        break;
      case "matrix":
        for (const s of result.result) data.series.push(matrixSeries(refId, legendFormat, s, stepMs));
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
