import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnStarts, interleave, isGap, m4, m4Indices, m4IndicesScan, m4Interleaved, needsM4, pixelColumn } from "./m4";

interface Case {
  x: number[];
  y: Array<number | null>;
  x0: number;
  x1: number;
  width: number;
}

// Random series: increasing timestamps (sometimes several per column, sometimes sparse), values
// from a random walk with spikes, and gaps (null, NaN, ±Inf) in runs.
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    steps: fc.array(fc.record({ dx: fc.integer({ min: 1, max: 50 }), kind: fc.integer({ min: 0, max: 19 }), dv: fc.double({ min: -10, max: 10, noNaN: true }) }), { maxLength: 400 }),
    width: fc.integer({ min: 1, max: 60 }),
    pad0: fc.integer({ min: -200, max: 200 }),
    pad1: fc.integer({ min: -200, max: 200 }),
  })
  .map(({ steps, width, pad0, pad1 }) => {
    const x: number[] = [];
    const y: Array<number | null> = [];
    let t = 1_000;
    let v = 0;
    for (const s of steps) {
      t += s.dx;
      v += s.dv;
      x.push(t);
      // 0-2: gaps of each kind; 3: a spike; else the walk.
      y.push(s.kind === 0 ? null : s.kind === 1 ? Number.NaN : s.kind === 2 ? (s.dv > 0 ? Infinity : -Infinity) : s.kind === 3 ? v + s.dv * 100 : v);
    }
    const x0 = 1_000 + pad0;
    const x1 = Math.max(x0 + 1, t + pad1);
    return { x, y, x0, x1, width };
  });

/** Per (pixel column, run of drawable points): the first, last, min and max value and the first/last x. */
function bucketSummary(x: readonly number[], y: ReadonlyArray<number | null>, c: Case) {
  const out: Array<{ col: number; first: number; last: number; firstX: number; lastX: number; min: number; max: number }> = [];
  let inRun = false;
  for (let i = 0; i < x.length; i++) {
    const v = y[i] ?? null;
    if (isGap(v)) {
      inRun = false;
      continue;
    }
    const col = pixelColumn(x[i]!, c.x0, c.x1, c.width);
    const cur = out.at(-1);
    if (inRun && cur && cur.col === col) {
      cur.last = v!;
      cur.lastX = x[i]!;
      cur.min = Math.min(cur.min, v!);
      cur.max = Math.max(cur.max, v!);
    } else {
      out.push({ col, first: v!, last: v!, firstX: x[i]!, lastX: x[i]!, min: v!, max: v! });
    }
    inRun = true;
  }
  return out;
}

/** Runs of drawable points as [first index, last index] of the input. */
function runs(y: ReadonlyArray<number | null>, indices: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = false;
  for (const i of indices) {
    if (isGap(y[i] ?? null)) {
      open = false;
      continue;
    }
    if (open) out.at(-1)![1] = i;
    else out.push([i, i]);
    open = true;
  }
  return out;
}

