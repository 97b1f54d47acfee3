import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isGap, pixelColumn } from "@/lib/charts/m4";
import { decodeFrame, parseFrame } from "./decode";
import { hasGap } from "./gaps";
import { encodeFrame, frameValue, type PromMatrixSeries } from "./encode";
import { frameSchema } from "./schema";

const T0 = 1_700_000_000;

/** What the panels draw from a Prometheus series: ms timestamps and values (null for NaN/±Inf). */
function drawnFromMatrix(s: PromMatrixSeries): Array<[number, number | null]> {
  return (s.values ?? []).map(([t, v]) => [Math.round(t * 1000), Number.isFinite(Number(v)) ? Number(v) : null]);
}

/** A Prometheus series' samples exactly: ms timestamps, values with NaN and ±Inf as numbers. */
function exactFromMatrix(s: PromMatrixSeries): Array<[number, number]> {
  const num = (v: string) => (v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v));
  return (s.values ?? []).map(([t, v]) => [Math.round(t * 1000), num(v)]);
}

const matrixArb = fc
  .record({
    stepS: fc.constantFrom(1, 15, 30, 60, 0.5),
    series: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 20 }),
        values: fc.array(fc.option(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "+Inf", "-Inf")), { freq: 5 }), { maxLength: 200 }),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ stepS, series }) => ({
    stepS,
    result: series.map((s, n): PromMatrixSeries => ({
      metric: { __name__: "m", n: String(n) },
      // null = no sample at that grid point (a hole in the series).
      values: s.values.flatMap((v, i): [number, string][] => (v === null ? [] : [[T0 + (s.offset + i) * stepS, typeof v === "string" ? v : String(v)]])),
    })),
  }));

