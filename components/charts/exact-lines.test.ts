import { describe, expect, it } from "vitest";
import { buildExactPolyline } from "./exact-lines";

function record(points: number[], connectNulls = false): string[] {
  const out: string[] = [];
  buildExactPolyline({ moveTo: (x, y) => out.push(`M${x},${y}`), lineTo: (x, y) => out.push(`L${x},${y}`) }, { points, connectNulls });
  return out;
}

describe("buildExactPolyline (ECharts' polyline without its tiny-segment skipping)", () => {
  it("draws every vertex, however close to the previous one (ECharts skips those within 0.71 px)", () => {
    // An M4 bucket: first, min, max, last within a pixel; the last 0.3 px from the max.
    expect(record([10, 50, 10.2, 80, 10.5, 20, 10.6, 20.3, 11, 40])).toEqual(["M10,50", "L10.2,80", "L10.5,20", "L10.6,20.3", "L11,40"]);
  });

  it("breaks the line at a point with a non-finite coordinate, as ECharts does, or skips it with connectNulls", () => {
    const pts = [0, 1, 1, 2, Number.NaN, Number.NaN, 2, 3, 3, 4, 4, Number.POSITIVE_INFINITY, 5, 5];
    expect(record(pts)).toEqual(["M0,1", "L1,2", "M2,3", "L3,4", "M5,5"]);
    expect(record(pts, true)).toEqual(["M0,1", "L1,2", "L2,3", "L3,4", "L5,5"]);
  });

  it("draws nothing but a move for a lone point", () => {
    expect(record([3, 4])).toEqual(["M3,4"]);
  });
});
