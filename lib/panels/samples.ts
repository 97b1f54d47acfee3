import type { ColumnSeries } from "@/lib/promql/frames/decode";
import { hasGap } from "@/lib/promql/frames/gaps";

/** `[epochMs, value]`; null draws nothing (a gap, NaN or ±Inf): the shape ECharts and the CSV take. */
export type PanelPoint = [number, number | null];

/**
 * One series' samples as columns, read through this accessor only (panels never index the arrays):
 * timestamps in epoch ms (one Float64Array shared by every series on the same step grid), values as
 * Float64 (NaN, ±Inf and −0 kept as received), and a gap bitmap (bit i set = no sample at entry i;
 * null when the series has none). A frame's series on a 1,000-point grid costs 8 bytes per point
 * plus its share of the grid, where an `[ms, value]` array per point cost ~45 (issue 7, B8).
 *
 * Two views: the entries (`length`, `time(i)`, `value(i)`: null for a gap), and what panels draw and
 * reduce, where a gap, NaN and ±Inf all draw nothing (`drawn*`, `forEachDrawn`, `toPairs`).
 */
export class Samples {
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  readonly #gaps: Uint8Array | null;

  private constructor(x: Float64Array, y: Float64Array, gaps: Uint8Array | null) {
    this.#x = x;
    this.#y = y;
    this.#gaps = gaps;
  }

  /** A decoded series (lib/promql/frames): its arrays are held, not copied. */
  static fromColumns(columns: Pick<ColumnSeries, "x" | "y" | "gaps">): Samples {
    if (columns.x.length !== columns.y.length) throw new RangeError(`columns of different lengths: ${columns.x.length} timestamps, ${columns.y.length} values`);
    return new Samples(columns.x, columns.y, columns.gaps);
  }

  /**
   * Readable `[t, v]` lists (tests, instant samples): every pair is a sample; null is a sample that
   * draws nothing (NaN), as the panels' points always read it.
   */
  static fromPairs(pairs: ReadonlyArray<readonly [number, number | null]>): Samples {
    const x = new Float64Array(pairs.length);
    const y = new Float64Array(pairs.length);
    pairs.forEach(([t, v], i) => {
      x[i] = t;
      y[i] = v ?? Number.NaN;
    });
    return new Samples(x, y, null);
  }

  /** Entries: samples and gaps. */
  get length(): number {
    return this.#x.length;
  }

  /** Epoch ms of entry i. */
  time(i: number): number {
    return this.#x[i]!;
  }

  /** Entry i's value as received (NaN, ±Inf, −0 included), or null where the series has no sample. */
  value(i: number): number | null {
    return hasGap(this.#gaps, i) ? null : this.#y[i]!;
  }

  isGap(i: number): boolean {
    return hasGap(this.#gaps, i);
  }

  /** Entry i as panels draw it: the value when finite, else null (gap, NaN, ±Inf). */
  drawn(i: number): number | null {
    if (hasGap(this.#gaps, i)) return null;
    const v = this.#y[i]!;
    return v - v === 0 ? v : null;
  }

  /** Each sample (gaps skipped) in time order, its value as drawn: null for NaN and ±Inf. */
  forEachSample(fn: (value: number | null, timeMs: number) => void): void {
    const x = this.#x;
    const y = this.#y;
    const gaps = this.#gaps;
    for (let i = 0; i < x.length; i++) {
      if (hasGap(gaps, i)) continue;
      const v = y[i]!;
      fn(v - v === 0 ? v : null, x[i]!);
    }
  }

  /** Each finite value, in time order. */
  forEachFinite(fn: (value: number, timeMs: number) => void): void {
    this.forEachSample((v, t) => {
      if (v !== null) fn(v, t);
    });
  }

  /** How many samples draw something (finite values). */
  drawnCount(): number {
    let n = 0;
    this.forEachFinite(() => n++);
    return n;
  }

  /**
   * The points a line through the samples takes: each sample (null for NaN and ±Inf), and one null
   * at the first entry of each run of gaps between samples so the line breaks there; gaps before
   * the first sample or after the last are dropped. A Prometheus matrix with a missing step gives
   * the same list (a null one step after the last sample before the hole).
   */
  toPairs(): PanelPoint[] {
    const out: PanelPoint[] = [];
    this.#walk((t, v) => out.push([t, v]));
    return out;
  }

  /**
   * `toPairs` as two columns, the input M4 and ECharts' typed-array source take: a value that is not
   * finite (NaN, ±Inf) draws nothing. Without gaps these are the held arrays themselves (NaN and ±Inf
   * as received): read them, never write.
   */
  drawnColumns(): { x: Float64Array; y: Float64Array } {
    if (this.#gaps === null) return { x: this.#x, y: this.#y };
    let n = 0;
    this.#walk(() => n++);
    const ox = new Float64Array(n);
    const oy = new Float64Array(n);
    let k = 0;
    this.#walk((t, v) => {
      ox[k] = t;
      oy[k++] = v ?? Number.NaN;
    });
    return { x: ox, y: oy };
  }

  #walk(emit: (timeMs: number, value: number | null) => void): void {
    const x = this.#x;
    const y = this.#y;
    const gaps = this.#gaps;
    let seen = false;
    let gapAt = -1;
    for (let i = 0; i < x.length; i++) {
      if (hasGap(gaps, i)) {
        if (seen && gapAt < 0) gapAt = i;
        continue;
      }
      if (gapAt >= 0) {
        emit(x[gapAt]!, null);
        gapAt = -1;
      }
      seen = true;
      const v = y[i]!;
      emit(x[i]!, v - v === 0 ? v : null);
    }
  }
}
