// Browser benchmarks B4 (render), B8 (memory) (B7 wire: scripts/bench/wire.ts) in headless Chromium (the system one,
// never a downloaded build), on the render harness (e2e/harness/chart-harness.ts): ECharts, uPlot,
// our M4 and frame decoder bundled into one page, so each comparison runs side by side in one page.
import os from "node:os";
import { chromium, type Page } from "@playwright/test";
import { compressBinaryFrame } from "@/lib/promql/frames/binary-compress";
import { encodeBinaryFrame } from "@/lib/promql/frames/binary-encode";
import { encodeFrame, type PromMatrixSeries } from "@/lib/promql/frames/encode";
import { harnessHtml } from "../../e2e/harness/build-harness";
import { compareInk, type DataExtents, type SeriesInk } from "../../e2e/harness/ink";
import { chromiumPath } from "../stack";
import { fmt, median, percentile, table } from "./stats";

const SPEC = { width: 1200, height: 400 };

export interface BrowserBenchOptions {
  runs: number;
  log: (msg: string) => void;
}

interface Harness {
  makeSeries: (count: number, points: number, seed: number, gaps?: boolean) => Array<{ x: number[]; y: Array<number | null> }>;
  renderECharts: (s: unknown, spec: unknown, reduce: boolean, input?: "typed" | "pairs") => { ms: number; points: number };
  renderUPlot: (s: unknown, spec: unknown) => Promise<{ ms: number; points: number }>;
  inkOfSeries: (s: unknown, spec: unknown, reduce: boolean) => Promise<SeriesInk & { points: number }>;
  dataExtents: (s: unknown, spec: unknown) => DataExtents;
  decodeBody: (kind: "frames" | "prometheus", text: string) => { ms: number; points: number };
  holdPanelData: (body: string | Uint8Array, shape: "samples" | "pairs", replace: boolean) => Promise<number>;
  dropPanelData: () => void;
  dispose: () => void;
}
declare const harness: Harness;

// m4pairs: ECharts + M4 fed one `[x, y]` array per point, as the panels did before the typed-array input.
type Mode = "echarts" | "m4" | "m4pairs" | "uplot";

async function renderOnce(page: Page, count: number, points: number, mode: Mode) {
  return page.evaluate(
    async ({ count, points, mode, SPEC }) => {
      const made = harness.makeSeries(count, points, 42 + count, false);
      // As the panels hold them (lib/panels/samples.ts): Float64Array columns, one time column shared by the series of a grid.
      const x = Float64Array.from(made[0]!.x);
      const series = made.map((s) => ({ x, y: Float64Array.from(s.y, (v) => v ?? Number.NaN) }));
      let yMin = Infinity;
      let yMax = -Infinity;
      for (const s of series) for (const v of s.y) if (v !== null) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      const spec = { ...SPEC, x0: 0, x1: (points - 1) * 1000, yMin, yMax };
      const r = mode === "uplot" ? await harness.renderUPlot(series, spec) : harness.renderECharts(series, spec, mode !== "echarts", mode === "m4pairs" ? "pairs" : "typed");
      return r;
    },
    { count, points, mode, SPEC },
  );
}

/**
 * Per series of a case (each drawn alone, with gaps), the raw and the M4 render compared column by
 * column (e2e/harness/ink.ts, the same check as e2e/m4-ink.spec.ts): the property (core ink within the
 * other's ink within 1 px), the data's extremes reached, and the recorded core / any-alpha differences.
 */
