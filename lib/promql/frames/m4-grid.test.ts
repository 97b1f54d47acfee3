// Server-side M4 on the chart's own pixel columns (issue 7): the client sends its device-pixel grid
// (`width` + `grid_from_ms` / `grid_to_ms`, as lib/promql/frames/client.ts builds the form), the proxy
// reduces over exactly those buckets (lib/promql/proxy/frames.ts → encode.ts), and the chart's own M4
// (components/panels/time-series/decimate.ts lineData) then sees, in every one of its columns, the same
// first, minimum, maximum and last point as it does when it reduces the raw answer itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineData } from "@/components/panels/time-series/decimate";
import { pixelGrid, type PixelGrid } from "@/lib/charts/pixel-grid";
import { pixelColumn } from "@/lib/charts/m4";
import { matrixToColumns, Samples } from "@/lib/panels/panel-data";
import { framesBody, takeFramesRequest } from "@/lib/promql/proxy/frames";
import type { Envelope } from "@/lib/promql/types";
import { parseFrame } from "./decode";
import type { PromMatrixSeries } from "./encode";
import { FRAMES_GRID_FROM_PARAM, FRAMES_GRID_TO_PARAM, FRAMES_WIDTH_PARAM } from "./schema";

const T0_S = 1_700_000_000;

interface Case {
  stepS: number;
  values: Array<number | null | "NaN">;
  offset: number;
  /** The panel's range: [start, end] of the query, in grid steps from T0. */
  rangeSteps: number;
  leftPx: number;
  widthPx: number;
  pixelRatio: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  stepS: fc.constantFrom(1, 15, 60),
  // Random walks with spikes, holes (null: no sample) and NaN samples; many points per column.
  values: fc.array(fc.oneof({ weight: 12, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant("NaN" as const) }), { minLength: 1, maxLength: 3000 }),
  offset: fc.integer({ min: 0, max: 50 }),
  rangeSteps: fc.integer({ min: 10, max: 3100 }),
  // Where ECharts put the x axis: fractional CSS px (the y labels' width), any device pixel ratio.
  leftPx: fc.double({ min: 0, max: 80, noNaN: true }),
  widthPx: fc.double({ min: 20, max: 400, noNaN: true }),
  pixelRatio: fc.constantFrom(1, 1.25, 1.5, 2, 3),
});

function matrixOf(c: Case): PromMatrixSeries {
  const values: [number, string][] = [];
  c.values.forEach((v, i) => {
    if (v !== null) values.push([T0_S + (c.offset + i) * c.stepS, String(v)]);
  });
  return { metric: { __name__: "m" }, values };
}

/** Per column of the grid: the drawn points' first, minimum, maximum and last (gaps skipped). */
function columnSummary(data: Float64Array, grid: PixelGrid): Map<number, { first: number[]; last: number[]; min: number; max: number }> {
  const out = new Map<number, { first: number[]; last: number[]; min: number; max: number }>();
  for (let i = 0; i < data.length; i += 2) {
    const t = data[i]!;
    const v = data[i + 1]!;
    if (!Number.isFinite(v)) continue;
    const col = pixelColumn(t, grid.x0, grid.x1, grid.columns);
    const s = out.get(col);
    if (!s) out.set(col, { first: [t, v], last: [t, v], min: v, max: v });
    else {
      s.last = [t, v];
      s.min = Math.min(s.min, v);
      s.max = Math.max(s.max, v);
    }
  }
  return out;
}

/** The answer through the proxy's frames path, asked for as the dashboard asks (JSON wire), as the chart's points. */
function throughProxy(c: Case, matrix: PromMatrixSeries, form: URLSearchParams): Samples {
  const req = takeFramesRequest(form, null)!;
  const sent = new URLSearchParams({ start: String(T0_S), end: String(T0_S + c.rangeSteps * c.stepS), step: String(c.stepS) });
  const envelope = { status: "success", data: { resultType: "matrix", result: [matrix] } } as Envelope;
  const body = framesBody(envelope, sent, req)!;
  const parsed = parseFrame((JSON.parse(body.body as string) as { data: unknown }).data);
  if (!("frame" in parsed)) throw new Error(parsed.reason);
  const series = parsed.frame.series[0];
  return series ? Samples.fromColumns(series) : Samples.fromPairs([]);
}

