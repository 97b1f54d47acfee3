// Browser entry for the render harness (bundled by build-harness.ts, loaded with page.setContent):
// draws one series set with ECharts (raw, or reduced by our M4) or with uPlot, paints, and reads
// each pixel column's vertical ink extent. Used by e2e/m4-ink.spec.ts and `npm run bench` (B4, B8).
// It imports ECharts itself (not components/charts/echart.tsx): a bare canvas with no React, axes or
// theme, so the two renders differ only in their data.
import { LineChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import uPlot from "uplot";
import { drawEveryLineVertex } from "@/components/charts/exact-lines";
import { interleave, m4, m4Interleaved } from "@/lib/charts/m4";
import { readBinaryFramesAnswerAsync, readFramesAnswer } from "@/lib/promql/frames/read";
import { buildPanelData, type PanelData } from "@/lib/panels/panel-data";
import { Samples } from "@/lib/panels/samples";

echarts.use([LineChart, GridComponent, CanvasRenderer, SVGRenderer]);
// As components/charts/echart.tsx does: zrender draws every vertex (no 2-px thinning).
drawEveryLineVertex();

export interface HarnessSeries {
  x: number[];
  y: Array<number | null>;
}

export interface RenderSpec {
  width: number;
  height: number;
  x0: number;
  x1: number;
  yMin: number;
  yMax: number;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

function host(spec: RenderSpec): HTMLDivElement {
  document.body.replaceChildren();
  const div = document.createElement("div");
  div.style.cssText = `width:${spec.width}px;height:${spec.height}px;position:absolute;left:0;top:0`;
  document.body.appendChild(div);
  return div;
}

/** Forces the raster: Chromium draws canvases lazily, and a pixel read waits for the drawing. */
function forcePaint(canvas: HTMLCanvasElement) {
  canvas.getContext("2d")!.getImageData(0, 0, 1, 1);
}

let chart: echarts.EChartsType | undefined;
let plot: uPlot | undefined;

function dispose() {
  chart?.dispose();
  chart = undefined;
  plot?.destroy();
  plot = undefined;
}

/**
 * How the series reach ECharts: one interleaved Float64Array `[x, y, …]` (NaN = gap), as our panels
 * hand unstacked lines over, or the `[x, y]` pair per point they used before (the bench compares both).
 */
export type EChartsInput = "pairs" | "typed";

/** ECharts as our panels configure it: lines, no symbols, no animation, sampling off. */
function renderECharts(series: HarnessSeries[], spec: RenderSpec, reduce: boolean, input: EChartsInput = "typed", renderer: "canvas" | "svg" = "canvas"): { ms: number; points: number; phases: Record<string, number> } {
  dispose();
  const div = host(spec);
  const t0 = performance.now();
  let points = 0;
  const data = series.map((s) => {
    if (input === "typed") {
      const d = reduce ? m4Interleaved(s, spec.x0, spec.x1, spec.width) : interleave(s);
      points += d.length / 2;
      return d;
    }
    const r = reduce ? m4(s, spec.x0, spec.x1, spec.width) : s;
    points += r.x.length;
    const d = new Array<[number, number | null]>(r.x.length);
    for (let i = 0; i < r.x.length; i++) d[i] = [r.x[i]!, r.y[i] ?? null];
    return d;
  });
  const t1 = performance.now();
  chart = echarts.init(div, null, { renderer, devicePixelRatio: 1 });
  const t2 = performance.now();
  chart.setOption({
    animation: false,
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: "value", min: spec.x0, max: spec.x1, show: false },
    yAxis: { type: "value", min: spec.yMin, max: spec.yMax, show: false },
    series: data.map((d, i) => ({
      type: "line",
      data: d,
      ...(input === "typed" ? { dimensions: ["x", "y"], encode: { x: 0, y: 1 } } : {}),
      showSymbol: false,
      sampling: "none",
      connectNulls: false,
      lineStyle: { width: 1, join: "round" },
      color: COLORS[i % COLORS.length],
      animation: false,
      silent: true,
    })),
  } as echarts.EChartsCoreOption);
  const t3 = performance.now();
  if (renderer === "canvas") forcePaint(div.querySelector("canvas")!);
  const t4 = performance.now();
  return { ms: t4 - t0, points, phases: { prepare: t1 - t0, init: t2 - t1, setOption: t3 - t2, raster: t4 - t3 } };
}

/** The uPlot reference: the same data, one shared x (uPlot's model), drawn and painted. */
async function renderUPlot(series: HarnessSeries[], spec: RenderSpec): Promise<{ ms: number; points: number }> {
  dispose();
  const div = host(spec);
  const t0 = performance.now();
  // uPlot needs one x array: our bench series share theirs.
  const data = [series[0]!.x, ...series.map((s) => s.y)] as uPlot.AlignedData;
  plot = new uPlot(
    {
      width: spec.width,
      height: spec.height,
      pxAlign: 0,
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: false, range: [spec.x0, spec.x1] }, y: { range: [spec.yMin, spec.yMax] } },
      series: [{}, ...series.map((_, i) => ({ stroke: COLORS[i % COLORS.length], width: 1, points: { show: false }, spanGaps: false }))],
    },
    data,
    div,
  );
  // uPlot draws in a microtask after the constructor; the pixel read waits for it.
  await new Promise<void>((r) => queueMicrotask(r));
  forcePaint(div.querySelector("canvas")!);
  return { ms: performance.now() - t0, points: series.reduce((n, s) => n + s.x.length, 0) };
}

