import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PromQLError } from "@/lib/promql/types";
import { BinaryFrameError, binaryFrameColumns, decodeBinaryFrame, type BinaryFrame } from "./binary-decode";
import { encodeBinaryFrame } from "./binary-encode";
import { BINARY_MEDIA_TYPE, HEADER_BYTES, INDEX_BITMAP, INDEX_DELTAS, INDEX_RUN, VALUE_DECIMAL, VALUE_F32, VALUE_F64 } from "./binary-format";
import { encodeFramesBody } from "./body";
import { decodeFrame } from "./decode";
import { encodeFrame, type PromMatrixSeries } from "./encode";
import { readBinaryFramesAnswer } from "./read";
import { frameSchema } from "./schema";

const T0 = 1_700_000_000;

/** A value as Prometheus prints it (Go's FormatFloat: "-0", "NaN", "+Inf", "-Inf"). */
const promText = (v: number): string => (Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v));

// Value families: any double (NaN, ±Inf, ±0, subnormals included), Float32-exact values (f32
// subnormals, NaN, ±Inf, −0 included), integers, counters, gauges with two decimals.
const valueKind = fc.constantFrom("f64", "f32", "int", "counter", "decimal");
const valuesOf = (kind: string, n: number) => {
  switch (kind) {
    case "f64":
      return fc.array(fc.double(), { minLength: n, maxLength: n });
    case "f32":
      return fc.array(fc.float(), { minLength: n, maxLength: n });
    case "int":
      return fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: n, maxLength: n });
    case "counter":
      return fc.tuple(fc.nat(2 ** 45), fc.array(fc.nat(100_000), { minLength: n, maxLength: n })).map(([base, incs]) => {
        let c = base;
        return incs.map((d) => (c += d));
      });
    default:
      return fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: n, maxLength: n }).map((ks) => ks.map((k) => k / 100));
  }
};

const seriesArb = fc
  .record({ kind: valueKind, n: fc.integer({ min: 0, max: 150 }), offset: fc.integer({ min: 0, max: 30 }), holes: fc.constantFrom(0, 0.05, 0.5, 0.9) })
  .chain(({ kind, n, offset, holes }) =>
    fc.record({
      kind: fc.constant(kind),
      offset: fc.constant(offset),
      values: valuesOf(kind, n),
      present: fc.array(fc.double({ min: 0, max: 1, noNaN: true }).map((r) => r >= holes), { minLength: n, maxLength: n }),
    }),
  );

const matrixArb = fc.record({ stepS: fc.constantFrom(1, 15, 60, 0.5), series: fc.array(seriesArb, { maxLength: 5 }) }).map(({ stepS, series }) => ({
  stepS,
  kinds: series.map((s) => s.kind),
  // Per series: [grid index, value] of every sample (absent grid points are holes).
  samples: series.map((s) => s.values.flatMap((v, i): Array<[number, number]> => (s.present[i] ? [[s.offset + i, v]] : []))),
  result: series.map(
    (s, n): PromMatrixSeries => ({
      metric: { __name__: "m", n: String(n), kind: s.kind },
      values: s.values.flatMap((v, i): [number, string][] => (s.present[i] ? [[T0 + (s.offset + i) * stepS, promText(v)]] : [])),
    }),
  ),
}));

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** The exact entries of a decoded series: [grid index, value or null for a gap]. */
const entries = (frame: BinaryFrame, s: number): Array<[number, number | null]> => {
  const series = frame.series[s]!;
  return Array.from(series.idx, (k, i) => [k, series.nulls && (series.nulls[i >> 3]! >> (i & 7)) & 1 ? null : series.values[i]!]);
};

function expectSameEntries(got: Array<[number, number | null]>, want: Array<[number, number | null]>) {
  expect(got.map(([k]) => k)).toEqual(want.map(([k]) => k));
  got.forEach(([, v], i) => {
    const w = want[i]![1];
    if (w === null || v === null) expect(v).toBe(w);
    else if (!same(v, w)) expect.fail(`entry ${i}: got ${v} (${Object.is(v, -0) ? "-0" : ""}), want ${w}`);
  });
}

