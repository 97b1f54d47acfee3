import type { MatrixSeries, Range } from "./extents";

interface Tail extends Range {
  series: MatrixSeries[];
  until: number;
  bytes: number;
}

/**
 * The newest, never-cached part of clean query_range answers, kept per cache key until `until`
 * (the coalescing window): a later request whose missing range lies inside one of them is answered
 * from it instead of the upstream. Never written to the extents cache, so late samples still arrive
 * with the first request after the window. Bounded by bytes (oldest entries dropped first).
 */
export class TailStore {
  private readonly byKey = new Map<string, Tail[]>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    let n = 0;
    for (const list of this.byKey.values()) n += list.length;
    return n;
  }

  /** A kept tail of `key` covering all of `range` and still within its window at `nowMs`. */
  find(key: string, range: Range, nowMs: number): MatrixSeries[] | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i]!;
      if (t.until > nowMs && t.start <= range.start && t.end >= range.end) return t.series;
    }
    return undefined;
  }

  /** Keeps `tail` for `key` from `nowMs` until `until`; `bytes` is its estimated size. */
  add(key: string, tail: Range & { series: MatrixSeries[] }, nowMs: number, until: number, bytes: number): void {
    this.prune(nowMs);
    if (bytes > this.maxBytes || until <= nowMs) return;
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    list.push({ start: tail.start, end: tail.end, series: tail.series, until, bytes });
    this.bytes += bytes;
    // Over the bound: drop the entry that expires first.
    while (this.bytes > this.maxBytes) {
      let oldestKey: string | undefined;
      let oldest = Infinity;
      for (const [k, l] of this.byKey) {
        if (l[0] && l[0].until < oldest) {
          oldest = l[0].until;
          oldestKey = k;
        }
      }
      if (oldestKey === undefined) break;
      this.drop(oldestKey, 0);
    }
  }

  /** Forgets entries whose window ended before `nowMs`. */
  private prune(nowMs: number): void {
    for (const [k, list] of this.byKey) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.until <= nowMs) this.drop(k, i);
    }
  }

  private drop(key: string, index: number): void {
    const list = this.byKey.get(key)!;
    this.bytes -= list[index]!.bytes;
    list.splice(index, 1);
    if (list.length === 0) this.byKey.delete(key);
  }
}
