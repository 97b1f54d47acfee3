import { describe, expect, it } from "vitest";
import { Samples } from "./samples";

/** Columns with gaps at the given entries (as the decoders give them). */
function withGaps(x: number[], y: number[], gapAt: number[]): Samples {
  const gaps = new Uint8Array((x.length + 7) >> 3);
  for (const i of gapAt) gaps[i >> 3]! |= 1 << (i & 7);
  return Samples.fromColumns({ x: Float64Array.from(x), y: Float64Array.from(y), gaps: gapAt.length ? gaps : null });
}

describe("Samples", () => {
  // Entries every second; gaps at 0, 2, 3 and 9 (leading, a run of two, trailing), a NaN at 5 and +Inf at 7.
  const x = Array.from({ length: 10 }, (_, i) => i * 1000);
  const y = [0, 1, 0, 0, 4, Number.NaN, 6, Infinity, -0, 0];
  const s = withGaps(x, y, [0, 2, 3, 9]);

  it("reads entries: gaps as null, NaN, ±Inf and −0 as held", () => {
    expect(s.length).toBe(10);
    expect(s.time(4)).toBe(4000);
    expect([s.value(0), s.value(1), s.value(2), s.value(5), s.value(7)]).toEqual([null, 1, null, Number.NaN, Infinity]);
    expect(Object.is(s.value(8), -0)).toBe(true);
    expect([s.drawn(5), s.drawn(7), s.drawn(4)]).toEqual([null, null, 4]);
  });

  it("iterates samples (gaps skipped) and finite values", () => {
    const samples: Array<[number, number | null]> = [];
    s.forEachSample((v, t) => samples.push([t, v]));
    expect(samples).toEqual([[1000, 1], [4000, 4], [5000, null], [6000, 6], [7000, null], [8000, -0]]);
    expect(s.drawnCount()).toBe(4);
  });

  it("as pairs: one null per run of gaps between samples, none before the first or after the last", () => {
    expect(s.toPairs()).toEqual([[1000, 1], [2000, null], [4000, 4], [5000, null], [6000, 6], [7000, null], [8000, -0]]);
    const { x: dx, y: dy } = s.drawnColumns();
    expect(Array.from(dx)).toEqual([1000, 2000, 4000, 5000, 6000, 7000, 8000]);
    expect(Array.from(dy)).toEqual([1, Number.NaN, 4, Number.NaN, 6, Number.NaN, -0]);
  });

  it("hands over the held arrays when there is nothing to break", () => {
    const xs = Float64Array.from([0, 1000]);
    const ys = Float64Array.from([1, 2]);
    const plain = Samples.fromColumns({ x: xs, y: ys, gaps: null });
    expect(plain.drawnColumns().y).toBe(ys);
    expect(plain.toPairs()).toEqual([[0, 1], [1000, 2]]);
  });

  it("refuses columns of different lengths", () => {
    expect(() => Samples.fromColumns({ x: new Float64Array(2), y: new Float64Array(3), gaps: null })).toThrow(/2 timestamps, 3 values/);
  });
});