async function inkCompare(page: Page, count: number, points: number) {
  const runs = await page.evaluate(
    async ({ count, points, SPEC }) => {
      const out = [];
      for (const one of harness.makeSeries(count, points, 42 + count, true)) {
        let yMin = Infinity;
        let yMax = -Infinity;
        for (const v of one.y) {
          if (v === null) continue;
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
        const spec = { ...SPEC, x0: 0, x1: (points - 1) * 1000, yMin, yMax };
        const raw = await harness.inkOfSeries([one], spec, false);
        const m4 = await harness.inkOfSeries([one], spec, true);
        out.push({ rawPoints: raw.points, m4Points: m4.points, raw, m4, data: harness.dataExtents(one, spec) });
      }
      return out;
    },
    { count, points, SPEC },
  );
  const sum = { series: runs.length, seriesInkDiffer: 0, inkDiffer: 0, coreDiffer: 0, aaDiffer: 0, misses: 0 };
  for (const run of runs) {
    const r = compareInk(run);
    sum.inkDiffer += r.inkDiffer.length;
    if (r.inkDiffer.length > 0) sum.seriesInkDiffer++;
    sum.coreDiffer += r.coreDiffer.length;
    sum.aaDiffer += r.aaDiffer.length;
    sum.misses += r.rawMisses.length + r.m4Misses.length;
  }
  return sum;
}

/** Prometheus's matrix JSON for `series` × `points` (15 s grid, random-walk values as Prometheus prints them). */
function prometheusMatrix(series: number, points: number): { result: PromMatrixSeries[]; body: string } {
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const t0 = 1_700_000_000;
  const result: PromMatrixSeries[] = Array.from({ length: series }, (_, n) => {
    let v = rand() * 1000;
    const values: [number, string][] = new Array(points);
    for (let i = 0; i < points; i++) {
      v += (rand() - 0.5) * 10;
      values[i] = [t0 + i * 15, String(v)];
    }
    return { metric: { __name__: "bench_metric", instance: `host-${n}:9100`, job: "node" }, values };
  });
  return { result, body: JSON.stringify({ status: "success", data: { resultType: "matrix", result } }) };
}

export interface BrowserBenchResult {
  chromium: string;
  b4: Array<{ label: string; count: number; points: number; mode: Mode; ms: number[]; drawn: number }>;
  ink: Array<{ label: string; series: number; seriesInkDiffer: number; inkDiffer: number; coreDiffer: number; aaDiffer: number; misses: number }>;
  b8: B8Result;
}

/** One B8 cell: a 1,000 × 1,000 answer decoded by the app's reader into PanelData and held (bytes per point after GC). */
export interface B8Cell {
  wire: "binary" | "json";
  shape: "samples" | "pairs";
  bytesPerPoint: number;
  /** Heap growth over 10 more refreshes (the same answer replacing the held data). */
  growth10: number;
}

export interface B8Result {
  points: number;
  cells: B8Cell[];
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  // ArrayBuffer contents (the typed-array columns) live outside the JS heap: count their backing stores too.
  const { usedSize, backingStorageSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  if (backingStorageSize === undefined) throw new Error("B8: this Chromium's Runtime.getHeapUsage reports no backingStorageSize (typed arrays would not be counted)");
  return usedSize + backingStorageSize;
}

export async function runBrowserBench({ runs, log }: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--headless", "--disable-gpu", "--js-flags=--expose-gc"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 500 }, deviceScaleFactor: 1 });
    await page.setContent(await harnessHtml());
    const out: BrowserBenchResult = { chromium: browser.version(), b4: [], ink: [], b8: { points: 0, cells: [] } };

    // ---- B4 render ----
    for (const [count, points] of [[1, 100_000], [10, 100_000], [100, 10_000]] as const) {
      const label = `${count} × ${points.toExponential(0).replace("+", "")}`;
      const rows = new Map<Mode, { ms: number[]; drawn: number }>();
      for (const mode of ["echarts", "m4", "m4pairs", "uplot"] as Mode[]) rows.set(mode, { ms: [], drawn: 0 });
      await renderOnce(page, count, points, "m4"); // warm-up (JIT)
      for (let r = 0; r < runs; r++) {
        // Interleaved, so load on the shared machine hits each mode alike.
        for (const mode of ["uplot", "m4", "m4pairs", "echarts"] as Mode[]) {
          log(`B4 ${label} ${mode} run ${r + 1}/${runs}`);
          const res = await renderOnce(page, count, points, mode);
          rows.get(mode)!.ms.push(res.ms);
          rows.get(mode)!.drawn = res.points;
        }
      }
      for (const [mode, v] of rows) out.b4.push({ label, count, points, mode, ms: v.ms, drawn: v.drawn });
      log(`B4 ${label} ink extents`);
      out.ink.push({ label, ...(await inkCompare(page, count, points)) });
    }

    // ---- B8 memory ----
    {
      const { result } = prometheusMatrix(1000, 1000);
      const frame = encodeFrame(result, { stepMs: 15_000 });
      if (!frame) throw new Error("B8: the matrix did not encode as a frame");
      const json = JSON.stringify({ status: "success", data: frame });
      // The app's default wire: binary frames, deflated as the proxy sends them.
      const binary = Buffer.from(compressBinaryFrame(encodeBinaryFrame(frame))).toString("base64");
      const cells: Array<Pick<B8Cell, "wire" | "shape">> = [
        { wire: "binary", shape: "samples" },
        { wire: "json", shape: "samples" },
        { wire: "binary", shape: "pairs" },
      ];
      for (const cell of cells) {
        log(`B8 1,000 × 1,000 points held as panel data (${cell.wire} frames → ${cell.shape})`);
        const mem = await browser.newPage();
        await mem.setContent(await harnessHtml());
        // The body lives in the page before the baseline, so only what decoding keeps is counted.
        await mem.evaluate(
          ({ wire, json, binary }) => {
            const w = window as unknown as { body: string | Uint8Array };
            w.body = wire === "json" ? json : Uint8Array.from(atob(binary), (c) => c.charCodeAt(0));
          },
          { wire: cell.wire, json: cell.wire === "json" ? json : "", binary: cell.wire === "binary" ? binary : "" },
        );
        const hold = (shape: string) => mem.evaluate((sh) => harness.holdPanelData((window as unknown as { body: string | Uint8Array }).body, sh as "samples" | "pairs", true), shape);
        // One warm-up decode (compiled code, lazily created builtins), dropped again, before the baseline.
        await hold(cell.shape);
        await mem.evaluate(() => harness.dropPanelData());
        const before = await heapUsed(mem);
        const n = await hold(cell.shape);
        const afterOne = await heapUsed(mem);
        for (let i = 0; i < 10; i++) await hold(cell.shape);
        const afterTen = await heapUsed(mem);
        out.b8.points = n;
        out.b8.cells.push({ ...cell, bytesPerPoint: (afterOne - before) / n, growth10: afterTen - afterOne });
        await mem.close();
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

const B8_WHY = [
  "Why: PanelData holds each series as columns (lib/panels/samples.ts): one Float64Array of timestamps per step grid, shared by every series on it,",
  "a Float64Array of values per series and a gap bitmap only for series with gaps, so a point costs its 8-byte value plus 1/series-count of a timestamp;",
  "the panels read them through the accessor and build `[ms, value]` pairs only transiently (stacks, bars, sparklines, CSV).",
  "Before, one `[ms, value]` JS array per point cost a 16-byte array header, its elements store and a heap number for non-integer values.",
].join(" ");

const B4_WHY = [
  "Input: the panels hand each unstacked line to ECharts as one interleaved Float64Array `[t, v, t, v, …]` (NaN = gap) with two named dimensions, a typed-array source; fed one `[t, v]` array per point instead (the \"pairs\" column), ECharts' setOption walks, type-checks and collects an object per point, which dominated the 100-series case (setOption several times slower than the raster, measured with per-phase timings in the harness).",
  "What is left: for 10 × 1e5, M4 itself reads all 1e6 points (uPlot's draw reads them too; since session 7 the pixel columns are found once per time column by binary search, lib/charts/m4.ts `columnStarts`, so the scan reads only the values: ~45% less time per 1e6 points than computing each point's column, measured in Node); for 100 × 1e4, ECharts' fixed cost per series (series model, data store, view, path) times 100. Both renders include the raster (a 1×1 getImageData).",
].join(" ");

const INK_WHY = [
  "What \"ink\" means (e2e/harness/ink.ts): the same ECharts scene rasterised twice, anti-aliased (the canvas the app draws) and with anti-aliasing off (SVG renderer, `shape-rendering: crispEdges`: a pixel is inked when its centre lies inside the stroke). `core` = centre inside and at least half covered; `partial` = centre inside or at least a quarter covered. The property: per series and pixel column, each render's core extent lies within the other's partial extent within 1 px, column for column.",
  "Why not the any-alpha extents: a 1-px stroke reaches half a pixel into the next column, and the raw line (~80 points per column) zigzags through a column's last half-pixel with dozens of near-vertical segments whose union covers the next column's pixels 60–90 % (measured), where M4's one segment to the column's last point covers little; that sideways fringe is not what M4 is about (its guarantee is the centre line's extent per column). Why not the aliased render alone: where a segment runs half a pixel from a column's pixel centres, those pixels are about half covered in both renders and Skia's 1/64-px vertex snapping puts the centre inside in one render and outside in the other.",
  "Causes found and fixed on the way (components/charts/exact-lines.ts, applied in the app's panels and in the harness alike): zrender's 2-px vertex thinning (`segmentIgnoreThreshold: 2`), and ECharts' polyline skipping every point within 0.71 px of the last drawn one, which moved the start of the next segment: when an M4 bucket's last point lay within 0.71 px of its max, the steep segment into the next column started from the max and crossed the column's pixel centres (5–20 px of ink the raw line does not have, in ~1 % of columns).",
].join(" ");

const stat = (ms: number[]) => `${fmt(median(ms), 1)} / ${fmt(percentile(ms, 95), 1)}`;

/** The B4 and B8 sections of BENCHMARKS.md, with the targets met or not. */
export function browserReport(r: BrowserBenchResult, runs: number): { sections: string; targets: (string | number)[][] } {
  const lines: string[] = [];
  lines.push("## B4 render", "");
  lines.push(`Load average when the browser benchmarks ended: ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores (shared with other work: absolute times are noisy; the ratios are measured side by side).`, "");
  lines.push(`One panel in headless Chromium ${r.chromium} (no GPU), ${SPEC.width}×${SPEC.height} canvas at device pixel ratio 1, random walks with spikes (seeded). Time from data in hand (Float64Array columns as the panels hold them, one time column shared by the series; uPlot gets the same arrays) to painted: ECharts' option built and set, then a 1×1 \`getImageData\` forces the raster (uPlot: after its draw microtask). \`M4\` includes our reduction. ${runs} runs per cell, interleaved; ms median / p95.`, "");
  const labels = [...new Set(r.b4.map((x) => x.label))];
  const rows = labels.map((label) => {
    const get = (m: Mode) => r.b4.find((x) => x.label === label && x.mode === m)!;
    const u = median(get("uplot").ms);
    return [label, stat(get("echarts").ms), `${stat(get("m4").ms)} (${get("m4").drawn} points drawn)`, stat(get("m4pairs").ms), stat(get("uplot").ms), `${fmt(median(get("echarts").ms) / u, 1)}× / ${fmt(median(get("m4").ms) / u, 2)}× / ${fmt(median(get("m4pairs").ms) / u, 2)}×`];
  });
  lines.push(table(["series × points", "raw ECharts", "ECharts + our M4", "… fed [x, y] pairs (before)", "uPlot reference", "ratio to uPlot: raw / M4 / M4 pairs"], rows), "");
  lines.push(B4_WHY, "");
  lines.push("Ink extent, per series (each drawn alone, with gaps), raw ECharts against ECharts + our M4, per pixel column (the same check as e2e/m4-ink.spec.ts; both with ECharts' vertex thinning off, as the app's panels draw):", "");
  lines.push(table(["case", "series", "columns where one render's core ink is outside the other's ink by > 1 px (the property)", "series with such a column", "columns where a render misses the data's extremes by > 1 px", "centre-inside (aliased) extents differ by > 1 px (recorded)", "any-alpha extents differ by > 1 px (recorded)"], r.ink.map((x) => [x.label, x.series, x.inkDiffer, x.seriesInkDiffer, x.misses, x.coreDiffer, x.aaDiffer])), "");
  lines.push(INK_WHY, "");

  lines.push("## B8 memory", "");
  lines.push(`1,000 series × 1,000 points (${r.b8.points.toLocaleString("en")} held) decoded by the app's own reader (lib/promql/frames/read.ts: binary frames deflated as the proxy sends them, or JSON frames) into PanelData (lib/panels/panel-data.ts \`buildPanelData\`) and held; JS heap plus ArrayBuffer backing stores (CDP Runtime.getHeapUsage usedSize + backingStorageSize) after forced GC (HeapProfiler.collectGarbage ×3), before and after; then 10 more refreshes (the same answer replacing the held data). \`pairs\` holds each series as \`[ms, value]\` arrays instead, PanelData's shape before columns, measured in the same run.`, "");
  lines.push(table(["wire → held as", "bytes per point", "growth over 10 refreshes"], r.b8.cells.map((c) => [`${c.wire} frames → ${c.shape === "samples" ? "PanelData columns (now)" : "[ms, value] pairs (before)"}`, fmt(c.bytesPerPoint, 1), `${fmt(c.growth10 / 1024, 1)} KiB`])), "");
  lines.push(B8_WHY, "");

  const big = (label: string, m: Mode) => median(r.b4.find((x) => x.label === label && x.mode === m)!.ms);
  const r10 = big("10 × 1e5", "m4") / big("10 × 1e5", "uplot");
  const r100 = big("100 × 1e4", "m4") / big("100 × 1e4", "uplot");
  const inkDiffer = r.ink.reduce((n, x) => n + x.inkDiffer, 0);
  const inkMiss = r.ink.reduce((n, x) => n + x.misses, 0);
  const coreDiffer = r.ink.reduce((n, x) => n + x.coreDiffer, 0);
  const aaDiffer = r.ink.reduce((n, x) => n + x.aaDiffer, 0);
  const inkColumns = r.ink.reduce((n, x) => n + x.series, 0) * SPEC.width;
  const b8 = r.b8.cells.find((c) => c.wire === "binary" && c.shape === "samples") ?? { bytesPerPoint: Number.NaN, growth10: Number.NaN };
  const targets: (string | number)[][] = [
    ["B4 10 × 1e5 painted no slower than uPlot (ratio ≤ 1.0)", `${fmt(r10, 2)}×`, r10 <= 1 ? "yes" : "no"],
    ["B4 100 × 1e4 within 2× of uPlot", `${fmt(r100, 2)}×`, r100 <= 2 ? "yes" : "no"],
    ["B4 every series' per-column ink extent = raw within 1 px", `${inkDiffer} of ${inkColumns} series-columns outside the other render's ink by > 1 px; ${inkMiss} miss the data's extremes (recorded: aliased extents differ in ${coreDiffer}, any-alpha extents in ${aaDiffer}: see B4)`, inkDiffer === 0 && inkMiss === 0 ? "yes (anti-aliasing set aside as defined in B4)" : "no"],
    ["B8 ≤ 40 bytes per point (binary frames → PanelData)", `${fmt(b8.bytesPerPoint, 1)} bytes`, b8.bytesPerPoint <= 40 ? "yes" : "no"],
    ["B8 ≤ 1 MB growth over 10 refreshes", `${fmt(b8.growth10 / 2 ** 20, 2)} MiB`, b8.growth10 <= 2 ** 20 ? "yes" : "no"],
  ];
  return { sections: lines.join("\n"), targets };
}
