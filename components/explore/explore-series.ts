import { matrixToColumns } from "@/lib/panels/panel-data";
import { Samples } from "@/lib/panels/samples";
import { formatSeriesName } from "@/lib/promql/series";
import type { LabelSet, MatrixSeries } from "@/lib/promql/types";

/** One series of Explore's graph: its Prometheus-style name and its samples as columns (lib/panels/samples.ts). */
export interface ExploreSeries {
  name: string;
  labels: LabelSet;
  samples: Samples;
}

/**
 * A range query's matrix as the graph's series: the same columns dashboards hold (panel-data.ts
 * matrixToColumns: a missing step is a gap, so the line breaks there; NaN and ±Inf draw nothing).
 */
export function exploreSeries(result: readonly MatrixSeries[], stepS: number): ExploreSeries[] {
  return matrixToColumns(result, Math.round(stepS * 1000)).map((c) => ({ name: formatSeriesName(c.labels), labels: c.labels, samples: Samples.fromColumns(c) }));
}