/** Zero sign aside (JSON has no −0), the columns as arrays. */
const plain = (a: Float64Array) => Array.from(a, (v) => (v === 0 ? 0 : v));

describe("binary frames", () => {
  it("decode(encode(matrix)) gives every sample back exactly: NaN, ±Inf, ±0, subnormals, gaps (property)", () => {
    fc.assert(
      fc.property(matrixArb, ({ stepS, samples, result, kinds }) => {
        const frame = encodeFrame(result, { stepMs: stepS * 1000 })!;
        const decoded = decodeBinaryFrame(encodeBinaryFrame(frame));
        expect(decoded.series.map((s) => s.labels)).toEqual(result.map((s) => s.metric));
        // Grid indices relative to the frame's start (the earliest sample).
        const base = Math.min(...samples.flatMap((s) => (s.length ? [s[0]![0]] : [])));
        samples.forEach((want, n) => {
          expectSameEntries(entries(decoded, n), want.map(([k, v]) => [k - base, v]));
          const { value } = decoded.series[n]!.coding;
          const values = want.map(([, v]) => v);
          // Float32 only when every value round-trips; DECIMAL only for finite values.
          if (value === VALUE_F32) expect(values.every((v) => Object.is(Math.fround(v), v) || Number.isNaN(v))).toBe(true);
          if (value === VALUE_DECIMAL) expect(values.every((v) => Number.isFinite(v) && !Object.is(v, -0))).toBe(true);
          if (kinds[n] === "f32" && values.length) expect(value === VALUE_F32 || value === VALUE_DECIMAL).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("gives panels the same columns as the JSON frames, with and without server M4 (property)", () => {
    fc.assert(
      fc.property(matrixArb, fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }), ({ stepS, result }, width) => {
        const fromMs = T0 * 1000;
        const opts = { stepMs: stepS * 1000, width, fromMs, toMs: fromMs + 200 * stepS * 1000 };
        const frame = encodeFrame(result, opts)!;
        const exact = decodeBinaryFrame(encodeBinaryFrame(frame));
        if (width !== undefined) {
          // M4 frames: the kept entries, gap markers (null) included, exactly as the JSON frame holds them.
          frame.series.forEach((s, n) => {
            let k = 0;
            const want = s.values.map((v, i): [number, number | null] => [(k += s.idx![i]!), v === null ? null : typeof v === "number" ? v : v === "NaN" ? Number.NaN : v === "+Inf" ? Infinity : -Infinity]);
            expectSameEntries(entries(exact, n), want);
          });
        }
        const fromBinary = binaryFrameColumns(exact);
        const fromJson = decodeFrame(frameSchema.parse(JSON.parse(JSON.stringify(frame))));
        expect(fromBinary.width).toBe(fromJson.width);
        expect(fromBinary.series.length).toBe(fromJson.series.length);
        fromBinary.series.forEach((s, n) => {
          expect(s.labels).toEqual(fromJson.series[n]!.labels);
          expect(plain(s.x)).toEqual(plain(fromJson.series[n]!.x));
          expect(plain(s.y)).toEqual(plain(fromJson.series[n]!.y));
        });
        // Unreduced series share one timestamp array, as the JSON frames' do.
        if (width === undefined && fromBinary.series.length > 1) expect(fromBinary.series[0]!.x).toBe(fromBinary.series[1]!.x);
      }),
      { numRuns: 150 },
    );
  });

  it("picks the smaller codings: runs, deltas, bitmaps; F32 for small integers, DECIMAL for counters and decimals", () => {
    const series = (values: Array<[number, string]>) => ({ metric: {}, values: values.map(([i, v]): [number, string] => [T0 + i * 15, v]) });
    const frame = encodeFrame(
      [
        series(Array.from({ length: 100 }, (_, i) => [i, String(Math.sin(i) * 1e3)])), // contiguous, full doubles
        series(Array.from({ length: 50 }, (_, i) => [i * 40, String(i % 7)])), // sparse, small integers
        series(Array.from({ length: 100 }, (_, i) => [i, String(1e12 + i * 37)])), // a counter beyond 2^24
        series(Array.from({ length: 90 }, (_, i) => [i + Math.floor(i / 9), String(i % 13 === 0 ? 0.35 : (i * 7) / 100)])), // dense with holes, 2 decimals
      ],
      { stepMs: 15_000 },
    )!;
    const body = encodeBinaryFrame(frame);
    const codings = decodeBinaryFrame(body).series.map((s) => s.coding);
    expect(codings).toEqual([
      { index: INDEX_RUN, value: VALUE_F64 },
      { index: INDEX_DELTAS, value: VALUE_DECIMAL },
      { index: INDEX_RUN, value: VALUE_DECIMAL },
      { index: INDEX_BITMAP, value: VALUE_DECIMAL },
    ]);
    // A counter of 100 values beyond 2^24 takes ~1 byte a value instead of 8.
    expect(body.length).toBeLessThan(HEADER_BYTES + 200 + 100 * 8 + 60 + 110 + 100 + 120);
    // F32 when every value fits and no DECIMAL coding is smaller: f32 values with many digits.
    const f32 = encodeFrame([series(Array.from({ length: 20 }, (_, i) => [i, String(Math.fround(Math.PI * (i + 1)))]))], { stepMs: 15_000 })!;
    expect(decodeBinaryFrame(encodeBinaryFrame(f32)).series[0]!.coding.value).toBe(VALUE_F32);
  });

  it("carries warnings and infos; the body is the binary media type", () => {
    const body = encodeFramesBody([{ metric: { a: "b" }, values: [[T0, "1"]] }], { wire: "binary", stepMs: 1000, warnings: ["partial"], infos: ["info"] })!;
    expect(body.contentType).toBe(BINARY_MEDIA_TYPE);
    const answer = readBinaryFramesAnswer(200, body.body as Uint8Array, "test");
    expect(answer).toMatchObject({ warnings: ["partial"], infos: ["info"], data: { resultType: "frames", series: [{ labels: { a: "b" } }] } });
    expect(encodeFramesBody([{ metric: {}, histograms: [[T0, {}]] }], { wire: "binary", stepMs: 1000 })).toBeNull();
  });

  it("refuses every truncation and survives garbling: a BinaryFrameError naming where, never another error (property)", () => {
    fc.assert(
      fc.property(matrixArb, fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), ({ stepS, result }, width, flips) => {
        const fromMs = T0 * 1000;
        const body = encodeBinaryFrame(encodeFrame(result, { stepMs: stepS * 1000, width, fromMs, toMs: fromMs + 100_000 * stepS })!);
        for (let cut = 0; cut < body.length; cut += Math.max(1, Math.floor(body.length / 60))) {
          expect(() => decodeBinaryFrame(body.subarray(0, cut))).toThrow(BinaryFrameError);
        }
        expect(() => decodeBinaryFrame(new Uint8Array([...body, 0]))).toThrow(/bytes after the last series/);
        const garbled = body.slice();
        for (const [at, xor] of flips) garbled[at % garbled.length]! ^= xor;
        try {
          decodeBinaryFrame(garbled);
        } catch (err) {
          expect(err).toBeInstanceOf(BinaryFrameError);
          expect((err as BinaryFrameError).where).toMatch(/^(header|meta|series|end|payload)/);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a garbled answer is a PromQLError for the panel, naming the place", () => {
    const body = encodeFramesBody([{ metric: { a: "b" }, values: [[T0, "1.5"], [T0 + 1, "2.5"]] }], { wire: "binary", stepMs: 1000 })!.body as Uint8Array;
    const cut = () => readBinaryFramesAnswer(200, body.subarray(0, body.length - 3), 'datasource "prom" (query_range)');
    expect(cut).toThrow(PromQLError);
    expect(cut).toThrow(/Unexpected binary frame from datasource "prom" \(query_range\): series\.0\.\w+: truncated/);
    expect(() => readBinaryFramesAnswer(200, new TextEncoder().encode('{"status":"success"}'), "x")).toThrow(/header(\.magic)?: /);
    // A huge declared grid is refused before anything is allocated.
    const big = body.slice();
    new DataView(big.buffer).setUint32(24, 4_000_000_000, true);
    expect(() => decodeBinaryFrame(big)).toThrow(/header\.count/);
  });
});
