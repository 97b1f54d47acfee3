// Two places where ECharts' line drawing drops vertices, both turned off here so that a line inks
// each pixel column exactly where its points are (e2e/m4-ink.spec.ts measures it on Chromium):
//
// 1. ECharts builds line paths with `segmentIgnoreThreshold: 2` (echarts lib/chart/line/LineView.js),
//    and zrender's PathProxy then skips every `lineTo` that moves 2 px or less on both axes from the
//    last drawn point, keeping only the farthest such point, and dropping it as soon as a later point
//    moves further. A line of 80+ points per pixel loses most of its vertices: spikes under 2 px
//    vanish and each pixel column's drawn extremes are off by up to 2 px.
// 2. ECharts' polyline (echarts lib/chart/line/poly.js, `drawSegment`) skips every point within
//    0.71 px (dx² + dy² < 0.5) of the last drawn one ("Ignore tiny segment"). That moves no vertex by
//    more than 0.71 px, but it moves where the *next* segment starts: when an M4 bucket's last point
//    lies within 0.71 px of its max (or min), the line to the next column's first point starts from
//    the max instead, up to 0.71 px further left, and a steep segment that belonged to the column
//    boundary then crosses the column's pixel centres: 5–10 px of ink the raw line does not have
//    (measured with anti-aliasing off in e2e/m4-ink.spec.ts before this patch: ~1 % of columns).
//
// Our series reach ECharts already M4-reduced to at most 4 points per pixel column, so neither
// thinning saves much, and both cost exactness. There are no ECharts options for them, hence these
// patches of zrender's one entry point for the threshold and of ECharts' polyline path builder
// (straight lines only: smoothed lines keep ECharts' own builder).
import PathProxy from "zrender/lib/core/PathProxy.js";
import { ECPolyline } from "echarts/lib/chart/line/poly.js";

let done = false;

interface PolylineShape {
  points: ArrayLike<number>;
  smooth?: number;
  connectNulls?: boolean;
}

interface PathContext {
  moveTo(x: number, y: number): unknown;
  lineTo(x: number, y: number): unknown;
}

/**
 * A straight polyline through every drawable point of `points` (`[x0, y0, x1, y1, …]`); a point
 * with a non-finite coordinate breaks the line (or is skipped with `connectNulls`), as ECharts does.
 */
export function buildExactPolyline(ctx: PathContext, shape: PolylineShape): void {
  const { points } = shape;
  const n = Math.floor(points.length / 2);
  let drawing = false;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (!shape.connectNulls) drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(x, y);
    else {
      ctx.moveTo(x, y);
      drawing = true;
    }
  }
}

/** Makes line series draw every vertex of every path (idempotent; call before the first chart draws). */
export function drawEveryLineVertex(): void {
  if (done) return;
  done = true;
  const setScale = PathProxy.prototype.setScale;
  PathProxy.prototype.setScale = function (this: PathProxy, sx: number, sy: number) {
    setScale.call(this, sx, sy, 0);
  };
  const proto = (ECPolyline as { prototype: { buildPath: (ctx: PathContext, shape: PolylineShape) => void } }).prototype;
  const buildPath = proto.buildPath;
  proto.buildPath = function (this: unknown, ctx: PathContext, shape: PolylineShape) {
    if ((shape.smooth ?? 0) > 0) return buildPath.call(this, ctx, shape);
    buildExactPolyline(ctx, shape);
  };
}