/** Per pixel column of the chart's canvas, the topmost and bottommost pixel with alpha ≥ `minAlpha` (any ink by default); -1 where none. */
function inkExtents(minAlpha = 1): { top: number[]; bottom: number[] } {
  return inkOf(document.querySelector("canvas")!, minAlpha);
}

function inkOf(canvas: HTMLCanvasElement, minAlpha: number): { top: number[]; bottom: number[] } {
  const alpha = alphaOf(canvas);
  return extentsWhere(canvas.width, canvas.height, (i) => alpha[i]! >= minAlpha);
}

/** Alpha (0–255) of every pixel of a canvas, row by row. */
function alphaOf(canvas: HTMLCanvasElement): Uint8Array {
  const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
  const out = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < out.length; i++) out[i] = px[i * 4 + 3]!;
  return out;
}

/**
 * The same chart as `renderECharts`, drawn by ECharts' SVG renderer and rasterised by Chromium with
 * anti-aliasing off (`shape-rendering: crispEdges`): a pixel is inked exactly when its centre lies
 * inside the stroke's outline. Returns each pixel's alpha (0 or 255).
 */
async function aliasedAlpha(series: HarnessSeries[], spec: RenderSpec, reduce: boolean): Promise<Uint8Array> {
  renderECharts(series, spec, reduce, "typed", "svg");
  const svg = document.querySelector("svg")!;
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = spec.width;
    canvas.height = spec.height;
    canvas.getContext("2d")!.drawImage(img, 0, 0);
    return alphaOf(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Per pixel column, the topmost and bottommost pixel where `inked(i)` (i = y * width + x); -1 where none. */
function extentsWhere(width: number, height: number, inked: (i: number) => boolean): { top: number[]; bottom: number[] } {
  const top = new Array<number>(width).fill(-1);
  const bottom = new Array<number>(width).fill(-1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (inked(y * width + x)) {
        if (top[x] === -1) top[x] = y;
        bottom[x] = y;
      }
    }
  }
  return { top, bottom };
}

/** Anti-aliased alpha of a pixel the stroke covers at least half of (core ink) / a quarter of (partial ink). */
const CORE_INK_ALPHA = 128;
const PARTIAL_INK_ALPHA = 64;

/**
 * One series' ink, per pixel column (e2e/harness/ink.ts compares two of them), drawn by ECharts as
 * `renderECharts` draws it, raw or M4-reduced:
 * - `aa`: any ink (alpha > 0) on the anti-aliased canvas, as the app draws;
 * - `centre`: pixels whose centre lies inside the stroke (the render with anti-aliasing off);
 * - `core`: pixels whose centre lies inside the stroke (the render with anti-aliasing off) and that
 *   the anti-aliased stroke covers at least half of;
 * - `partial`: pixels whose centre lies inside the stroke, or that the anti-aliased stroke covers at
 *   least a quarter of.
 */
async function inkOfSeries(series: HarnessSeries[], spec: RenderSpec, reduce: boolean): Promise<{ points: number; aa: Extents; centre: Extents; core: Extents; partial: Extents }> {
  const { points } = renderECharts(series, spec, reduce);
  const aa = alphaOf(document.querySelector("canvas")!);
  const aliased = await aliasedAlpha(series, spec, reduce);
  const { width, height } = spec;
  return {
    points,
    aa: extentsWhere(width, height, (i) => aa[i]! > 0),
    centre: extentsWhere(width, height, (i) => aliased[i]! > 0),
    core: extentsWhere(width, height, (i) => aliased[i]! > 0 && aa[i]! >= CORE_INK_ALPHA),
    partial: extentsWhere(width, height, (i) => aliased[i]! > 0 || aa[i]! >= PARTIAL_INK_ALPHA),
  };
}

type Extents = { top: number[]; bottom: number[] };

/**
 * Per pixel column, the data's own extremes in canvas rows (ECharts maps yMax to row 0 and yMin to
 * the height), over the points that belong to a drawn segment (a lone point between gaps draws nothing).
 */
function dataExtents(s: HarnessSeries, spec: RenderSpec): { top: number[]; bottom: number[] } {
  const top = new Array<number>(spec.width).fill(Infinity);
  const bottom = new Array<number>(spec.width).fill(-Infinity);
  const drawn = (i: number) => i >= 0 && i < s.y.length && s.y[i] !== null;
  for (let i = 0; i < s.x.length; i++) {
    const v = s.y[i];
    if (v === null || v === undefined || !(drawn(i - 1) || drawn(i + 1))) continue;
    const col = Math.min(spec.width - 1, Math.floor(((s.x[i]! - spec.x0) / (spec.x1 - spec.x0)) * spec.width));
    const row = ((spec.yMax - v) / (spec.yMax - spec.yMin)) * spec.height;
    top[col] = Math.min(top[col]!, row);
    bottom[col] = Math.max(bottom[col]!, row);
  }
  return { top, bottom };
}

/** Random walks with spikes and gaps, seeded (the same data in every page and run). */
function makeSeries(count: number, points: number, seed: number, gaps = true): HarnessSeries[] {
  let s = seed >>> 0 || 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const x = Array.from({ length: points }, (_, i) => i * 1000);
  return Array.from({ length: count }, () => {
    let v = rand() * 100;
    const y = new Array<number | null>(points);
    const spikeEvery = 500 + Math.floor(rand() * 5000);
    for (let i = 0; i < points; i++) {
      v += (rand() - 0.5) * 4;
      y[i] = i % spikeEvery === 0 ? v + (rand() - 0.5) * 400 : v;
      if (gaps && rand() < 0.0005) {
        const len = 1 + Math.floor(rand() * 200);
        for (let k = 0; k < len && i < points; k++) y[i++] = null;
        i--;
      }
    }
    return { x, y };
  });
}

/** B7: a frames body or Prometheus body to number arrays, as the panels do (ms, values). */
function decodeBody(kind: "frames" | "prometheus", text: string): { ms: number; points: number } {
  const t0 = performance.now();
  let points = 0;
  if (kind === "frames") {
    const answer = readFramesAnswer(200, text, "bench");
    if (answer.data.resultType !== "frames") throw new Error("not a frame");
    for (const s of answer.data.series) points += Samples.fromColumns(s).drawnColumns().x.length;
  } else {
    const body = JSON.parse(text) as { data: { result: Array<{ values: [number, string][] }> } };
    for (const s of body.data.result) {
      const pts = s.values.map(([t, v]): [number, number | null] => [Math.round(t * 1000), Number.isFinite(Number(v)) ? Number(v) : null]);
      points += pts.length;
    }
  }
  return { ms: performance.now() - t0, points };
}

/**
 * B8: decodes a range answer with the app's own readers (binary or JSON frames, lib/promql/frames/read.ts)
 * into PanelData (lib/panels/panel-data.ts buildPanelData) and holds it as the dashboard does, so the
 * heap can be measured. `shape` "pairs" holds each series as `[ms, value]` points instead (PanelData's
 * shape before columns, via toPairs), for the before/after comparison in one run.
 */
const held: unknown[] = [];
async function holdPanelData(body: string | Uint8Array, shape: "samples" | "pairs", replace: boolean): Promise<number> {
  if (replace) held.length = 0;
  const answer = typeof body === "string" ? readFramesAnswer(200, body, "bench") : await readBinaryFramesAnswerAsync(200, body, "bench");
  const data: PanelData = buildPanelData([{ refId: "A", legendFormat: "", data: answer.data, stepMs: 15_000 }]);
  let points = 0;
  for (const s of data.series) points += s.samples.length;
  held.push(shape === "samples" ? data : data.series.map((s) => s.samples.toPairs()));
  return points;
}

function dropPanelData(): void {
  held.length = 0;
}

Object.assign(window, { harness: { m4, renderECharts, renderUPlot, inkExtents, inkOfSeries, dataExtents, makeSeries, decodeBody, holdPanelData, dropPanelData, dispose } });
