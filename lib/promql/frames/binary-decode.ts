// The binary frames decoder (browser, worker, tests). The format is specified in binary-format.ts.
// Every read is length-checked: a truncated or garbled body throws a BinaryFrameError naming where.
import type { LabelSet } from "@/lib/promql/types";
import {
  BINARY_MAGIC,
  BINARY_VERSION,
  BinaryFrameError,
  FLAG_DEFLATE,
  FLAG_M4,
  HEADER,
  HEADER_BYTES,
  INDEX_BITMAP,
  INDEX_DELTAS,
  INDEX_RUN,
  MAX_DECIMALS,
  MAX_GRID_POINTS,
  POW10,
  VALUE_DECIMAL,
  VALUE_F32,
  VALUE_F64,
  readBinaryHeader,
} from "./binary-format";
import { asBytes, inflateBinaryFrame, inflateBinaryFrameSync } from "./binary-inflate";
import type { ColumnSeries, FramesData } from "./decode";
import { allGaps, clearGap } from "./gaps";

/** Largest number of cells (series × grid points) an unreduced frame is laid out on. */
export const MAX_GRID_CELLS = 100_000_000;

export { BinaryFrameError } from "./binary-format";
export { inflateBinaryFrame } from "./binary-inflate";

/** One series exactly as sent: grid indices, values (NaN at gap entries), and the gap bitmap. */
export interface BinarySeries {
  labels: LabelSet;
  idx: Float64Array;
  values: Float64Array;
  /** Bit i set = entry i is a gap (no sample), M4 frames only. */
  nulls: Uint8Array | null;
  /** How the series was coded (binary-format.ts INDEX_* and VALUE_*), for tests and the inspector. */
  coding: { index: number; value: number };
}

export interface BinaryFrame {
  startMs: number;
  stepMs: number;
  count: number;
  width?: number;
  fromMs?: number;
  toMs?: number;
  series: BinarySeries[];
  warnings: string[];
  infos: string[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const popcount8 = (b: number): number => {
  b = b - ((b >> 1) & 0x55);
  b = (b & 0x33) + ((b >> 2) & 0x33);
  return (b + (b >> 4)) & 0x0f;
};

class Reader {
  pos = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get left(): number {
    return this.bytes.length - this.pos;
  }
  need(n: number, where: string): void {
    if (n > this.left) throw new BinaryFrameError(where, `truncated: ${n} bytes needed at offset ${this.pos}, ${this.left} left`);
  }
  u8(where: string): number {
    this.need(1, where);
    return this.bytes[this.pos++]!;
  }
  varint(where: string): number {
    const b = this.bytes;
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= b.length) throw new BinaryFrameError(where, `truncated: a varint runs past the end (offset ${this.pos})`);
      const byte = b[this.pos++]!;
      v += (byte & 127) * mul;
      if (byte < 128) {
        if (v > Number.MAX_SAFE_INTEGER) throw new BinaryFrameError(where, `varint beyond 2^53 at offset ${this.pos - 1}`);
        return v;
      }
      mul *= 128;
    }
    throw new BinaryFrameError(where, `varint longer than 8 bytes at offset ${this.pos}`);
  }
  skipPadding(align: number, where: string): void {
    const n = (align - ((this.bytes.byteOffset + this.pos) % align)) % align;
    this.need(n, where);
    this.pos += n;
  }
}

function readMeta(r: Reader, length: number, seriesCount: number): { labels: LabelSet[]; warnings: string[]; infos: string[] } {
  r.need(length, "meta");
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(r.bytes.subarray(r.pos, r.pos + length)));
  } catch {
    throw new BinaryFrameError("meta", "not UTF-8 JSON");
  }
  r.pos += length;
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) throw new BinaryFrameError("meta", "expected an object");
  const { labels, warnings, infos } = meta as Record<string, unknown>;
  if (!Array.isArray(labels) || labels.length !== seriesCount) throw new BinaryFrameError("meta.labels", `expected an array of ${seriesCount} label sets`);
  labels.forEach((set, i) => {
    if (typeof set !== "object" || set === null || Array.isArray(set)) throw new BinaryFrameError(`meta.labels.${i}`, "expected an object of label values");
    for (const [name, value] of Object.entries(set)) if (typeof value !== "string") throw new BinaryFrameError(`meta.labels.${i}.${name}`, "expected a string");
  });
  const texts = (v: unknown, where: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new BinaryFrameError(where, "expected an array of strings");
    return v as string[];
  };
  return { labels: labels as LabelSet[], warnings: texts(warnings, "meta.warnings"), infos: texts(infos, "meta.infos") };
}

