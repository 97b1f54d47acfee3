/**
 * Binary frames, version 1 (`application/vnd.orrery.frames+binary`, or `format=frames-bin`): the same
 * frame as the JSON frames (schema.ts) in fewer bytes. Shared by the encoder (server) and the decoder
 * (browser, worker); nothing here imports zod or Node.
 *
 * Every multi-byte number is little-endian. `varint` = unsigned LEB128 (7 bits per byte, low group
 * first, high bit = more follows) of an integer ≤ 2^53, at most 8 bytes. `zigzag(k)` = 2k for k ≥ 0,
 * −2k−1 for k < 0 (arithmetic, not bit operations: values go beyond 32 bits).
 *
 * ```
 * header, 56 bytes
 *    0  4 × u8  magic "OFRB"
 *    4  u8      version = 1
 *    5  u8      flags: bit 0 = M4 (the server reduced each series for `width` pixel columns)
 *                      bit 1 = DEFLATE (the payload after the header is compressed, below)
 *    6  u16     reserved, 0
 *    8  f64     startMs          grid point i is at startMs + i × stepMs, 0 ≤ i < count
 *   16  f64     stepMs  (> 0)
 *   24  u32     count            grid points (≤ MAX_GRID_POINTS)
 *   28  u32     width            pixel columns (M4), else 0
 *   32  f64     fromMs           the M4 plot's x range (M4), else 0
 *   40  f64     toMs
 *   48  u32     seriesCount
 *   52  u32     metaLength       bytes of the meta block
 * meta, metaLength bytes: UTF-8 JSON {"labels":[{name: value}, … one per series],
 *                                      "warnings"?: [string], "infos"?: [string]}   (labels once)
 * then, per series (seriesCount times):
 *   u8  indexMode, then its data: which grid points the series' entries sit on (strictly
 *       increasing, each < count; n = the number of entries)
 *        0 RUN     varint first, varint n              entries at first, first+1, …, first+n−1
 *        1 DELTAS  varint n, then n varints            the first absolute, each next one added (≥ 1)
 *        2 BITMAP  varint first, varint span, ⌈span/8⌉ bytes   bit j (byte j>>3, bit j&7, LSB first)
 *                  set = an entry at first + j; n = the number of set bits
 *   u8  valueMode   how the values are stored (below)
 *   u8  nullFlag    0, or 1: a null bitmap of ⌈n/8⌉ bytes follows (bit i set = entry i has no sample:
 *                  a gap marker that M4 kept); values are stored for the other m entries only
 *   values, by valueMode:
 *        0 F64     zero padding to a multiple of 8 from the body's start, m × IEEE 754 binary64
 *        1 F32     padding to a multiple of 4, m × binary32; only when EVERY value of the series
 *                  round-trips (Object.is(Math.fround(v), v), or NaN), e.g. integers below 2^24:
 *                  never lossy
 *        2 DECIMAL u8 d (≤ 15), then m varints zigzag(k_i − k_(i−1)) (k_(−1) = 0); the value is
 *                  k_i / 10^d. Only when every value is finite and not −0 and the encoder checked
 *                  Object.is(k / 10^d, v) for each, computed as the decoder computes it (counters,
 *                  integer gauges, gauges with few decimals: mostly 1–3 bytes a value)
 * ```
 * Compression (flag bit 1, DEFLATE): `next start` gzips only text and +json types, and a route handler
 * cannot set Content-Encoding, so the format compresses itself. The encoder sets the flag when the
 * uncompressed body is larger than 16 KB and deflate saves at least 10%; the body is then
 * ```
 *    0  56 bytes  the header as above, flags with bit 1 set
 *   56  u32       inflatedLength: the bytes of the uncompressed payload (meta + series)
 *   60  …         a raw DEFLATE stream (RFC 1951, no zlib/gzip wrapper) of that payload, to the body's end
 * ```
 * Inflated, the payload follows the header with bit 1 cleared, and that uncompressed body is decoded
 * as above (padding counts from its start). The decoder refuses an inflatedLength above
 * MAX_INFLATED_BYTES or beyond what deflate can produce from the stream's size, stops inflating at
 * inflatedLength bytes, and refuses a stream that is garbled, ends early, inflates to another
 * length, or has bytes after its end (BinaryFrameError "payload"; bytes after the end are ignored where
 * the runtime's DecompressionStream ignores them, as Node 20's does: browsers refuse them).
 *
 * The (uncompressed) body ends exactly after the last series. Without M4 every entry is a sample and the decoder
 * lays the series on the shared grid (gaps = grid points without an entry); with M4 each series gets
 * its own timestamps from its entries. NaN and ±Inf travel as IEEE values (F64/F32), −0 and
 * subnormals too. The decoder checks every length and index before it reads or allocates, and
 * refuses a truncated, garbled or trailing-garbage body with an error naming where.
 */
