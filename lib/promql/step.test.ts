import { describe, expect, it } from "vitest";
import { clampStepSeconds, MAX_POINTS_PER_SERIES, minStepSeconds, stepForWidth } from "./step";

describe("clampStepSeconds", () => {
  it.each([
    // [start, end, requested step, expected]
    [0, 3600, 15, 15], // 240 points: untouched
    [0, 11_000, 1, 1], // exactly 11,000 points is allowed
    [0, 11_001, 1, 1.001], // one more second needs a larger step, rounded up to whole ms
    [0, 7 * 86_400, 15, 54.982], // 7 days at 15 s would be 40,320 points
    [0, 7 * 86_400, 60, 60], // 7 days at 60 s is fine
    [100, 100, 0.001, 0.001], // empty range
  ])("range %d..%d step %d -> %d", (start, end, step, expected) => {
    const used = clampStepSeconds(start, end, step);
    expect(used).toBe(expected);
    expect((end - start) / used).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it("never exceeds the limit for awkward ranges", () => {
    for (const range of [1, 7, 11_003, 86_399, 604_801, 31_536_000]) {
      expect(range / clampStepSeconds(0, range, 0.001)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    }
  });

  it("minStepSeconds is range / 11000", () => {
    expect(minStepSeconds(0, 22_000)).toBe(2);
    expect(minStepSeconds(10, 5)).toBe(0);
  });
});

describe("stepForWidth", () => {
  it.each([
    [3600, 1200, 1, 3], // 1 h over 1200 px: 3 s
    [3600, 1200, 15, 15], // never finer than the scrape interval
    [21_600, 1000, 1, 22], // 6 h over 1000 px: 21.6 s rounded up
    [60, 1200, 0.01, 0.05], // sub-second steps keep millisecond precision
    [365 * 86_400, 20_000, 1, 2867], // the point limit wins over the width
  ])("range %d over %d px (min %d) -> %d", (range, width, min, expected) => {
    expect(stepForWidth(range, width, min)).toBe(expected);
  });
});