function readIndices(r: Reader, mode: number, count: number, where: string): Float64Array {
  if (mode === INDEX_RUN) {
    const first = r.varint(`${where}.first`);
    const n = r.varint(`${where}.n`);
    if (n > 0 && first + n > count) throw new BinaryFrameError(`${where}.n`, `entries ${first}..${first + n - 1} beyond the grid's ${count} points`);
    // Each entry costs at least one bit further on (a value or a gap bit): no allocation beyond the body.
    if (n > 8 * r.left) throw new BinaryFrameError(`${where}.n`, `truncated: ${n} entries cannot fit in the ${r.left} bytes left`);
    const idx = new Float64Array(n);
    for (let i = 0; i < n; i++) idx[i] = first + i;
    return idx;
  }
  if (mode === INDEX_DELTAS) {
    const n = r.varint(`${where}.n`);
    if (n > r.left) throw new BinaryFrameError(`${where}.n`, `truncated: ${n} index deltas cannot fit in the ${r.left} bytes left`);
    const idx = new Float64Array(n);
    let k = -1;
    for (let i = 0; i < n; i++) {
      const d = r.varint(`${where}.idx`);
      if (i > 0 && d < 1) throw new BinaryFrameError(`${where}.idx`, `index delta ${i} is 0: indices must increase`);
      k = i === 0 ? d : k + d;
      if (k >= count) throw new BinaryFrameError(`${where}.idx`, `index ${k} beyond the grid's ${count} points`);
      idx[i] = k;
    }
    return idx;
  }
  if (mode === INDEX_BITMAP) {
    const first = r.varint(`${where}.first`);
    const span = r.varint(`${where}.span`);
    if (span < 1 || first + span > count) throw new BinaryFrameError(`${where}.span`, `bitmap ${first}+${span} outside the grid's ${count} points`);
    const bytes = Math.ceil(span / 8);
    r.need(bytes, `${where}.bitmap`);
    const bits = r.bytes.subarray(r.pos, r.pos + bytes);
    r.pos += bytes;
    let n = 0;
    for (let i = 0; i < bytes; i++) n += popcount8(bits[i]!);
    if (span % 8 && bits[bytes - 1]! >> span % 8) throw new BinaryFrameError(`${where}.bitmap`, "bits set beyond the span");
    const idx = new Float64Array(n);
    let at = 0;
    for (let i = 0; i < bytes; i++) {
      let b = bits[i]!;
      while (b) {
        const low = b & -b;
        idx[at++] = first + i * 8 + (31 - Math.clz32(low));
        b ^= low;
      }
    }
    return idx;
  }
  throw new BinaryFrameError(`${where}.indexMode`, `unknown index coding ${mode}`);
}