export const BINARY_MEDIA_TYPE = "application/vnd.orrery.frames+binary";
export const BINARY_FORMAT_VALUE = "frames-bin";
export const BINARY_MAGIC = [0x4f, 0x46, 0x52, 0x42] as const; // "OFRB"
export const BINARY_VERSION = 1;
export const HEADER_BYTES = 56;
/** Byte offset of each header field (the table above): the encoder and the decoder both use these. */
export const HEADER = {
  magic: 0,
  version: 4,
  flags: 5,
  reserved: 6,
  startMs: 8,
  stepMs: 16,
  count: 24,
  width: 28,
  fromMs: 32,
  toMs: 40,
  seriesCount: 48,
  metaLength: 52,
  /** In a compressed body only: the inflated payload's length, right after the header. */
  inflatedLength: HEADER_BYTES,
} as const;
export const FLAG_M4 = 1;
export const FLAG_DEFLATE = 2;
/** Bytes before the deflate stream of a compressed body: the header and inflatedLength. */
export const DEFLATE_PREFIX_BYTES = HEADER_BYTES + 4;
/** Largest payload a compressed body may inflate to (a hostile or garbled length must not allocate more). */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/** Deflate's best ratio is about 1032:1: a stated length beyond this many bytes per stream byte is garbled. */
export const MAX_DEFLATE_RATIO = 1100;
/** The encoder compresses bodies larger than this, when deflate saves at least DEFLATE_MIN_SAVING. */
export const DEFLATE_MIN_BYTES = 16 * 1024;
export const DEFLATE_MIN_SAVING = 0.1;

export const INDEX_RUN = 0;
export const INDEX_DELTAS = 1;
export const INDEX_BITMAP = 2;

export const VALUE_F64 = 0;
export const VALUE_F32 = 1;
export const VALUE_DECIMAL = 2;
export const MAX_DECIMALS = 15;

/** Largest grid the decoder lays series on (a garbled count must not allocate gigabytes). */
export const MAX_GRID_POINTS = 10_000_000;

/** 10^d exactly (every power up to 10^22 is an exact double). */
export const POW10: readonly number[] = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => Number(`1e${d}`));

/** A body's error, naming where it broke (`header.count`, `series.3.values`, `payload`, …). */
export class BinaryFrameError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "BinaryFrameError";
  }
}

/** The header's fields after magic and version, as stored (not checked: the decoder checks them). */
export interface BinaryHeader {
  flags: number;
  startMs: number;
  stepMs: number;
  count: number;
  width: number;
  fromMs: number;
  toMs: number;
  seriesCount: number;
  metaLength: number;
}

/** Writes the whole header (magic and version included) into the first HEADER_BYTES of `bytes`. */
export function writeBinaryHeader(bytes: Uint8Array, h: BinaryHeader): void {
  if (bytes.length < HEADER_BYTES) throw new RangeError("binary frames: no room for the header");
  const v = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  bytes.set(BINARY_MAGIC, HEADER.magic);
  v.setUint8(HEADER.version, BINARY_VERSION);
  v.setUint8(HEADER.flags, h.flags);
  v.setUint16(HEADER.reserved, 0, true);
  v.setFloat64(HEADER.startMs, h.startMs, true);
  v.setFloat64(HEADER.stepMs, h.stepMs, true);
  v.setUint32(HEADER.count, h.count, true);
  v.setUint32(HEADER.width, h.width, true);
  v.setFloat64(HEADER.fromMs, h.fromMs, true);
  v.setFloat64(HEADER.toMs, h.toMs, true);
  v.setUint32(HEADER.seriesCount, h.seriesCount, true);
  v.setUint32(HEADER.metaLength, h.metaLength, true);
}

/** Whether `bytes` starts with the magic and this version (at least that many bytes long). */
export function hasBinaryMagic(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER.version + 1) return false;
  for (let i = 0; i < BINARY_MAGIC.length; i++) if (bytes[HEADER.magic + i] !== BINARY_MAGIC[i]) return false;
  return bytes[HEADER.version] === BINARY_VERSION;
}

/** The header's fields of a body at least HEADER_BYTES long (magic and version checked by the caller). */
export function readBinaryHeader(bytes: Uint8Array): BinaryHeader & { reserved: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return {
    flags: v.getUint8(HEADER.flags),
    reserved: v.getUint16(HEADER.reserved, true),
    startMs: v.getFloat64(HEADER.startMs, true),
    stepMs: v.getFloat64(HEADER.stepMs, true),
    count: v.getUint32(HEADER.count, true),
    width: v.getUint32(HEADER.width, true),
    fromMs: v.getFloat64(HEADER.fromMs, true),
    toMs: v.getFloat64(HEADER.toMs, true),
    seriesCount: v.getUint32(HEADER.seriesCount, true),
    metaLength: v.getUint32(HEADER.metaLength, true),
  };
}
