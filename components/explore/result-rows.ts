import { formatSeriesName } from "@/lib/promql/series";
import type { QueryData } from "@/lib/promql/types";

export interface ResultRow {
  key: string;
  /** Series name as Prometheus prints it, or the result type for scalars and strings. */
  series: string;
  /** Values as Prometheus sent them (strings keep full precision, NaN and ±Inf). */
  values: string[];
}

export interface ResultRows {
  resultType: QueryData["resultType"];
  rows: ResultRow[];
  /** Rows in the result before `limit` cut them. */
  total: number;
}

function histogramSummary(histogram: unknown): string {
  const h = (Array.isArray(histogram) ? histogram[1] : histogram) as { count?: unknown; sum?: unknown } | undefined;
  return `native histogram (count ${String(h?.count ?? "?")}, sum ${String(h?.sum ?? "?")})`;
}

/** Flattens an instant-query result into table rows, as Prometheus's Table tab lists them. */
export function toResultRows(data: QueryData, limit: number): ResultRows {
  switch (data.resultType) {
    case "scalar":
    case "string":
      return { resultType: data.resultType, rows: [{ key: data.resultType, series: data.resultType, values: [data.result[1]] }], total: 1 };
    case "vector":
      return {
        resultType: data.resultType,
        total: data.result.length,
        rows: data.result.slice(0, limit).map((sample, i) => ({
          key: String(i),
          series: formatSeriesName(sample.metric),
          values: [sample.value ? sample.value[1] : histogramSummary(sample.histogram)],
        })),
      };
    case "matrix":
      return {
        resultType: data.resultType,
        total: data.result.length,
        rows: data.result.slice(0, limit).map((series, i) => ({
          key: String(i),
          series: formatSeriesName(series.metric),
          values: [
            ...(series.values ?? []).map(([t, v]) => `${v} @${t}`),
            ...(series.histograms ?? []).map((h) => `${histogramSummary(h)} @${Array.isArray(h) ? String(h[0]) : "?"}`),
          ],
        })),
      };
  }
}
