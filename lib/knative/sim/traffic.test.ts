import { describe, expect, it } from "vitest";
import { activeStretch, arrivalsAt, burstOffset, rateAt, type TrafficShape } from "./traffic";

const T0 = 1_764_000_000 - (1_764_000_000 % 86_400); // a UTC midnight
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("traffic shapes", () => {
  it("steady stays within its jitter and averages its rate", () => {
    const shape: TrafficShape = { kind: "steady", rps: 100, jitter: 0.1 };
    const rates = range(T0, 3600).map((t) => rateAt(shape, 1, 7, t));
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(90);
    expect(Math.max(...rates)).toBeLessThanOrEqual(110);
    expect(mean(range(T0, 3600).map((t) => arrivalsAt(shape, 1, 7, t)))).toBeCloseTo(100, 0);
  });

  it("diurnal peaks at its peak second and bottoms out half a period later", () => {
    const shape: TrafficShape = { kind: "diurnal", minRps: 10, maxRps: 150, periodSeconds: 86_400, peakSecondOfPeriod: 14 * 3600, jitter: 0 };
    expect(rateAt(shape, 1, 7, T0 + 14 * 3600)).toBeCloseTo(150, 6);
    expect(rateAt(shape, 1, 7, T0 + 2 * 3600)).toBeCloseTo(10, 6);
    expect(rateAt(shape, 1, 7, T0 + 8 * 3600)).toBeCloseTo(80, 6);
  });

  it("bursty has exactly one burst of burstSeconds per period", () => {
    const shape = { kind: "bursty", baseRps: 3, burstRps: 40, everySeconds: 600, burstSeconds: 40, jitter: 0 } as const;
    const start = T0 - (T0 % 600);
    for (let p = 0; p < 6; p++) {
      const secs = range(start + p * 600, 600);
      const inBurst = secs.filter((t) => rateAt(shape, 1, 7, t) === 40);
      expect(inBurst.length).toBe(40);
      // Contiguous, at the period's offset.
      expect(inBurst[0]).toBe(start + p * 600 + burstOffset(shape, 1, 7, Math.floor((start + p * 600) / 600)));
      expect(inBurst.at(-1)! - inBurst[0]!).toBe(39);
    }
  });

  it("spiky-to-zero is zero outside its active stretch and sometimes skips a period", () => {
    const shape = { kind: "spiky-to-zero", rps: 2, periodSeconds: 1800, activeSeconds: 300, skipRatio: 0.3, jitter: 0 } as const;
    let skipped = 0;
    for (let p = Math.floor(T0 / 1800); p < Math.floor(T0 / 1800) + 48; p++) {
      const stretch = activeStretch(shape, 1, 7, p);
      const secs = range(p * 1800, 1800);
      const active = secs.filter((t) => rateAt(shape, 1, 7, t) > 0);
      if (!stretch) {
        skipped++;
        expect(active).toEqual([]);
        continue;
      }
      expect(active[0]).toBe(stretch[0]);
      expect(active.at(-1)).toBe(stretch[1] - 1);
      expect(stretch[1] - stretch[0]).toBeGreaterThanOrEqual(150);
      expect(stretch[1] - stretch[0]).toBeLessThanOrEqual(450);
    }
    expect(skipped).toBeGreaterThan(0);
    expect(skipped).toBeLessThan(48);
  });

  it("depends on seed and key, not on call order", () => {
    const shape: TrafficShape = { kind: "steady", rps: 5, jitter: 1 };
    const forward = range(T0, 50).map((t) => arrivalsAt(shape, 1, 7, t));
    const backward = range(T0, 50).reverse().map((t) => arrivalsAt(shape, 1, 7, t)).reverse();
    expect(backward).toEqual(forward);
    expect(range(T0, 50).map((t) => arrivalsAt(shape, 2, 7, t))).not.toEqual(forward);
  });
});