function readValues(r: Reader, mode: number, m: number, where: string): Float64Array {
  if (mode === VALUE_F64 || mode === VALUE_F32) {
    const size = mode === VALUE_F64 ? 8 : 4;
    r.skipPadding(size, `${where}.padding`);
    r.need(size * m, `${where}.values`);
    const at = r.bytes.byteOffset + r.pos;
    let out: Float64Array;
    if (LITTLE_ENDIAN && mode === VALUE_F64) out = new Float64Array(r.bytes.buffer.slice(at, at + 8 * m));
    else if (LITTLE_ENDIAN) out = Float64Array.from(new Float32Array(r.bytes.buffer, at, m));
    else {
      out = new Float64Array(m);
      for (let i = 0; i < m; i++) out[i] = mode === VALUE_F64 ? r.view.getFloat64(r.pos + 8 * i, true) : r.view.getFloat32(r.pos + 4 * i, true);
    }
    r.pos += size * m;
    return out;
  }
  if (mode === VALUE_DECIMAL) {
    const d = r.u8(`${where}.decimals`);
    if (d > MAX_DECIMALS) throw new BinaryFrameError(`${where}.decimals`, `${d} decimals (at most ${MAX_DECIMALS})`);
    if (m > r.left) throw new BinaryFrameError(`${where}.values`, `truncated: ${m} values cannot fit in the ${r.left} bytes left`);
    const p = POW10[d]!;
    const out = new Float64Array(m);
    const b = r.bytes;
    let pos = r.pos;
    let k = 0;
    const end = b.length;
    for (let i = 0; i < m; i++) {
      if (pos >= end) throw new BinaryFrameError(`${where}.values`, `truncated: value ${i} runs past the end`);
      let byte = b[pos++]!;
      if (byte < 128) {
        // One byte (most deltas): zigzag with 32-bit operations.
        k += (byte >>> 1) ^ -(byte & 1);
      } else {
        let z = byte & 127;
        let mul = 128;
        for (let j = 1; j < 8 && byte >= 128; j++) {
          if (pos >= end) throw new BinaryFrameError(`${where}.values`, `truncated: value ${i} runs past the end`);
          byte = b[pos++]!;
          z += (byte & 127) * mul;
          mul *= 128;
        }
        if (byte >= 128 || z > Number.MAX_SAFE_INTEGER) throw new BinaryFrameError(`${where}.values`, `value ${i}: bad varint`);
        k += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      }
      out[i] = k / p;
    }
    r.pos = pos;
    return out;
  }
  throw new BinaryFrameError(`${where}.valueMode`, `unknown value coding ${mode}`);
}

/** decodeBinaryFrame for any body, compressed ones inflated with DecompressionStream first. */
export async function decodeBinaryFrameAsync(body: ArrayBuffer | Uint8Array): Promise<BinaryFrame> {
  return decodeBinaryFrame(await inflateBinaryFrame(body));
}

/**
 * A binary frames body, exactly as sent (every value, gap, NaN, ±Inf and −0 as encoded). Synchronous:
 * a compressed body is inflated here only in Node (zlib); browsers use decodeBinaryFrameAsync.
 */
