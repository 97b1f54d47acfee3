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
