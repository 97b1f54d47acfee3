// Inflates a compressed binary frames body (binary-format.ts, flag DEFLATE): the counterpart of
// binary-compress.ts. Browsers and workers use DecompressionStream; Node may also inflate synchronously.
import { BinaryFrameError, DEFLATE_PREFIX_BYTES, FLAG_DEFLATE, HEADER, HEADER_BYTES, MAX_DEFLATE_RATIO, MAX_INFLATED_BYTES, hasBinaryMagic } from "./binary-format";

export const asBytes = (body: ArrayBuffer | Uint8Array): Uint8Array => (body instanceof Uint8Array ? body : new Uint8Array(body));

/** A compressed body's stated inflated length and deflate stream, or null for an uncompressed body. */
function deflated(bytes: Uint8Array): { inflatedLength: number; stream: Uint8Array } | null {
  if (bytes.length < HEADER_BYTES || !(bytes[HEADER.flags]! & FLAG_DEFLATE) || !hasBinaryMagic(bytes)) return null;
  if (bytes.length < DEFLATE_PREFIX_BYTES) throw new BinaryFrameError("payload.inflatedLength", `truncated: ${DEFLATE_PREFIX_BYTES} bytes needed, ${bytes.length} there`);
  const inflatedLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(HEADER.inflatedLength, true);
  const stream = bytes.subarray(DEFLATE_PREFIX_BYTES);
  if (inflatedLength > MAX_INFLATED_BYTES) throw new BinaryFrameError("payload.inflatedLength", `${inflatedLength} bytes (at most ${MAX_INFLATED_BYTES})`);
  if (inflatedLength > MAX_DEFLATE_RATIO * (stream.length + 1)) throw new BinaryFrameError("payload.inflatedLength", `${inflatedLength} bytes cannot come from a ${stream.length}-byte deflate stream`);
  return { inflatedLength, stream };
}

/** The uncompressed body: the header with the DEFLATE flag cleared, then the inflated payload. */
function uncompressedBody(header: Uint8Array, payload: Uint8Array, inflatedLength: number): Uint8Array {
  if (payload.length !== inflatedLength) throw new BinaryFrameError("payload", `deflate stream inflates to ${payload.length} bytes, the header says ${inflatedLength}`);
  const out = new Uint8Array(HEADER_BYTES + inflatedLength);
  out.set(header.subarray(0, HEADER_BYTES));
  out[HEADER.flags] = out[HEADER.flags]! & ~FLAG_DEFLATE;
  out.set(payload, HEADER_BYTES);
  return out;
}

type InflateRawSync = (buf: Uint8Array, opts: { maxOutputLength: number; info: true }) => { buffer: Uint8Array; engine: { bytesWritten: number } };

/** Node's zlib when this runs in Node (tests, fuzz, scripts); browsers have no synchronous inflate. */
function nodeInflateRawSync(): InflateRawSync | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = typeof proc?.getBuiltinModule === "function" ? (proc.getBuiltinModule("node:zlib") as { inflateRawSync?: InflateRawSync } | undefined) : undefined;
  return zlib?.inflateRawSync ?? null;
}

/** Synchronous inflate (Node only): the uncompressed body, or the body itself when it is not compressed. */
export function inflateBinaryFrameSync(bytes: Uint8Array): Uint8Array {
  const d = deflated(bytes);
  if (!d) return bytes;
  const inflateRaw = nodeInflateRawSync();
  if (!inflateRaw) throw new BinaryFrameError("payload", "deflate-compressed: decode it with decodeBinaryFrameAsync (no synchronous inflate here)");
  let out: { buffer: Uint8Array; engine: { bytesWritten: number } };
  try {
    // One byte more than stated, so a stream that inflates to more is told from one that fits.
    out = inflateRaw(d.stream, { maxOutputLength: d.inflatedLength + 1, info: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") throw new BinaryFrameError("payload", `deflate stream inflates to more than the stated ${d.inflatedLength} bytes`);
    throw new BinaryFrameError("payload", `garbled deflate stream (${err instanceof Error ? err.message : String(err)})`);
  }
  if (out.buffer.length > d.inflatedLength) throw new BinaryFrameError("payload", `deflate stream inflates to more than the stated ${d.inflatedLength} bytes`);
  if (out.engine.bytesWritten !== d.stream.length) throw new BinaryFrameError("payload", `${d.stream.length - out.engine.bytesWritten} bytes after the end of the deflate stream`);
  return uncompressedBody(bytes, out.buffer, d.inflatedLength);
}

/**
 * Inflates a compressed body with DecompressionStream("deflate-raw") (browsers, workers, Node):
 * the uncompressed body, or the body itself when it is not compressed. Stops at the stated length.
 */
export async function inflateBinaryFrame(body: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  const bytes = asBytes(body);
  const d = deflated(bytes);
  if (!d) return bytes;
  const payload = new Uint8Array(d.inflatedLength);
  let at = 0;
  const garbled = (err: unknown) => new BinaryFrameError("payload", `garbled deflate stream (${err instanceof Error ? err.message : String(err)})`);
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    const ds = new DecompressionStream("deflate-raw");
    const writer = ds.writable.getWriter();
    // Write errors surface on the readable side too; the write promises must not go unhandled.
    writer.write(d.stream.slice()).catch(() => {});
    writer.close().catch(() => {});
    reader = ds.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  } catch (err) {
    throw garbled(err);
  }
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      throw garbled(err);
    }
    if (chunk.done) break;
    if (at + chunk.value.length > d.inflatedLength) {
      reader.cancel().catch(() => {});
      throw new BinaryFrameError("payload", `deflate stream inflates to more than the stated ${d.inflatedLength} bytes`);
    }
    payload.set(chunk.value, at);
    at += chunk.value.length;
  }
  return uncompressedBody(bytes, payload.subarray(0, at), d.inflatedLength);
}
