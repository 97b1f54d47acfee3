import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PromQLError } from "@/lib/promql/types";
import { compressBinaryFrame } from "./binary-compress";
import { BinaryFrameError, decodeBinaryFrame, decodeBinaryFrameAsync, inflateBinaryFrame, type BinaryFrame } from "./binary-decode";
import { encodeBinaryFrame } from "./binary-encode";
import { DEFLATE_PREFIX_BYTES, FLAG_DEFLATE, HEADER_BYTES, MAX_INFLATED_BYTES } from "./binary-format";
import { binaryFrameFuzzBody } from "./binary-fuzz";
import { encodeFramesBody } from "./body";
import { encodeFrame, type PromMatrixSeries } from "./encode";
import { decodeFramesMessage, readBinaryFramesAnswerAsync } from "./read";

const T0 = 1_700_000_000;
const ALWAYS = { minBytes: 0, minSaving: -1 };

/** NaN-aware, −0-aware equality of two decoded frames (toEqual treats 0 and −0 alike). */
function expectSameFrame(got: BinaryFrame, want: BinaryFrame) {
  const plain = (f: BinaryFrame) => ({ ...f, series: f.series.map((s) => ({ ...s, values: Array.from(s.values, (v) => (Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v)) })) });
  expect(plain(got)).toEqual(plain(want));
}

const valueArb = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 10_000 }).map((k) => k / 100));
const matrixArb = fc
  .record({
    stepS: fc.constantFrom(1, 15, 60),
    width: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    series: fc.array(fc.record({ offset: fc.nat(20), values: fc.array(fc.option(valueArb, { nil: null, freq: 5 }), { maxLength: 200 }) }), { maxLength: 4 }),
  })
  .map(({ stepS, width, series }) => ({
    stepS,
    width,
    result: series.map(
      (s, n): PromMatrixSeries => ({
        metric: { __name__: "m", n: String(n) },
        values: s.values.flatMap((v, i): [number, string][] =>
          v === null ? [] : [[T0 + (s.offset + i) * stepS, Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v)]],
        ),
      }),
    ),
  }));

const bodyOf = ({ stepS, width, result }: { stepS: number; width?: number; result: PromMatrixSeries[] }) =>
  encodeBinaryFrame(encodeFrame(result, { stepMs: stepS * 1000, width, fromMs: T0 * 1000, toMs: (T0 + 300 * stepS) * 1000 })!);

/** A large, compressible unreduced answer: 20 counters and gauges over 2000 steps. */
const bigMatrix: PromMatrixSeries[] = Array.from({ length: 20 }, (_, n) => ({
  metric: { __name__: "up", instance: `host-${n}:9100`, job: "node" },
  values: Array.from({ length: 2000 }, (_, i): [number, string] => [T0 + i * 15, String(n % 2 ? 1 : 1000 + Math.floor(i / 10) * 7)]),
}));

