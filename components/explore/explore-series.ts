import { matrixToColumns } from "@/lib/panels/panel-data";
import { Samples } from "@/lib/panels/samples";
import type { ColumnSeries, FramesData } from "@/lib/promql/frames/decode";
import { formatSeriesName } from "@/lib/promql/series";
import type { LabelSet, MatrixData, MatrixSeries } from "@/lib/promql/types";

/** One series of Explore's graph: its Prometheus-style name and its samples as columns (lib/panels/samples.ts). */
export interface ExploreSeries {
  name: string;
  labels: LabelSet;
  samples: Samples;
}

const fromColumns = (c: ColumnSeries): ExploreSeries => ({ name: formatSeriesName(c.labels), labels: c.labels, samples: Samples.fromColumns(c) });

/**
 * A range query's matrix as the graph's series: the same columns dashboards hold (panel-data.ts
 * matrixToColumns: a missing step is a gap, so the line breaks there; NaN and ±Inf draw nothing).
 */
export function exploreSeries(result: readonly MatrixSeries[], stepS: number): ExploreSeries[] {
  return matrixToColumns(result, Math.round(stepS * 1000)).map(fromColumns);
}

/** The graph's series from a frames request's answer: its columns (M4-reduced by the server), or the matrix the proxy fell back to. */
export function exploreSeriesOf(data: FramesData | MatrixData, stepS: number): ExploreSeries[] {
  return data.resultType === "frames" ? data.series.map(fromColumns) : exploreSeries(data.result, stepS);
}
