// The chart's device-pixel columns as a time grid: the buckets of the client's M4 (the time series
// panel) and, sent with the query, of the server's (lib/promql/proxy/frames.ts), so both reduce over
// exactly the same columns.

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

/** The screen's device pixels per CSS px now (1 where there is no window: the server, tests). */
export function devicePixelRatioNow(): number {
  const ratio = typeof window === "undefined" ? 1 : window.devicePixelRatio;
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
}

/** The chart's own grid for [startMs, endMs] once it has drawn (its plot area known), else undefined. */
export function chartGrid(startMs: number, endMs: number, plot: PlotArea | undefined, pixelRatio = devicePixelRatioNow()): PixelGrid | undefined {
  return plot && plot.widthPx > 0 && endMs > startMs ? pixelGrid(startMs, endMs, plot, pixelRatio) : undefined;
}

/** Whether two plot areas are the same place (ECharts reports float pixels; redraws repeat them exactly). */
export function samePlotArea(a: PlotArea | undefined, b: PlotArea | undefined): boolean {
  if (!a || !b) return a === b;
  return Math.abs(a.leftPx - b.leftPx) < 1e-6 && Math.abs(a.widthPx - b.widthPx) < 1e-6;
}

/**
 * What a range query asks the server's M4 for, and the part of its query key naming it: the chart's
 * own grid once it has drawn (so the server's buckets are its pixel columns), else `columns` over the
 * query's range. In the key, a resize re-queries only when the grid itself changes.
 */
export function m4Request(grid: PixelGrid | undefined, columns: number): { m4: PixelGrid | number; key: string } {
  return grid ? { m4: grid, key: `grid:${grid.x0}:${grid.x1}:${grid.columns}` } : { m4: columns, key: `width:${columns}` };
}