describe("m4Indices", () => {
  it("keeps, for every pixel column and run, the raw first, last, min and max (property)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const keep = m4Indices(c.x, c.y, c.x0, c.x1, c.width);
        const reduced = m4({ x: c.x, y: c.y }, c.x0, c.x1, c.width);
        expect(bucketSummary(reduced.x, reduced.y, c)).toEqual(bucketSummary(c.x, c.y, c));
        // A strictly increasing subsequence of the input.
        for (let k = 1; k < keep.length; k++) expect(keep[k]!).toBeGreaterThan(keep[k - 1]!);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every gap between runs, and each output run inside the matching raw run (property)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const keep = m4Indices(c.x, c.y, c.x0, c.x1, c.width);
        const all = c.x.map((_, i) => i);
        const raw = runs(c.y, all);
        const kept = runs(c.y, keep);
        expect(kept.length).toBe(raw.length);
        kept.forEach(([a, b], r) => {
          expect(a).toBe(raw[r]![0]);
          expect(b).toBe(raw[r]![1]);
        });
        // Never two gap markers in a row, none at the ends.
        for (let k = 0; k < keep.length; k++) {
          if (!isGap(c.y[keep[k]!] ?? null)) continue;
          expect(k).toBeGreaterThan(0);
          expect(k).toBeLessThan(keep.length - 1);
          expect(isGap(c.y[keep[k + 1]!] ?? null)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps at most 4 points per column for a gapless series, whatever its length", () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 100) + ((i * 7919) % 13) / 13);
    const keep = m4Indices(x, y, 0, n - 1, 1200);
    expect(keep.length).toBeLessThanOrEqual(4 * 1200);
    expect(keep.length).toBeGreaterThan(2 * 1200);
    expect(keep[0]).toBe(0);
    expect(keep.at(-1)).toBe(n - 1);
  });

  it("dedups a column whose first point is also its min and last its max", () => {
    // Column 0 holds x 0..4 (width 2 over [0, 10)): rising values, so first = min and last = max.
    expect(m4Indices([0, 1, 2, 3, 4, 6, 7], [1, 2, 3, 4, 5, 9, 0], 0, 10, 2)).toEqual([0, 4, 5, 6]);
  });

  it("keeps one marker for a run of gaps and drops leading and trailing gaps", () => {
    const y = [null, 1, 2, null, Number.NaN, 3, 4, null];
    const keep = m4Indices([0, 1, 2, 3, 4, 5, 6, 7], y, 0, 8, 1);
    expect(keep).toEqual([1, 2, 3, 5, 6]);
    expect(m4({ x: [0, 1, 2, 3, 4, 5, 6, 7], y }, 0, 8, 1).y).toEqual([1, 2, null, 3, 4]);
  });

  it("keeps points outside the range in their own edge buckets", () => {
    const x = [-5, -4, -3, 5, 15, 16, 17];
    const y = [3, -1, 2, 0, 8, 1, 9];
    const keep = m4Indices(x, y, 0, 10, 10);
    expect(keep.map((i) => x[i])).toEqual([-5, -4, -3, 5, 15, 16, 17]);
    expect(m4Indices([-5, -4, -3, -2], [1, 5, 2, 3], 0, 10, 10)).toEqual([0, 1, 3]);
  });
});

describe("m4Indices over column starts", () => {
  // Time stamps with repeats and (sometimes) out of order or NaN; values with every kind of gap.
  const xArb = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 });
  const anyCase = fc.record({
    dx: xArb,
    shuffle: fc.integer({ min: 0, max: 9 }),
    y: fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(null, Number.NaN, Infinity, -Infinity)), { maxLength: 300 }),
    x0: fc.integer({ min: -500, max: 3000 }),
    len: fc.integer({ min: 0, max: 6000 }),
    width: fc.integer({ min: 1, max: 80 }),
  });

  it("keeps exactly the indices of the point-by-point scan, for any x (property)", () => {
    fc.assert(
      fc.property(anyCase, ({ dx, shuffle, y, x0, len, width }) => {
        const x: number[] = [];
        let t = 0;
        for (const d of dx) x.push((t += d));
        if (shuffle === 0 && x.length > 2) [x[0], x[1]] = [x[1]!, x[0]!];
        if (shuffle === 1 && x.length > 2) x[x.length >> 1] = Number.NaN;
        const n = Math.min(x.length, y.length);
        const ys = y.slice(0, n);
        const x1 = x0 + len;
        expect(m4Indices(x, ys, x0, x1, width)).toEqual(m4IndicesScan(x, ys, x0, x1, width));
        // A typed-array series (the panels' columns: NaN for gaps) gives the same.
        const fy = Float64Array.from(ys, (v) => (v === null ? Number.NaN : v));
        expect(m4Indices(Float64Array.from(x), fy, x0, x1, width)).toEqual(m4IndicesScan(x, fy, x0, x1, width));
      }),
      { numRuns: 1000 },
    );
  });

  it("reuses one x array's columns across series and recomputes them for a new range or width", () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => 1_000 + i * 15);
    const series = [0, 1, 2].map((s) => Float64Array.from(x, (t, i) => Math.sin(i / (30 + s * 7)) * 100 + (i % (97 + s) === 0 ? 500 : 0)));
    for (const [x0, x1, width] of [[1_000, 76_000, 300], [1_000, 76_000, 300], [20_000, 50_000, 300], [20_000, 50_000, 41], [0, 100_000, 1]]) {
      for (const y of series) expect(m4Indices(x, y, x0!, x1!, width!)).toEqual(m4IndicesScan(x, y, x0!, x1!, width!));
    }
  });

  it("finds each column's first point; refuses x out of order", () => {
    // Width 2 over [0, 10]: column 0 holds x < 5, column 1 x ≥ 5 up to 10; -1 left, 2 right of the range.
    expect(Array.from(columnStarts([-3, 0, 4, 5, 9, 10, 11, 12], 0, 10, 2)!)).toEqual([0, 1, 3, 6, 8]);
    expect(Array.from(columnStarts([], 0, 10, 2)!)).toEqual([0, 0, 0, 0, 0]);
    expect(columnStarts([0, 5, 4], 0, 10, 2)).toBeNull();
    expect(columnStarts([0, Number.NaN, 4], 0, 10, 2)).toBeNull();
  });
});

describe("m4Interleaved", () => {
  it("holds m4's points as [x, y, x, y, …] with NaN for every gap (property)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const reduced = m4({ x: c.x, y: c.y }, c.x0, c.x1, c.width);
        const flat = m4Interleaved({ x: c.x, y: c.y }, c.x0, c.x1, c.width);
        expect(flat).toBeInstanceOf(Float64Array);
        expect(Array.from(flat)).toEqual(reduced.x.flatMap((t, k) => [t, reduced.y[k] ?? Number.NaN]));
      }),
      { numRuns: 200 },
    );
  });

  it("interleave without indices takes every point", () => {
    expect(Array.from(interleave({ x: [1, 2, 3], y: [5, null, Infinity] }))).toEqual([1, 5, 2, Number.NaN, 3, Number.NaN]);
  });
});

describe("needsM4", () => {
  it("asks for M4 above 4 points per pixel column", () => {
    expect(needsM4(4800, 1200)).toBe(false);
    expect(needsM4(4801, 1200)).toBe(true);
    expect(needsM4(10, 0)).toBe(false);
  });
});