export function decodeBinaryFrame(body: ArrayBuffer | Uint8Array): BinaryFrame {
  const r = new Reader(inflateBinaryFrameSync(asBytes(body)));
  r.need(HEADER_BYTES, "header");
  for (let i = 0; i < BINARY_MAGIC.length; i++) if (r.bytes[HEADER.magic + i] !== BINARY_MAGIC[i]) throw new BinaryFrameError("header.magic", "not a binary frames body");
  const version = r.bytes[HEADER.version]!;
  if (version !== BINARY_VERSION) throw new BinaryFrameError("header.version", `unsupported version ${version} (this client reads ${BINARY_VERSION})`);
  const { flags, reserved, startMs, stepMs, count, width, fromMs, toMs, seriesCount, metaLength } = readBinaryHeader(r.bytes);
  r.pos = HEADER_BYTES;
  if (flags & FLAG_DEFLATE) throw new BinaryFrameError("header.flags", "deflate flag on an inflated body");
  if (flags & ~FLAG_M4) throw new BinaryFrameError("header.flags", `unknown flags ${flags}`);
  if (reserved !== 0) throw new BinaryFrameError("header.reserved", "not 0");
  const m4 = (flags & FLAG_M4) !== 0;
  if (!Number.isFinite(startMs)) throw new BinaryFrameError("header.startMs", "not a finite number");
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) throw new BinaryFrameError("header.stepMs", "not a positive number");
  if (count > MAX_GRID_POINTS) throw new BinaryFrameError("header.count", `${count} grid points (at most ${MAX_GRID_POINTS})`);
  if (m4 && (width < 1 || !Number.isFinite(fromMs) || !Number.isFinite(toMs))) throw new BinaryFrameError("header.width", "an M4 frame needs a width and a finite x range");
  if (!m4 && seriesCount * count > MAX_GRID_CELLS) throw new BinaryFrameError("header.count", `${seriesCount} series × ${count} grid points exceed ${MAX_GRID_CELLS} cells`);
  // Each series takes at least 5 bytes (two codings, a flag, two varints).
  if (seriesCount * 5 > r.left) throw new BinaryFrameError("header.seriesCount", `truncated: ${seriesCount} series cannot fit in the ${r.left} bytes left`);
  const { labels, warnings, infos } = readMeta(r, metaLength, seriesCount);
  const series: BinarySeries[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const where = `series.${s}`;
    const indexMode = r.u8(`${where}.indexMode`);
    const idx = readIndices(r, indexMode, count, where);
    const n = idx.length;
    const valueMode = r.u8(`${where}.valueMode`);
    const nullFlag = r.u8(`${where}.nullFlag`);
    if (nullFlag > 1) throw new BinaryFrameError(`${where}.nullFlag`, `expected 0 or 1, got ${nullFlag}`);
    if (nullFlag && !m4) throw new BinaryFrameError(`${where}.nullFlag`, "gap entries only exist in M4 frames");
    let nulls: Uint8Array | null = null;
    let m = n;
    if (nullFlag) {
      const bytes = Math.ceil(n / 8);
      r.need(bytes, `${where}.nulls`);
      nulls = r.bytes.slice(r.pos, r.pos + bytes);
      r.pos += bytes;
      if (n % 8 && nulls[bytes - 1]! >> n % 8) throw new BinaryFrameError(`${where}.nulls`, "bits set beyond the entries");
      for (let i = 0; i < bytes; i++) m -= popcount8(nulls[i]!);
    }
    const stored = readValues(r, valueMode, m, where);
    let values = stored;
    if (nulls) {
      values = new Float64Array(n);
      let j = 0;
      for (let i = 0; i < n; i++) values[i] = (nulls[i >> 3]! >> (i & 7)) & 1 ? Number.NaN : stored[j++]!;
    }
    series.push({ labels: labels[s]!, idx, values, nulls, coding: { index: indexMode, value: valueMode } });
  }
  if (r.left !== 0) throw new BinaryFrameError("end", `${r.left} bytes after the last series`);
  return { startMs, stepMs, count, ...(m4 ? { width, fromMs, toMs } : {}), series, warnings, infos };
}

/**
 * The columns panels draw (the same FramesData as the JSON frames give): unreduced series share one
 * grid timestamp array, the grid points without an entry marked in a gap bitmap; M4 series get their
 * own timestamps and keep the frame's gap bitmap. NaN, ±Inf and −0 samples stay as sent. M4 series
 * take over the frame's value and gap arrays (no copy), so use the frame itself no more afterwards.
 */
export function binaryFrameColumns(frame: BinaryFrame): FramesData {
  let grid: Float64Array | undefined;
  const series = frame.series.map((s): ColumnSeries => {
    const n = s.idx.length;
    if (frame.width === undefined) {
      if (!grid) {
        grid = new Float64Array(frame.count);
        for (let i = 0; i < frame.count; i++) grid[i] = frame.startMs + i * frame.stepMs;
      }
      if (n === frame.count) return { labels: s.labels, x: grid, y: s.values, gaps: null };
      const y = new Float64Array(frame.count).fill(Number.NaN);
      const gaps = allGaps(frame.count);
      for (let i = 0; i < n; i++) {
        const at = s.idx[i]!;
        y[at] = s.values[i]!;
        clearGap(gaps, at);
      }
      return { labels: s.labels, x: grid, y, gaps };
    }
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = frame.startMs + s.idx[i]! * frame.stepMs;
    return { labels: s.labels, x, y: s.values, gaps: s.nulls };
  });
  return { resultType: "frames", ...(frame.width !== undefined ? { width: frame.width } : {}), series };
}
