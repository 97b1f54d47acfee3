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

/** Where the x axis lies on the canvas, in CSS px: the pixel of the range's start and its length. */
export interface PlotArea {
  leftPx: number;
  widthPx: number;
}

/** M4's column grid: `columns` buckets of equal time over [x0, x1]. */
export interface PixelGrid {
  x0: number;
  x1: number;
  columns: number;
}

/**
 * The canvas's own device-pixel columns under the plot, as a time grid for M4. ECharts maps
 * [startMs, endMs] linearly onto [leftPx, leftPx + widthPx] and the canvas has `pixelRatio` device
 * pixels per CSS px; the grid starts and ends on device-pixel edges, so each M4 bucket is exactly one
 * column of the canvas (a plot starting at 52.5 CSS px on a 2× screen starts mid-column otherwise).
 */
export function pixelGrid(startMs: number, endMs: number, plot: PlotArea, pixelRatio: number): PixelGrid {
  const left = plot.leftPx * pixelRatio;
  const right = (plot.leftPx + plot.widthPx) * pixelRatio;
  const first = Math.floor(left);
  // Up to and including the column the range's end falls in (on an edge it starts the next one).
  const columns = Math.max(1, Math.floor(right) - first + 1);
  if (!(right > left) || !(endMs > startMs)) return { x0: startMs, x1: endMs, columns };
  const msPerDevicePx = (endMs - startMs) / (right - left);
  const x0 = startMs - (left - first) * msPerDevicePx;
  return { x0, x1: x0 + columns * msPerDevicePx, columns };
}

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
