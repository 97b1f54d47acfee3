import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Coalescer, mapBounded, Semaphore } from "./coalesce";
import { alignRange, compareLabels, type Extent, insertExtent, type MatrixSeries, mergeSeries, missingRanges, type Range, sliceSeries, splitByInterval } from "./extents";
import { ByteLru } from "./lru";
import { cacheKey, isCacheableRequest } from "./settings";

const S = 1000;
const points = (r: Range, step: number): number[] => {
  const out: number[] = [];
  for (let t = r.start; t <= r.end; t += step) out.push(t);
  return out;
};
const series = (name: string, ts: number[]): MatrixSeries => ({ metric: { __name__: "m", s: name }, values: ts.map((t) => [t / 1000, `v${t}`]) });

describe("alignRange", () => {
  it("rounds start and end down to multiples of the step", () => {
    expect(alignRange(1_000_017_000, 1_000_094_999, 15 * S)).toEqual({ start: 1_000_005_000, end: 1_000_080_000 });
    expect(alignRange(60 * S, 120 * S, 60 * S)).toEqual({ start: 60 * S, end: 120 * S });
  });
});

describe("missingRanges", () => {
  const step = 10 * S;
  it("returns the whole range without extents", () => {
    expect(missingRanges({ start: 0, end: 100 * S }, step, [])).toEqual([{ start: 0, end: 100 * S }]);
  });
  it("returns the gaps before, between and after extents, on the step grid", () => {
    const ext = [
      { start: 20 * S, end: 40 * S },
      { start: 60 * S, end: 70 * S },
    ];
    expect(missingRanges({ start: 0, end: 100 * S }, step, ext)).toEqual([
      { start: 0, end: 10 * S },
      { start: 50 * S, end: 50 * S },
      { start: 80 * S, end: 100 * S },
    ]);
  });
  it("returns nothing when an extent covers the range", () => {
    expect(missingRanges({ start: 30 * S, end: 40 * S }, step, [{ start: 0, end: 100 * S }])).toEqual([]);
  });
  it("property: cached points and missing points partition the wanted grid points", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).map((n) => n * S),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })), { maxLength: 6 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (step, raw, a, len) => {
          let extents: Extent[] = [];
          for (const [s, l] of raw) extents = insertExtent(extents, { start: s * step, end: (s + l) * step, series: [] }, step);
          const want = { start: a * step, end: (a + len) * step };
          const cached = new Set(extents.flatMap((e) => points(e, step)));
          const missing = missingRanges(want, step, extents).flatMap((r) => points(r, step));
          const expected = points(want, step).filter((t) => !cached.has(t));
          expect(missing).toEqual(expected);
          // extents stay sorted, disjoint and not touching
          for (let i = 1; i < extents.length; i++) expect(extents[i]!.start).toBeGreaterThan(extents[i - 1]!.end + step);
        },
      ),
    );
  });
});

describe("splitByInterval", () => {
  it("splits at day boundaries without losing or doubling a point", () => {
    const day = 86_400 * S;
    const step = 7 * 60 * S; // does not divide a day
    const range = { start: Math.floor((day - 3 * 3600 * S) / step) * step, end: Math.floor((3 * day + 3600 * S) / step) * step };
    const parts = splitByInterval(range, step, day);
    expect(parts.length).toBe(4);
    expect(parts.flatMap((p) => points(p, step))).toEqual(points(range, step));
    for (const p of parts) expect(Math.floor(p.start / day)).toBe(Math.floor(p.end / day));
  });
  it("keeps a range no longer than one interval whole, even across a boundary", () => {
    const day = 86_400 * S;
    const step = 60 * S;
    // 23:58 to 00:58 UTC: one request (what a 1 h dashboard just after midnight sends).
    expect(splitByInterval({ start: day - 2 * step, end: day + 58 * step }, step, day)).toEqual([{ start: day - 2 * step, end: day + 58 * step }]);
    expect(splitByInterval({ start: day - 3600 * S, end: 2 * day - 3600 * S }, step, day)).toHaveLength(1);
    // One step more than a day: split at the boundary.
    expect(splitByInterval({ start: day - 3600 * S, end: 2 * day - 3600 * S + step }, step, day)).toHaveLength(2);
  });
  it("keeps one part when the step is longer than the interval", () => {
    const parts = splitByInterval({ start: 0, end: 10 * 3600 * S }, 3600 * S, 1800 * S);
    expect(parts.flatMap((p) => points(p, 3600 * S))).toEqual(points({ start: 0, end: 10 * 3600 * S }, 3600 * S));
  });
});

