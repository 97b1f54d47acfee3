/**
 * Next's `compress: true` runs the `compression` middleware on every response. That middleware means
 * to skip small bodies (its 1 KB threshold) but never sees a Content-Length (Next strips it from
 * route-handler responses), so it starts a zlib stream for every body, even a 20-byte one: the
 * stream's set-up, a thread-pool round trip and its native memory (more GC) cost more than the rest of
 * a cached proxy answer (issue 7 B1; scripts/bench/profile-proxy.ts). The middleware leaves alone any
 * response whose Cache-Control says `no-transform`, which is how a handler that knows its body is
 * small opts out. `no-transform` only forbids intermediaries to re-encode the body; it changes no caching.
 */
export function cacheControlFor(cacheControl: string, body: string | Uint8Array, compressMinBytes: number): string {
  if (!isSmallBody(body, compressMinBytes) || /(^|,)\s*no-transform\s*(,|$)/i.test(cacheControl)) return cacheControl;
  return cacheControl ? `${cacheControl}, no-transform` : "no-transform";
}

/** Whether the body has fewer than `min` bytes in UTF-8 (without encoding a long string to count). */
export function isSmallBody(body: string | Uint8Array, min: number): boolean {
  if (typeof body !== "string") return body.byteLength < min;
  // UTF-8 takes 1 to 3 bytes per UTF-16 code unit: only lengths in between need counting.
  if (body.length >= min) return false;
  if (body.length * 3 < min) return true;
  return Buffer.byteLength(body) < min;
}
