import { m4, needsM4 } from "@/lib/charts/m4";
import type { PanelPoint } from "@/lib/panels/panel-data";
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
 * The points ECharts gets: M4 over the grid's pixel columns when a series has more than 4 points per
 * column (e.g. an answer that was not reduced by the server), else as is.
 */
export function decimatePoints(points: PanelPoint[], grid: PixelGrid): { points: PanelPoint[]; reduced: boolean } {
  if (!needsM4(points.length, grid.columns)) return { points, reduced: false };
  const x = new Float64Array(points.length);
  const y = new Array<number | null>(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = points[i]![0];
    y[i] = points[i]![1];
  }
  const r = m4({ x, y }, grid.x0, grid.x1, grid.columns);
  return { points: r.x.map((t, i): PanelPoint => [t, r.y[i]!]), reduced: true };
}
