import { describe, expect, it } from "vitest";
import type { MatrixSeries } from "@/lib/promql/types";
import { estimateStartupSeconds, pointsFromMatrix, resamplePerSecond } from "./reconstruct";

describe("pointsFromMatrix", () => {
  it("takes the first series and drops NaN/Inf samples", () => {
    const result: MatrixSeries[] = [
      { metric: {}, values: [[10, "1"], [11, "NaN"], [12, "+Inf"], [13, "4.5"]] },
      { metric: { other: "x" }, values: [[10, "99"]] },
    ];
    expect(pointsFromMatrix(result)).toEqual([[10, 1], [13, 4.5]]);
  });
  it("an empty result has no points", () => {
    expect(pointsFromMatrix([])).toEqual([]);
  });
});

describe("resamplePerSecond", () => {
  const points = [[100, 0], [102, 10], [104, 10], [106, 4]] as const;

  it.each([
    ["linear interpolates between points", { mode: "linear", maxGapS: 3 }, [0, 5, 10, 10, 10, 7, 4]],
    ["hold keeps the last value", { mode: "hold", maxGapS: 3 }, [0, 0, 10, 10, 10, 10, 4]],
    ["a shift reads later values and holds the last at the end", { mode: "linear", maxGapS: 3, shiftS: 2 }, [10, 10, 10, 7, 4, 4, 4]],
  ] as const)("%s", (_name, opts, expected) => {
    expect(resamplePerSecond(points, 100, 106, opts)).toEqual({ values: expected, missing: 0 });
  });

  it("seconds outside the data or inside a gap are missing (0 by default, or missingValue)", () => {
    const gappy = [[10, 5], [11, 5], [20, 7]] as const;
    const r = resamplePerSecond(gappy, 8, 23, { mode: "hold", maxGapS: 1.5 });
    // 8: 2 s before the first point (missing); 9: within 1.5 s (first value); 10-12 held;
    // 13-19: gap; 20-21 held; 22-23 past the end.
    expect(r.values).toEqual([0, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 7, 7, 0, 0]);
    expect(r.missing).toBe(10);
    const nan = resamplePerSecond(gappy, 13, 13, { mode: "hold", maxGapS: 1.5, missingValue: NaN });
    expect(nan.values[0]).toBeNaN();
  });

  it("coarse data (60 s points) is interpolated per second", () => {
    const coarse = [[0, 0], [60, 60]] as const;
    const r = resamplePerSecond(coarse, 0, 60, { mode: "linear", maxGapS: 90 });
    expect(r.values).toHaveLength(61);
    expect(r.values[15]).toBe(15);
    expect(r.values[59]).toBe(59);
  });

  it("fractional range bounds cover whole seconds inside them", () => {
    expect(resamplePerSecond(points, 100.5, 102.5, { mode: "hold", maxGapS: 3 }).values).toEqual([0, 10]);
  });

  it("no points: every second is missing", () => {
    expect(resamplePerSecond([], 0, 4, { mode: "linear", maxGapS: 3 })).toEqual({ values: [0, 0, 0, 0, 0], missing: 5 });
  });
});

describe("estimateStartupSeconds", () => {
  it.each([
    ["one rise reached after 3 s", [0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1], 3],
    ["median of 2, 4 and 10", [1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], [1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4], 4],
    ["rise already covered by ready pods is skipped", [1, 2, 2], [3, 3, 3], null],
    ["rise withdrawn before it was reached is skipped", [0, 2, 2, 0, 0], [0, 0, 0, 0, 0], null],
    ["never reached within the data", [0, 1, 1], [0, 0, 0], null],
    ["even count takes the mean of the middle two", [0, 1, 1, 1, 2, 2, 2, 2, 2], [0, 0, 0, 1, 1, 1, 1, 1, 2], 3],
  ])("%s", (_name, requested, ready, expected) => {
    expect(estimateStartupSeconds(requested, ready)).toBe(expected);
  });
});
