import type { Reducer } from "@/lib/dashboards/schema/panels";
import { reduceSamples } from "@/lib/panels/reduce";
import type { Samples } from "@/lib/panels/samples";

export type LegendCalc = "min" | "max" | "mean" | "last" | "total";

export const LEGEND_CALC_LABELS: Record<LegendCalc, string> = { min: "Min", max: "Max", mean: "Mean", last: "Last", total: "Total" };

// "Last" skips gaps, like Grafana's "Last *": a trailing NaN sample would otherwise blank it.
const CALC_REDUCER: Record<LegendCalc, Reducer> = { min: "min", max: "max", mean: "mean", last: "lastNotNull", total: "total" };

/** The legend's per-series values, in the order the calcs are listed. */
export function legendStats(samples: Samples, calcs: readonly LegendCalc[]): Array<{ calc: LegendCalc; value: number | null }> {
  return calcs.map((calc) => ({ calc, value: reduceSamples(samples, CALC_REDUCER[calc]) }));
}
