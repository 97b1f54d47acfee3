// ECharts' line series build their path with `segmentIgnoreThreshold: 2` (echarts
// lib/chart/line/LineView.js), and zrender's PathProxy then skips every `lineTo` that moves 2 px or
// less on both axes from the last drawn point, keeping only the farthest such point, and dropping
// it as soon as a later point moves further. A line of 80+ points per pixel loses most of its
// vertices: spikes under 2 px vanish and each pixel column's drawn extremes are off by up to 2 px
// (measured on Chromium, e2e/m4-ink.spec.ts). Our series reach ECharts already M4-reduced to at most
// 4 points per pixel column, so that thinning saves little and only costs exactness: turn it off.
// There is no ECharts option for it, hence this patch of zrender's one entry point for the
// threshold. ECharts' own "Ignore tiny segment" (< 0.71 px, echarts lib/chart/line/poly.js) stays:
// it moves no extreme by more than 0.71 px.
import PathProxy from "zrender/lib/core/PathProxy.js";

let done = false;

/** Makes zrender draw every vertex of every path (idempotent; call before the first chart draws). */
export function drawEveryLineVertex(): void {
  if (done) return;
  done = true;
  const setScale = PathProxy.prototype.setScale;
  PathProxy.prototype.setScale = function (this: PathProxy, sx: number, sy: number) {
    setScale.call(this, sx, sy, 0);
  };
}
