// The binary frames encoder (server side). The format is specified in binary-format.ts.
import {
  FLAG_M4,
  HEADER_BYTES,
  INDEX_BITMAP,
  INDEX_DELTAS,
  INDEX_RUN,
  MAX_DECIMALS,
  POW10,
  VALUE_DECIMAL,
  VALUE_F32,
  VALUE_F64,
  writeBinaryHeader,
} from "./binary-format";
import type { Frame, FrameValue } from "./schema";

/** A growable little-endian byte writer. */
class Writer {
  buf = new Uint8Array(4096);
  view = new DataView(this.buf.buffer);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  varint(v: number): void {
    this.ensure(8);
    while (v >= 128) {
      this.buf[this.pos++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  pad(align: number): void {
    const n = (align - (this.pos % align)) % align;
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.pos++] = 0;
  }
}

const varintLength = (v: number): number => {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
};
const zigzag = (k: number): number => (k >= 0 ? 2 * k : -2 * k - 1);

const numeric = (v: FrameValue): number => (typeof v === "number" ? v : v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number.NaN);

/** Whether every value survives Float32 exactly (NaN stays NaN, ±Inf, −0 and f32 subnormals too). */
function fitsF32(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Object.is(Math.fround(v), v) && !Number.isNaN(v)) return false;
  }
  return true;
}

/** k with k / 10^d exactly v, or null. */
function scaled(v: number, d: number): number | null {
  const k = Math.round(v * POW10[d]!);
  if (!Number.isSafeInteger(k) || !Object.is(k / POW10[d]!, v) || Object.is(k, -0)) return null;
  return k;
}

/**
 * The DECIMAL coding when every value is finite and equals k / 10^d for one d ≤ 15 (checked
 * exactly, as the decoder computes it) with safe integer deltas: its d, scaled integers and size.
 */
function decimalCoding(values: Float64Array): { d: number; ks: Float64Array; bytes: number } | null {
  let d = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || Object.is(v, -0)) return null;
    while (scaled(v, d) === null) if (++d > MAX_DECIMALS) return null;
  }
  const ks = new Float64Array(values.length);
  let bytes = 1;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const k = scaled(values[i]!, d);
    if (k === null || Math.abs(k - prev) > 2 ** 52) return null;
    bytes += varintLength(zigzag(k - prev));
    ks[i] = k;
    prev = k;
  }
  return { d, ks, bytes };
}

/** One series as entries: grid indices (strictly increasing), values, and which entries are gaps. */
interface Entries {
  idx: number[];
  values: Float64Array;
  nulls: Uint8Array | null;
}

function entriesOf(values: readonly FrameValue[], idxDeltas: readonly number[] | undefined): Entries {
  if (idxDeltas === undefined) {
    // Unreduced: one value per grid point, null where the series has no sample.
    const idx: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] !== null) idx.push(i);
    const out = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++) out[j] = numeric(values[idx[j]!]!);
    return { idx, values: out, nulls: null };
  }
  const idx = new Array<number>(values.length);
  let k = 0;
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    k += idxDeltas[i]!;
    idx[i] = k;
    if (values[i] === null) nullCount++;
  }
  const nulls = nullCount ? new Uint8Array(Math.ceil(values.length / 8)) : null;
  const out = new Float64Array(values.length - nullCount);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) nulls![i >> 3]! |= 1 << (i & 7);
    else out[m++] = numeric(v);
  }
  return { idx, values: out, nulls };
}

function writeIndices(w: Writer, idx: readonly number[]): void {
  const n = idx.length;
  if (n === 0) {
    w.u8(INDEX_RUN);
    w.varint(0);
    w.varint(0);
    return;
  }
  const first = idx[0]!;
  const span = idx[n - 1]! - first + 1;
  if (span === n) {
    w.u8(INDEX_RUN);
    w.varint(first);
    w.varint(n);
    return;
  }
  let deltaBytes = varintLength(n) + varintLength(first);
  for (let i = 1; i < n; i++) deltaBytes += varintLength(idx[i]! - idx[i - 1]!);
  const bitmapBytes = varintLength(first) + varintLength(span) + Math.ceil(span / 8);
  if (bitmapBytes < deltaBytes) {
    w.u8(INDEX_BITMAP);
    w.varint(first);
    w.varint(span);
    const bits = new Uint8Array(Math.ceil(span / 8));
    for (let i = 0; i < n; i++) {
      const j = idx[i]! - first;
      bits[j >> 3]! |= 1 << (j & 7);
    }
    w.bytes(bits);
    return;
  }
  w.u8(INDEX_DELTAS);
  w.varint(n);
  w.varint(first);
  for (let i = 1; i < n; i++) w.varint(idx[i]! - idx[i - 1]!);
}

export interface BinaryMeta {
  warnings?: readonly string[];
  infos?: readonly string[];
}

/** A frame (encode.ts) as a binary frames body (binary-format.ts). */
export function encodeBinaryFrame(frame: Frame, meta: BinaryMeta = {}): Uint8Array {
  const w = new Writer();
  const m4 = frame.width !== undefined;
  const metaJson: Record<string, unknown> = { labels: frame.series.map((s) => s.labels) };
  if (meta.warnings?.length) metaJson.warnings = meta.warnings;
  if (meta.infos?.length) metaJson.infos = meta.infos;
  const metaBytes = new TextEncoder().encode(JSON.stringify(metaJson));
  w.ensure(HEADER_BYTES);
  writeBinaryHeader(w.buf, {
    flags: m4 ? FLAG_M4 : 0,
    startMs: frame.startMs,
    stepMs: frame.stepMs,
    count: frame.count,
    width: m4 ? frame.width! : 0,
    fromMs: m4 ? (frame.fromMs ?? 0) : 0,
    toMs: m4 ? (frame.toMs ?? 0) : 0,
    seriesCount: frame.series.length,
    metaLength: metaBytes.length,
  });
  w.pos = HEADER_BYTES;
  w.bytes(metaBytes);
  for (const s of frame.series) {
    const { idx, values, nulls } = entriesOf(s.values, s.idx);
    writeIndices(w, idx);
    const m = values.length;
    const decimal = m > 0 ? decimalCoding(values) : null;
    const f32 = fitsF32(values);
    if (decimal && decimal.bytes < (f32 ? 4 : 8) * m) {
      w.u8(VALUE_DECIMAL);
      w.u8(nulls ? 1 : 0);
      if (nulls) w.bytes(nulls);
      w.u8(decimal.d);
      let prev = 0;
      for (let i = 0; i < m; i++) {
        const k = decimal.ks[i]!;
        w.varint(zigzag(k - prev));
        prev = k;
      }
      continue;
    }
    w.u8(f32 ? VALUE_F32 : VALUE_F64);
    w.u8(nulls ? 1 : 0);
    if (nulls) w.bytes(nulls);
    if (f32) {
      w.pad(4);
      w.ensure(4 * m);
      for (let i = 0; i < m; i++) w.view.setFloat32(w.pos + 4 * i, values[i]!, true);
      w.pos += 4 * m;
    } else {
      w.pad(8);
      w.ensure(8 * m);
      for (let i = 0; i < m; i++) w.view.setFloat64(w.pos + 8 * i, values[i]!, true);
      w.pos += 8 * m;
    }
  }
  return w.buf.slice(0, w.pos);
}
