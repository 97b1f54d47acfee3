import { interleave, m4Indices, needsM4 } from "@/lib/charts/m4";
import type { Samples } from "@/lib/panels/samples";
import type { TimeSeriesOptions } from "./to-chart-option";

// Legend calcs M4 keeps exact (each column's first, last, min and max survive); mean and total do not.
const M4_EXACT_CALCS = new Set(["min", "max", "last"]);

/**
 * Whether this panel may draw M4-reduced series: plain lines only (stacks need every series on one
 * time grid; bars and points show each sample), and legend calcs that M4 keeps exact.
 */
export function drawsM4(options: TimeSeriesOptions): boolean {
  return options.drawStyle === "line" && options.stacking === "none" && options.legend.calcs.every((c) => M4_EXACT_CALCS.has(c));
}

/**
 * Whether M4 over `columns` pixel columns would reduce one of the visible series (an upper bound:
 * it counts gaps as points). When it would not, every line is drawn as it is, whatever the grid.
 */
export function plotMatters(series: readonly { key: string; samples: Pick<Samples, "length"> }[], hidden: ReadonlySet<string>, options: TimeSeriesOptions, columns: number): boolean {
  return drawsM4(options) && series.some((s) => !hidden.has(s.key) && needsM4(s.samples.length, columns));
}

// The chart's pixel-column grid lives in lib/charts (the server's M4 uses the same grid).
export { pixelGrid, type PixelGrid, type PlotArea } from "@/lib/charts/pixel-grid";
import type { PixelGrid } from "@/lib/charts/pixel-grid";

/**
 * One line's ECharts input, `[t0, v0, t1, v1, …]` with NaN for a gap (a typed-array source: ECharts
 * builds no object per point from it; `seriesOption` names its dimensions): M4 over the grid's pixel
 * columns when `reduce` and the series has more than 4 points per column, else every point.
 */
export function lineData(samples: Samples, grid: PixelGrid, reduce: boolean): { data: Float64Array; reduced: boolean } {
  // The held columns themselves when nothing needs breaking (interleave and M4 only read them).
  const { x, y } = samples.drawnColumns();
  const n = x.length;
  if (!reduce || !needsM4(n, grid.columns)) return { data: interleave({ x, y }), reduced: false };
  return { data: interleave({ x, y }, m4Indices(x, y, grid.x0, grid.x1, grid.columns)), reduced: true };
}