describe("merging matrices", () => {
  it("unions points per series, dedupes timestamps and sorts series as Prometheus does", () => {
    const a = [series("b", [0, 10_000]), series("a", [0])];
    const b = [series("b", [10_000, 20_000]), series("c", [20_000])];
    const merged = mergeSeries([a, b]);
    expect(merged.map((s) => s.metric.s)).toEqual(["a", "b", "c"]);
    expect(merged[1]!.values!.map(([t]) => t)).toEqual([0, 10, 20]);
  });
  it("property: the union of per-series point lists, in order or not, overlapping or not: later parts win a shared timestamp", () => {
    // Lists of distinct sorted timestamps, some disjoint and ordered (the fast path), some overlapping or given out of order.
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }).map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 4 }), fc.boolean(), (lists, shift) => {
        // With `shift`, each list moves past the previous one: disjoint parts in time order.
        let offset = 0;
        const parts = lists.map((ts, i) => {
          const moved = shift ? ts.map((t) => t + offset) : ts;
          if (shift) offset = (moved.at(-1) ?? offset) + 1;
          return [{ metric: { s: "a" }, values: moved.map((t) => [t, `p${i}`] as [number, string]) }];
        });
        const expected = new Map<number, string>();
        for (const part of parts) for (const [t, v] of part[0]!.values) expected.set(t, v);
        const merged = mergeSeries(parts);
        const want = [...expected].sort((a, b) => a[0] - b[0]);
        expect(merged.length).toBe(1);
        expect(merged[0]!.values ?? []).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
  it("compares labels like Prometheus (name, then value, then length)", () => {
    expect(compareLabels({ a: "1" }, { a: "1", b: "0" })).toBeLessThan(0);
    expect(compareLabels({ __name__: "z" }, { a: "1" })).toBeLessThan(0);
    expect(compareLabels({ a: "2" }, { a: "10" })).toBeGreaterThan(0);
  });
  it("slices a range and drops series left empty", () => {
    const out = sliceSeries([series("a", [0, 10_000, 20_000]), series("b", [0])], { start: 10_000, end: 20_000 });
    expect(out).toEqual([series("a", [10_000, 20_000])]);
  });
  it("insertExtent merges touching extents and their series", () => {
    const step = 10_000;
    let ext: Extent[] = [];
    ext = insertExtent(ext, { start: 0, end: 10_000, series: [series("a", [0, 10_000])] }, step);
    ext = insertExtent(ext, { start: 40_000, end: 50_000, series: [series("a", [40_000, 50_000])] }, step);
    expect(ext.length).toBe(2);
    ext = insertExtent(ext, { start: 20_000, end: 30_000, series: [series("a", [20_000, 30_000])] }, step);
    expect(ext).toEqual([{ start: 0, end: 50_000, series: [series("a", [0, 10_000, 20_000, 30_000, 40_000, 50_000])] }]);
  });
});

describe("ByteLru", () => {
  it("evicts the least recently used entries beyond the byte bound", () => {
    const lru = new ByteLru<string>(100);
    lru.set("a", "A", 40);
    lru.set("b", "B", 40);
    expect(lru.get("a")).toBe("A"); // a is now the most recent
    lru.set("c", "C", 40);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe("A");
    expect(lru.bytes).toBe(80);
    lru.set("huge", "H", 101);
    expect(lru.get("huge")).toBeUndefined();
  });
});

describe("coalescing and limits", () => {
  it("runs identical work once while it is in flight", async () => {
    const c = new Coalescer<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return 42;
    };
    const all = Promise.all(Array.from({ length: 50 }, () => c.run("k", work)));
    release();
    expect(await all).toEqual(Array(50).fill(42));
    expect(runs).toBe(1);
    await c.run("k", work);
    expect(runs).toBe(2);
  });
  it("aborts the shared work only when every waiter has left", async () => {
    const c = new Coalescer<string>();
    let aborted = false;
    const work = (signal: AbortSignal) =>
      new Promise<string>((resolve) => {
        signal.addEventListener("abort", () => {
          aborted = true;
          resolve("aborted");
        });
        setTimeout(() => resolve("done"), 50);
      });
    const a = new AbortController();
    const b = new AbortController();
    const pa = c.run("k", work, a.signal);
    const pb = c.run("k", work, b.signal);
    a.abort();
    await expect(pa).rejects.toBeDefined();
    expect(aborted).toBe(false);
    expect(await pb).toBe("done");
  });
  it("Semaphore never runs more than its limit", async () => {
    const sem = new Semaphore(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        sem.use(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
  it("mapBounded keeps the order of results", async () => {
    expect(await mapBounded([3, 1, 2], 2, async (n) => n * 2)).toEqual([6, 2, 4]);
  });
});

describe("what may be cached", () => {
  const p = (q: string) => new URLSearchParams(q);
  it("never dedup=false, storeMatch[], stats, @ or negative offsets", () => {
    expect(isCacheableRequest(p("query=up&dedup=true"))).toBe(true);
    expect(isCacheableRequest(p("query=up&dedup=false"))).toBe(false);
    expect(isCacheableRequest(p("query=up&storeMatch[]=x"))).toBe(false);
    expect(isCacheableRequest(p("query=up&stats=all"))).toBe(false);
    expect(isCacheableRequest(p("query=up @ end()"))).toBe(false);
    expect(isCacheableRequest(p("query=up offset -5m"))).toBe(false);
    expect(isCacheableRequest(p("query=up offset 5m"))).toBe(true);
  });
  it("keys on datasource, query, step and Thanos parameters, not on start/end/timeout or order", () => {
    const k1 = cacheKey("ds", p("query=up&step=15&start=1&end=2&dedup=true&timeout=30s"));
    expect(cacheKey("ds", p("dedup=true&end=9&start=5&query= up &step=15"))).toBe(k1);
    expect(cacheKey("ds", p("query=up&step=15&dedup=false"))).not.toBe(k1);
    expect(cacheKey("ds", p("query=up&step=30&dedup=true"))).not.toBe(k1);
    expect(cacheKey("other", p("query=up&step=15&dedup=true"))).not.toBe(k1);
    expect(cacheKey("ds", p("query=up&step=15&dedup=true&replicaLabels[]=r"))).not.toBe(k1);
  });
});
