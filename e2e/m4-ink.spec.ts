import { expect, test } from "@playwright/test";
import { harnessHtml } from "./harness/build-harness";

// Issue 7, Must show: the M4-reduced render against the raw render, per pixel column's vertical ink
// extent. Real ECharts in real headless Chromium at 1200×400, random walks with spikes and gaps
// (fixed seeds). NOT MET as the issue states it ("equal within 1 px"): ECharts drops segments
// shorter than ~0.71 px (echarts lib/chart/line/poly.js) and zrender's PathProxy drops lineTo steps
// of ≤ 1 px on both axes, so the raw render is itself a thinned path, and in a few columns per
// series the M4 render also reaches 2–4 px less far than the raw one (cause not found yet).
// Asserted here: M4 reduces, and the M4 render never inks beyond the extremes of the column and its
// two neighbours (TOLERANCE_PX; a 1-px line bleeds half a pixel sideways). The columns where either
// render misses the data's extremes, and where they differ, are recorded as annotations and counted
// in `npm run bench` (B4, BENCHMARKS.md).
const TOLERANCE_PX = 3;
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

test("M4-reduced ECharts: reduced data, no ink beyond each column's neighbourhood; raw-vs-M4 ink recorded", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setContent(await harnessHtml());
  for (const c of CASES) {
    const r = await page.evaluate(({ c, SPEC }) => {
      type S = { x: number[]; y: Array<number | null> };
      type H = {
        makeSeries: (count: number, points: number, seed: number) => S[];
        renderECharts: (s: S[], spec: unknown, reduce: boolean) => { points: number };
        inkExtents: () => { top: number[]; bottom: number[] };
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
        const x1 = (c.points - 1) * 1000;
        const spec = { ...SPEC, x0: 0, x1, yMin, yMax };
        // The data's own extent per column, in canvas pixels (ECharts maps yMax to 0 and yMin to the height).
        const dataTop = new Array<number>(SPEC.width).fill(Infinity);
        const dataBottom = new Array<number>(SPEC.width).fill(-Infinity);
        for (let i = 0; i < one.x.length; i++) {
          const v = one.y[i];
          if (v === null || v === undefined) continue;
          const col = Math.min(SPEC.width - 1, Math.floor((one.x[i]! / x1) * SPEC.width));
          const py = ((yMax - v) / (yMax - yMin)) * SPEC.height;
          dataTop[col] = Math.min(dataTop[col]!, py);
          dataBottom[col] = Math.max(dataBottom[col]!, py);
        }
        const raw = h.renderECharts([one], spec, false);
        const rawInk = h.inkExtents();
        const reduced = h.renderECharts([one], spec, true);
        const m4Ink = h.inkExtents();
        out.push({ rawPoints: raw.points, m4Points: reduced.points, rawInk, m4Ink, dataTop, dataBottom });
      }
      return out;
    }, { c, SPEC });
    for (const [n, s] of r.entries()) {
      const name = `seed ${c.seed} series ${n} (${c.points} points)`;
      const missing = { raw: [] as string[], m4: [] as string[] };
      const spurious: string[] = [];
      const worse: string[] = [];
      let checked = 0;
      let rawVsM4 = 0;
      for (let x = 0; x < SPEC.width; x++) {
        const top = s.dataTop[x]!;
        const bottom = s.dataBottom[x]!;
        if (Math.abs(s.rawInk.top[x]! - s.m4Ink.top[x]!) > 1 || Math.abs(s.rawInk.bottom[x]! - s.m4Ink.bottom[x]!) > 1) rawVsM4++;
        // Columns with at least two samples draw a segment inside the column.
        if (!(top <= bottom)) continue;
        checked++;
        const near = [x - 1, x, x + 1].filter((i) => i >= 0 && i < SPEC.width && s.dataTop[i]! <= s.dataBottom[i]!);
        const envTop = Math.min(...near.map((i) => s.dataTop[i]!));
        const envBottom = Math.max(...near.map((i) => s.dataBottom[i]!));
        if (s.m4Ink.top[x]! >= 0 && (s.m4Ink.top[x]! < Math.floor(envTop) - TOLERANCE_PX || s.m4Ink.bottom[x]! > Math.ceil(envBottom) + TOLERANCE_PX)) {
          spurious.push(`x=${x}: data near ${envTop.toFixed(1)}..${envBottom.toFixed(1)}, ink ${s.m4Ink.top[x]}..${s.m4Ink.bottom[x]}`);
        }
        for (const [kind, ink] of [["raw", s.rawInk], ["m4", s.m4Ink]] as const) {
          const covered = ink.top[x]! >= 0 && ink.top[x]! <= Math.ceil(top) + TOLERANCE_PX && ink.bottom[x]! >= Math.floor(bottom) - TOLERANCE_PX;
          if (!covered) missing[kind].push(`x=${x}: data ${top.toFixed(1)}..${bottom.toFixed(1)}, ink ${ink.top[x]}..${ink.bottom[x]}`);
        }
        // Where the M4 render misses an extreme, the raw render misses it as far (ECharts' own drawing, not M4).
        const m4Top = s.m4Ink.top[x]!;
        const rawTop = s.rawInk.top[x]!;
        const needTop = Math.max(Math.ceil(top), rawTop) + TOLERANCE_PX;
        const needBottom = Math.min(Math.floor(bottom), s.rawInk.bottom[x]!) - TOLERANCE_PX;
        if (rawTop >= 0 && (m4Top < 0 || m4Top > needTop || s.m4Ink.bottom[x]! < needBottom)) {
          worse.push(`x=${x}: data ${top.toFixed(1)}..${bottom.toFixed(1)}, raw ${rawTop}..${s.rawInk.bottom[x]}, m4 ${m4Top}..${s.m4Ink.bottom[x]}`);
        }
      }
      test.info().annotations.push({
        type: "ink",
        description: `${name}: ${s.rawPoints} -> ${s.m4Points} points; raw render misses the data's extremes (> ${TOLERANCE_PX} px) in ${missing.raw.length} columns, M4 in ${missing.m4.length}, M4 less far than raw in ${worse.length} (${worse.slice(0, 3).join("; ")}); ${rawVsM4} of ${SPEC.width} columns differ from the raw render by more than 1 px`,
      });
      expect(checked, `${name}: columns with samples`).toBeGreaterThan(SPEC.width * 0.8);
      expect(s.m4Points, `${name}: M4 reduces`).toBeLessThan(s.rawPoints);
      expect(spurious.slice(0, 5), `${name}: M4 render columns inked beyond their neighbourhood's extremes`).toEqual([]);
    }
  }
});
