import { expect, test } from "@playwright/test";
import { harnessHtml } from "./harness/build-harness";
import { compareInk, type InkRun } from "./harness/ink";

// Issue 7, Must show: the M4-reduced render against the raw render, per pixel column's vertical ink
// extent, in real ECharts on real headless Chromium at 1200×400 (random walks with spikes and gaps,
// fixed seeds), with ECharts' vertex thinning off as in the app's panels (components/charts/exact-lines.ts).
//
// Asserted, per series and per pixel column, within 1 px (e2e/harness/ink.ts defines the terms):
// 1. the property, anti-aliasing set aside: each render's core ink (pixel centres inside the
//    stroke, rasterised with anti-aliasing off, and at least half covered by the anti-aliased stroke)
//    lies within the other render's ink (centre inside, or at least a quarter covered) — column for
//    column, no neighbours;
// 2. both anti-aliased renders reach the data's own extremes in the column (M4 keeps them, and ECharts
//    draws them).
// Recorded, not asserted: column-for-column differences of the any-alpha extents (the 1-px stroke's
// sideways fringe, see ink.ts) and of the centre-inside extents alone (half-covered pixels, decided
// either way by the rasteriser's snapping).
const SPEC = { width: 1200, height: 400 };
const CASES = [
  { seed: 1, count: 1, points: 100_000 },
  { seed: 2, count: 1, points: 30_000 },
  { seed: 3, count: 1, points: 7_919 },
  { seed: 4, count: 3, points: 20_000 },
  { seed: 5, count: 1, points: 250_000 },
  { seed: 6, count: 2, points: 50_000 },
  { seed: 7, count: 1, points: 4_801 },
];

test.use({ viewport: { width: 1300, height: 500 } });

test("M4-reduced ECharts: per pixel column the same ink extent as the raw render within 1 px, and every column's extremes inked", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setContent(await harnessHtml());
  for (const c of CASES) {
    const runs: InkRun[] = await page.evaluate(
      async ({ c, SPEC }) => {
        type S = { x: number[]; y: Array<number | null> };
        type E = { top: number[]; bottom: number[] };
        type Ink = { points: number; aa: E; centre: E; core: E; partial: E };
        type H = {
          makeSeries: (count: number, points: number, seed: number) => S[];
          inkOfSeries: (s: S[], spec: unknown, reduce: boolean) => Promise<Ink>;
          dataExtents: (s: S, spec: unknown) => E;
        };
        const h = (window as unknown as { harness: H }).harness;
        const out = [];
        for (const one of h.makeSeries(c.count, c.points, c.seed)) {
          let yMin = Infinity;
          let yMax = -Infinity;
          for (const v of one.y) if (v !== null) {
            yMin = Math.min(yMin, v);
            yMax = Math.max(yMax, v);
          }
          const spec = { ...SPEC, x0: 0, x1: (c.points - 1) * 1000, yMin, yMax };
          const raw = await h.inkOfSeries([one], spec, false);
          const m4 = await h.inkOfSeries([one], spec, true);
          out.push({ rawPoints: raw.points, m4Points: m4.points, raw, m4, data: h.dataExtents(one, spec) });
        }
        return out;
      },
      { c, SPEC },
    );
    for (const [n, run] of runs.entries()) {
      const name = `seed ${c.seed} series ${n} (${c.points} points)`;
      const r = compareInk(run);
      test.info().annotations.push({
        type: "ink",
        description: `${name}: ${run.rawPoints} -> ${run.m4Points} points; ${r.checked} columns with segments; columns differing by > 1 px column for column: centre inside (anti-aliasing off) ${r.coreDiffer.length}, any alpha ${r.aaDiffer.length}`,
      });
      expect(r.checked, `${name}: columns with segments`).toBeGreaterThan(SPEC.width * 0.8);
      expect(run.m4Points, `${name}: M4 reduces`).toBeLessThan(run.rawPoints);
      expect(r.inkDiffer.slice(0, 5), `${name}: one render's core ink outside the other's ink by > 1 px`).toEqual([]);
      expect(r.rawMisses.slice(0, 5), `${name}: raw render misses a column's data extreme by > 1 px`).toEqual([]);
      expect(r.m4Misses.slice(0, 5), `${name}: M4 render misses a column's data extreme by > 1 px`).toEqual([]);
    }
  }
});
