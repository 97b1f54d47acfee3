// Server side: compresses a binary frames body (binary-format.ts, flag DEFLATE). Node only (zlib).
import { deflateRawSync } from "node:zlib";
import { DEFLATE_MIN_BYTES, DEFLATE_MIN_SAVING, DEFLATE_PREFIX_BYTES, FLAG_DEFLATE, HEADER, HEADER_BYTES } from "./binary-format";

export interface CompressOptions {
  /** Bodies up to this size stay uncompressed (default DEFLATE_MIN_BYTES). */
  minBytes?: number;
  /** The least fraction deflate must save (default DEFLATE_MIN_SAVING). */
  minSaving?: number;
  /** zlib level (default 6). */
  level?: number;
}

/**
 * An uncompressed binary frames body (encodeBinaryFrame) with its payload deflated, when it is
 * larger than `minBytes` and deflate saves at least `minSaving`; otherwise the body itself.
 */
export function compressBinaryFrame(body: Uint8Array, opts: CompressOptions = {}): Uint8Array {
  const { minBytes = DEFLATE_MIN_BYTES, minSaving = DEFLATE_MIN_SAVING, level = 6 } = opts;
  if (body.length <= minBytes || body.length < HEADER_BYTES) return body;
  if (body[HEADER.flags]! & FLAG_DEFLATE) return body;
  const payload = body.subarray(HEADER_BYTES);
  const stream = deflateRawSync(payload, { level });
  const size = DEFLATE_PREFIX_BYTES + stream.length;
  if (size > body.length * (1 - minSaving)) return body;
  const out = new Uint8Array(size);
  out.set(body.subarray(0, HEADER_BYTES));
  out[HEADER.flags] = out[HEADER.flags]! | FLAG_DEFLATE;
  new DataView(out.buffer).setUint32(HEADER.inflatedLength, payload.length, true);
  out.set(stream, DEFLATE_PREFIX_BYTES);
  return out;
}