describe("binary frames: deflate-compressed payload", () => {
  it("round trip with compression on: the sync (zlib) and async (DecompressionStream) decoders give exactly the uncompressed frame (property)", async () => {
    await fc.assert(
      fc.asyncProperty(matrixArb, async (m) => {
        const plain = bodyOf(m);
        const packed = compressBinaryFrame(plain, ALWAYS);
        expect(packed[5]! & FLAG_DEFLATE).toBe(FLAG_DEFLATE);
        expect(new DataView(packed.buffer).getUint32(HEADER_BYTES, true)).toBe(plain.length - HEADER_BYTES);
        const want = decodeBinaryFrame(plain);
        expectSameFrame(decodeBinaryFrame(packed), want);
        expectSameFrame(await decodeBinaryFrameAsync(packed), want);
        // Inflated, the body is the uncompressed body byte for byte.
        expect(Buffer.from(await inflateBinaryFrame(packed)).equals(Buffer.from(plain))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("the encoder compresses only large bodies, and only when deflate saves at least 10%", () => {
    const big = encodeFramesBody(bigMatrix, { wire: "binary", stepMs: 15_000 })!.body as Uint8Array;
    const raw = encodeFramesBody(bigMatrix, { wire: "binary", stepMs: 15_000, compress: false })!.body as Uint8Array;
    expect(raw.length).toBeGreaterThan(16 * 1024);
    expect(big[5]! & FLAG_DEFLATE).toBe(FLAG_DEFLATE);
    expect(big.length).toBeLessThanOrEqual(raw.length * 0.9);
    const small = encodeFramesBody(bigMatrix.slice(0, 1).map((s) => ({ ...s, values: s.values!.slice(0, 100) })), { wire: "binary", stepMs: 15_000 })!.body as Uint8Array;
    expect(small[5]! & FLAG_DEFLATE).toBe(0);
    // The thresholds: at or below minBytes, or saving less than minSaving, the body goes as it is.
    expect(compressBinaryFrame(raw, { minBytes: raw.length })).toBe(raw);
    const saving = 1 - big.length / raw.length;
    expect(compressBinaryFrame(raw, { minSaving: saving + 0.01 })).toBe(raw);
    expect(compressBinaryFrame(raw, { minSaving: saving - 0.01 })).toEqual(big);
    // Compressing twice is a no-op.
    expect(compressBinaryFrame(big, ALWAYS)).toBe(big);
  });

  it("a truncated or garbled compressed body is a BinaryFrameError on both paths, never another error (property)", async () => {
    const packed = compressBinaryFrame(encodeFramesBody(bigMatrix, { wire: "binary", stepMs: 15_000, compress: false })!.body as Uint8Array, ALWAYS);
    const both = async (body: Uint8Array, expectError: boolean) => {
      let sync: unknown = null;
      let async: unknown = null;
      try {
        decodeBinaryFrame(body);
      } catch (err) {
        sync = err;
      }
      try {
        await decodeBinaryFrameAsync(body);
      } catch (err) {
        async = err;
      }
      for (const err of [sync, async]) {
        if (expectError) expect(err).toBeInstanceOf(BinaryFrameError);
        else if (err !== null) expect(err).toBeInstanceOf(BinaryFrameError);
      }
    };
    for (let cut = HEADER_BYTES; cut < packed.length; cut += Math.floor(packed.length / 25)) await both(packed.subarray(0, cut), true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const garbled = packed.slice();
        for (const [at, xor] of flips) garbled[DEFLATE_PREFIX_BYTES + (at % (garbled.length - DEFLATE_PREFIX_BYTES))]! ^= xor;
        await both(garbled, false);
      }),
      { numRuns: 60 },
    );
  });

  it("names a garbled stream, a wrong or oversized stated length, and bytes after the stream", async () => {
    const plain = bodyOf({ stepS: 15, result: bigMatrix.slice(0, 3) });
    const packed = compressBinaryFrame(plain, ALWAYS);
    const withLength = (n: number) => {
      const b = packed.slice();
      new DataView(b.buffer).setUint32(HEADER_BYTES, n, true);
      return b;
    };
    const stated = plain.length - HEADER_BYTES;
    for (const decode of [async (b: Uint8Array) => decodeBinaryFrame(b), decodeBinaryFrameAsync]) {
      await expect(decode(withLength(stated - 1))).rejects.toThrow(/^payload: deflate stream inflates to more than the stated/);
      await expect(decode(withLength(stated + 1))).rejects.toThrow(/^payload: deflate stream inflates to \d+ bytes, the header says/);
      await expect(decode(withLength(MAX_INFLATED_BYTES + 1))).rejects.toThrow(/^payload\.inflatedLength: \d+ bytes \(at most/);
      // Beyond deflate's ratio for the stream's size: refused before inflating.
      await expect(decode(withLength(MAX_INFLATED_BYTES - 1))).rejects.toThrow(/^payload\.inflatedLength: .*cannot come from/);
      const junk = packed.slice();
      junk.fill(0xff, DEFLATE_PREFIX_BYTES, DEFLATE_PREFIX_BYTES + 8);
      await expect(decode(junk)).rejects.toThrow(/^payload: garbled deflate stream/);
      await expect(decode(packed.subarray(0, DEFLATE_PREFIX_BYTES - 2))).rejects.toThrow(/^payload\.inflatedLength: truncated/);
    }
    // Bytes after the deflate stream: zlib (sync) names them; browsers' DecompressionStream refuses
    // them too ("junk after end"), Node 20's ignores them: then the frame is the one sent, nothing more.
    await expect(Promise.resolve().then(() => decodeBinaryFrame(new Uint8Array([...packed, 1, 2, 3])))).rejects.toThrow(/^payload: 3 bytes after the end of the deflate stream/);
    try {
      expectSameFrame(await decodeBinaryFrameAsync(new Uint8Array([...packed, 1, 2, 3])), decodeBinaryFrame(plain));
    } catch (err) {
      expect(err).toBeInstanceOf(BinaryFrameError);
    }
  });

  it("readers: the async reader and the worker message inflate; a bad body is a PromQLError naming the place", async () => {
    const body = encodeFramesBody(bigMatrix, { wire: "binary", stepMs: 15_000, warnings: ["slow store"] })!.body as Uint8Array;
    expect(body[5]! & FLAG_DEFLATE).toBe(FLAG_DEFLATE);
    const answer = await readBinaryFramesAnswerAsync(200, body, "t");
    expect(answer.warnings).toEqual(["slow store"]);
    expect(answer.data.resultType === "frames" && answer.data.series.map((s) => s.y[1999])).toEqual(bigMatrix.map((s) => Number(s.values![1999]![1])));
    const reply = await decodeFramesMessage({ id: 3, status: 200, source: "t", bytes: body.slice().buffer });
    expect("ok" in reply && reply.ok.data.resultType).toBe("frames");
    const cut = readBinaryFramesAnswerAsync(200, body.subarray(0, body.length - 40), 'datasource "prom" (query_range)');
    await expect(cut).rejects.toBeInstanceOf(PromQLError);
    await expect(readBinaryFramesAnswerAsync(200, body.subarray(0, body.length - 40), "x")).rejects.toThrow(/Unexpected binary frame from x: payload: garbled deflate stream/);
    const bad = await decodeFramesMessage({ id: 4, status: 200, source: "t", bytes: body.slice(0, body.length - 40).buffer });
    expect("error" in bad && bad.error.message).toMatch(/payload: garbled deflate stream/);
  });

  it("the fuzz corpus holds compressed bodies, and the decoder meets them with BinaryFrameError only", () => {
    let compressed = 0;
    for (let i = 0; i < 300; i++) {
      const body = binaryFrameFuzzBody({ i });
      if (body.length > 5 && body[5]! & FLAG_DEFLATE) compressed++;
      try {
        decodeBinaryFrame(body);
      } catch (err) {
        expect(err).toBeInstanceOf(BinaryFrameError);
      }
    }
    expect(compressed).toBeGreaterThan(0);
  });
});