describe("frames", () => {
  it("decode(encode(matrix)) gives every sample back at its timestamp (property)", () => {
    fc.assert(
      fc.property(matrixArb, ({ stepS, result }) => {
        const frame = encodeFrame(result, { stepMs: stepS * 1000 });
        expect(frame).not.toBeNull();
        // What goes on the wire is valid JSON of the schema (NaN/Inf as text).
        const wire = JSON.parse(JSON.stringify(frame));
        const decoded = decodeFrame(frameSchema.parse(wire));
        expect(decoded.series.map((s) => s.labels)).toEqual(result.map((s) => s.metric));
        decoded.series.forEach((s, n) => {
          // Every sample back exactly (NaN and ±Inf too); grid points without a sample are gaps.
          const samples: Array<[number, number]> = [];
          for (let i = 0; i < s.x.length; i++) if (!hasGap(s.gaps, i)) samples.push([s.x[i]!, s.y[i]!]);
          expect(samples).toEqual(exactFromMatrix(result[n]!));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("keeps NaN and ±Inf as Prometheus's text, which JSON can carry", () => {
    expect([frameValue("NaN"), frameValue("+Inf"), frameValue("-Inf"), frameValue("1e-7"), frameValue("-0.5")]).toEqual(["NaN", "+Inf", "-Inf", 1e-7, -0.5]);
    const frame = encodeFrame([{ metric: {}, values: [[T0, "NaN"], [T0 + 1, "+Inf"], [T0 + 2, "3"]] }], { stepMs: 1000 })!;
    expect(JSON.stringify(frame.series[0]!.values)).toBe('["NaN","+Inf",3]');
  });

  it("shares one timestamp array between series and stores labels once", () => {
    const frame = encodeFrame(
      [
        { metric: { a: "1" }, values: [[T0, "1"], [T0 + 60, "2"]] },
        { metric: { a: "2" }, values: [[T0 + 60, "5"]] },
      ],
      { stepMs: 60_000 },
    )!;
    expect(frame).toMatchObject({ startMs: T0 * 1000, stepMs: 60_000, count: 2 });
    expect(frame.series.map((s) => s.values)).toEqual([[1, 2], [null, 5]]);
    const decoded = decodeFrame(frame);
    expect(decoded.series[0]!.x).toBe(decoded.series[1]!.x);
  });

  it("refuses what it cannot encode exactly: native histograms, timestamps off the step grid", () => {
    expect(encodeFrame([{ metric: {}, histograms: [[T0, {}]] }], { stepMs: 1000 })).toBeNull();
    expect(encodeFrame([{ metric: {}, values: [[T0, "1"], [T0 + 1.5, "2"]] }], { stepMs: 1000 })).toBeNull();
    expect(encodeFrame([{ metric: {}, values: [[T0 + 1, "1"], [T0, "2"]] }], { stepMs: 1000 })).toBeNull();
  });

  it("with a width, keeps each pixel column's first, last, min and max per series (server M4)", () => {
    fc.assert(
      fc.property(matrixArb, fc.integer({ min: 1, max: 40 }), ({ stepS, result }, width) => {
        const fromMs = T0 * 1000;
        const toMs = fromMs + 240 * stepS * 1000;
        const frame = encodeFrame(result, { stepMs: stepS * 1000, width, fromMs, toMs })!;
        const decoded = decodeFrame(JSON.parse(JSON.stringify(frame)));
        expect(decoded.width).toBe(width);
        decoded.series.forEach((s, n) => {
          // Raw runs: holes in the grid and NaN/±Inf both break the line.
          const raw = drawnFromMatrix(result[n]!);
          const stepMs = stepS * 1000;
          const summary = (pts: Array<[number, number | null]>) => {
            const out: Array<[number, number, number, number, number]> = [];
            let prevT = Number.NaN;
            let open = false;
            for (const [t, v] of pts) {
              const contiguous = t - prevT === stepMs;
              prevT = t;
              if (isGap(v)) {
                open = false;
                continue;
              }
              const col = pixelColumn(t, fromMs, toMs, width);
              const cur = out.at(-1);
              if (open && contiguous && cur && cur[0] === col) {
                cur[2] = v!;
                cur[3] = Math.min(cur[3], v!);
                cur[4] = Math.max(cur[4], v!);
              } else out.push([col, v!, v!, v!, v!]);
              open = true;
            }
            return out;
          };
          // The decoded series marks breaks as gaps (kept gap markers) or non-finite values; consecutive kept points of one run may skip grid points.
          const kept: Array<[number, number | null]> = [];
          for (let i = 0; i < s.x.length; i++) kept.push([s.x[i]!, hasGap(s.gaps, i) || !Number.isFinite(s.y[i]!) ? null : s.y[i]!]);
          const keptSummary: Array<[number, number, number, number, number]> = [];
          let open = false;
          for (const [t, v] of kept) {
            if (v === null) {
              open = false;
              continue;
            }
            const col = pixelColumn(t, fromMs, toMs, width);
            const cur = keptSummary.at(-1);
            if (open && cur && cur[0] === col) {
              cur[2] = v;
              cur[3] = Math.min(cur[3], v);
              cur[4] = Math.max(cur[4], v);
            } else keptSummary.push([col, v, v, v, v]);
            open = true;
          }
          expect(keptSummary).toEqual(summary(raw));
          expect(s.x.length).toBeLessThanOrEqual(raw.length + raw.length);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("M4 makes a long series small: 10,000 points at 1,200 px", () => {
    const values: [number, string][] = Array.from({ length: 10_000 }, (_, i) => [T0 + i * 15, String(Math.sin(i / 50) * 100 + (i % 7))]);
    const fromMs = T0 * 1000;
    const frame = encodeFrame([{ metric: { a: "b" }, values }], { stepMs: 15_000, width: 1200, fromMs, toMs: fromMs + 9_999 * 15_000 })!;
    expect(frame.series[0]!.values.length).toBeLessThanOrEqual(4800);
    expect(frame.series[0]!.idx![0]).toBe(0);
    expect(frame.series[0]!.idx!.slice(1).every((d) => d >= 1)).toBe(true);
    const proms = JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { a: "b" }, values }] } }).length;
    expect(JSON.stringify(frame).length).toBeLessThan(proms / 2);
  });

  it("parseFrame names what is wrong with a malformed frame", () => {
    expect(parseFrame({ encoding: "frames/v1", resultType: "matrix", startMs: 0, stepMs: 0, count: 1, series: [] })).toMatchObject({ reason: expect.stringContaining("stepMs") });
    expect(parseFrame({ encoding: "frames/v1", resultType: "matrix", startMs: 0, stepMs: 1, count: 1, series: [{ labels: {}, values: "x" }] })).toMatchObject({ reason: expect.stringContaining("values") });
  });
});