function gridOf(c: Case): PixelGrid {
  return pixelGrid(T0_S * 1000, (T0_S + c.rangeSteps * c.stepS) * 1000, { leftPx: c.leftPx, widthPx: c.widthPx }, c.pixelRatio);
}

function sameColumns(c: Case, form: (grid: PixelGrid) => URLSearchParams): boolean {
  const matrix = matrixOf(c);
  const grid = gridOf(c);
  const rawPoints = Samples.fromColumns(matrixToColumns([matrix], c.stepS * 1000)[0]!);
  const expected = columnSummary(lineData(rawPoints, grid, true).data, grid);
  const actual = columnSummary(lineData(throughProxy(c, matrix, form(grid)), grid, true).data, grid);
  expect([...actual.entries()]).toEqual([...expected.entries()]);
  return true;
}

/** The form as fetchRangeFrames builds it for a grid. */
const gridForm = (grid: PixelGrid) =>
  new URLSearchParams({ format: "frames", [FRAMES_WIDTH_PARAM]: String(grid.columns), [FRAMES_GRID_FROM_PARAM]: String(grid.x0), [FRAMES_GRID_TO_PARAM]: String(grid.x1) });

describe("server-side M4 on the chart's pixel grid", () => {
  it("keeps every chart column's first, min, max and last exactly as the chart's M4 on the raw answer", () => {
    fc.assert(fc.property(caseArb, (c) => sameColumns(c, gridForm)), { numRuns: 300 });
  });

  it("does not without the grid: `width` columns over [start, end] straddle the chart's columns", () => {
    // The old request (width only, rounded up to 128 as the panels asked) loses extremes inside
    // columns the two grids split differently: the property above is not a tautology.
    const widthOnly = (grid: PixelGrid) => new URLSearchParams({ format: "frames", [FRAMES_WIDTH_PARAM]: String(Math.ceil(grid.columns / 128) * 128) });
    const result = fc.check(
      fc.property(caseArb, (c) => {
        try {
          return sameColumns(c, widthOnly);
        } catch (e) {
          // Only a column that differs counts; anything else is a broken test.
          if ((e as Error).name === "AssertionError") return false;
          throw e;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});

describe("the M4 grid parameters", () => {
  const ask = (extra: Record<string, string>) => takeFramesRequest(new URLSearchParams({ format: "frames", ...extra }), null);

  it("are taken off the parameters (never sent upstream, never in a cache key) and read exactly", () => {
    const params = new URLSearchParams({ format: "frames", query: "up", width: "1000", grid_from_ms: "1700000000123.25", grid_to_ms: "1700003600000.5" });
    expect(takeFramesRequest(params, null)).toEqual({ wire: "json", width: 1000, grid: { fromMs: 1700000000123.25, toMs: 1700003600000.5 } });
    expect([...params.keys()]).toEqual(["query"]);
  });

  it("answer 400 naming what is wrong", () => {
    expect(() => ask({ grid_from_ms: "1", grid_to_ms: "2" })).toThrow(/need "width"/);
    expect(() => ask({ width: "100", grid_from_ms: "1" })).toThrow(/"grid_to_ms"/);
    expect(() => ask({ width: "100", grid_from_ms: "abc", grid_to_ms: "2" })).toThrow(/"grid_from_ms": "abc"/);
    expect(() => ask({ width: "100", grid_from_ms: "5", grid_to_ms: "5" })).toThrow(/must be after/);
    expect(() => ask({ width: "100", grid_from_ms: "1", grid_to_ms: "Infinity" })).toThrow(/"grid_to_ms"/);
    try {
      ask({ width: "100", grid_from_ms: "1" });
    } catch (e) {
      expect((e as { status?: number }).status).toBe(400);
    }
  });
});
