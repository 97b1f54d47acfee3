import { describe, expect, it } from "vitest";

import { round6, smoothingCoefficient, TimedBuckets } from "./buckets";

function filled(window: number, records: [number, number][]): TimedBuckets {
  const b = new TimedBuckets(window);
  for (const [t, v] of records) b.record(t, v);
  return b;
}

describe("TimedBuckets.linearAverage (hand-computed, window 5 s)", () => {
  it.each<[string, [number, number][], number, number]>([
    ["nothing recorded", [], 10, 0],
    // Partial history: 3 seconds seen, so divide by 3, not 5: (1+2+3)/3 = 2.
    ["partial history divides by seconds seen", [[10, 1], [11, 2], [12, 3]], 12, 2],
    // now is 1 s past the last write: the missing second is left out, still (1+2+3)/3.
    ["a missing recent second is left out", [[10, 1], [11, 2], [12, 3]], 13, 2],
    // Values 1..7 at t=10..16 wrap the 5 ring slots: slots hold 3,4,5,6,7 → 25/5 = 5.
    ["full window after wrap-around", [[10, 1], [11, 2], [12, 3], [13, 4], [14, 5], [15, 6], [16, 7]], 16, 5],
    // At t=18 the slots of 17 and 18 (stale 3 and 4) are subtracted: (25-3-4)/min(7, 5-2) = 18/3 = 6.
    ["stale slots subtracted", [[10, 1], [11, 2], [12, 3], [13, 4], [14, 5], [15, 6], [16, 7]], 18, 6],
    // d = 5 = window: nothing within the window.
    ["a full window since the last write", [[10, 4]], 15, 0],
    // A gap ≥ window restarts: the 5 at t=10 is gone, firstWrite = 15.
    ["gap ≥ window restarts", [[10, 5], [15, 1]], 15, 1],
    // Two records in the same second add up: (2+3)/1 = 5.
    ["records in one second add", [[10, 2], [10, 3]], 10, 5],
    // 2/3 rounded to 6 digits.
    ["round6", [[1, 1], [2, 1], [3, 0]], 3, 0.666667],
    // A zero-filled second in between counts: (4+0+2)/3 = 2.
    ["zeros count", [[10, 4], [11, 0], [12, 2]], 12, 2],
    // Skipped second 11 (no record) is zeroed when 12 is written: (4+0+2)/3 = 2.
    ["a skipped second counts as zero once later seconds arrive", [[10, 4], [12, 2]], 12, 2],
  ])("%s", (_name, records, now, want) => {
    expect(filled(5, records).linearAverage(now)).toBe(want);
  });

  it("drops a record older than a window", () => {
    const b = filled(5, [[20, 1]]);
    b.record(15, 100); // 15 + 5 > 20 is false
    expect(b.linearAverage(20)).toBe(1);
    b.record(16, 3); // within the window: lands in 16's slot and counts from firstWrite 16
    expect(b.linearAverage(20)).toBe(round6(4 / 5));
  });

  it("60 s of a constant averages to the constant, then decays linearly to 0 in 60 s", () => {
    const b = new TimedBuckets(60);
    for (let t = 1000; t < 1060; t++) b.record(t, 10);
    expect(b.linearAverage(1059)).toBe(10);
    for (let t = 1060; t < 1090; t++) b.record(t, 0);
    expect(b.linearAverage(1089)).toBe(5); // 30 tens, 30 zeros
    for (let t = 1090; t < 1119; t++) b.record(t, 0);
    expect(b.linearAverage(1118)).toBe(round6(10 / 60));
    b.record(1119, 0);
    expect(b.linearAverage(1119)).toBe(0);
  });
});

describe("TimedBuckets.isEmpty", () => {
  it.each([
    [10, false],
    [15, false],
    [16, true],
  ])("last write 10, window 5, now %d → %s", (now, want) => {
    expect(filled(5, [[10, 1]]).isEmpty(now)).toBe(want);
  });
  it("is empty before any record", () => expect(new TimedBuckets(5).isEmpty(0)).toBe(true));
});

describe("TimedBuckets.weightedAverage", () => {
  it.each([
    [60, 0.2], // 1 - 0.0001^(1/60) ≈ 0.142, raised to the 0.2 floor
    [6, 1 - Math.pow(1e-4, 1 / 6)], // ≈ 0.7846
  ])("alpha for %d buckets", (n, want) => expect(smoothingCoefficient(n)).toBeCloseTo(want, 12));

  it("a single bucket reads alpha × value, decaying by (1-alpha) per missing second", () => {
    const alpha = 1 - Math.pow(1e-4, 1 / 6);
    const b = filled(6, [[100, 10]]);
    expect(b.weightedAverage(100)).toBeCloseTo(10 * alpha, 12); // ≈ 7.8456: short history reads low
    expect(b.weightedAverage(101)).toBeCloseTo(10 * alpha * (1 - alpha), 12);
    expect(b.weightedAverage(107)).toBe(0); // empty
  });

  it("weights the newest bucket most (window 60, alpha 0.2)", () => {
    // buckets …, 5 at t=1, 10 at t=2: 0.2·10 + 0.2·0.8·5 = 2.8
    expect(filled(60, [[1, 5], [2, 10]]).weightedAverage(2)).toBeCloseTo(2.8, 12);
  });

  it("a full window of a constant approaches the constant", () => {
    const b = new TimedBuckets(60);
    for (let t = 0; t < 60; t++) b.record(t, 10);
    expect(b.weightedAverage(59)).toBeCloseTo(10 * (1 - Math.pow(0.8, 60)), 10);
  });

  it("windowAverage picks the algorithm", () => {
    const b = filled(60, [[1, 5], [2, 10]]);
    expect(b.windowAverage(2, "linear")).toBe(7.5);
    expect(b.windowAverage(2, "weighted-exponential")).toBeCloseTo(2.8, 12);
  });
});

describe("round6", () => {
  it.each([
    [1 / 3, 0.333333],
    [2 / 3, 0.666667],
    [-1 / 3, -0.333333],
    [-2 / 3, -0.666667], // half away from zero, as Go's math.Round
    [12, 12],
  ])("%d → %d", (x, want) => expect(round6(x)).toBe(want));
});
