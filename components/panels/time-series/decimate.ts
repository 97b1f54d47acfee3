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

/**
 * The points ECharts gets: M4 for `widthPx` pixel columns over the panel's time range when a series
 * has more than 4 points per column (e.g. an answer that was not reduced by the server), else as is.
 */
export function decimatePoints(points: PanelPoint[], widthPx: number, startMs: number, endMs: number): { points: PanelPoint[]; reduced: boolean } {
  if (!needsM4(points.length, widthPx)) return { points, reduced: false };
  const x = new Float64Array(points.length);
  const y = new Array<number | null>(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = points[i]![0];
    y[i] = points[i]![1];
  }
  const r = m4({ x, y }, startMs, endMs, widthPx);
  return { points: r.x.map((t, i): PanelPoint => [t, r.y[i]!]), reduced: true };
}
