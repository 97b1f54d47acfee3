// The answer of POST /api/queries: a stream of parts, one per query, in the order they completed.
// A part is `[u32 header length][header: UTF-8 JSON, schema.ts partHeaderSchema][u32 body length][body]`
// (lengths big-endian); the body is byte for byte what the query's single request would have answered.
import { partHeaderSchema, type PartHeader } from "./schema";

/** Largest header accepted (a few hundred bytes in practice): a corrupt length fails fast. */
export const MAX_PART_HEADER_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/** One part as a single chunk (so a stream writes it in one piece). */
export function encodePart(header: PartHeader, body: Uint8Array): Uint8Array {
  const h = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.byteLength + body.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, h.byteLength);
  out.set(h, 4);
  view.setUint32(4 + h.byteLength, body.byteLength);
  out.set(body, 8 + h.byteLength);
  return out;
}

export interface Part {
  header: PartHeader;
  body: Uint8Array;
}

export class FramingError extends Error {}

/**
 * Splits the answer's bytes into parts, whatever the chunk boundaries: `push` each chunk as it
 * arrives and get the parts it completed; `end` throws if the stream stopped inside a part.
 */
export class PartReader {
  private chunks: Uint8Array[] = [];
  private head = 0;
  private buffered = 0;
  // Bytes needed before the next part can be complete: chunks arriving one by one are not rescanned.
  private want = 4;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  push(chunk: Uint8Array): Part[] {
    if (chunk.byteLength > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.byteLength;
    }
    const parts: Part[] = [];
    while (this.buffered >= this.want) {
      const headerLen = this.peekUint32(0);
      if (headerLen > MAX_PART_HEADER_BYTES) throw new FramingError(`part header of ${headerLen} bytes: the answer is not a query batch`);
      this.want = 8 + headerLen;
      if (this.buffered < this.want) break;
      this.want += this.peekUint32(4 + headerLen);
      if (this.buffered < this.want) break;
      const bytes = this.take(this.want);
      this.want = 4;
      let header: PartHeader;
      try {
        const parsed = partHeaderSchema.safeParse(JSON.parse(this.decoder.decode(bytes.subarray(4, 4 + headerLen))));
        if (!parsed.success) throw new FramingError("part header of the wrong shape");
        header = parsed.data;
      } catch (e) {
        throw e instanceof FramingError ? e : new FramingError("part header is not JSON");
      }
      parts.push({ header, body: bytes.subarray(8 + headerLen) });
    }
    return parts;
  }

  /** Throws when bytes of an unfinished part are left. */
  end(): void {
    if (this.buffered > 0) throw new FramingError(`the answer ended inside a part (${this.buffered} bytes left)`);
  }

  private peekUint32(offset: number): number {
    let value = 0;
    let need = 4;
    let pos = offset;
    for (let i = this.head; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      if (pos >= c.byteLength) {
        pos -= c.byteLength;
        continue;
      }
      while (pos < c.byteLength && need > 0) {
        value = value * 256 + c[pos++]!;
        need--;
      }
      if (need === 0) return value;
      pos = 0;
    }
    throw new FramingError("short read");
  }

  /** Removes the first `n` buffered bytes (one copy only when they span chunks). */
  private take(n: number): Uint8Array {
    const first = this.chunks[this.head]!;
    let out: Uint8Array;
    if (first.byteLength >= n) {
      out = first.subarray(0, n);
      if (first.byteLength === n) this.head++;
      else this.chunks[this.head] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[this.head]!;
        const k = Math.min(c.byteLength, n - filled);
        out.set(c.subarray(0, k), filled);
        filled += k;
        if (k === c.byteLength) this.head++;
        else this.chunks[this.head] = c.subarray(k);
      }
    }
    // Drop the consumed chunks now and then (not one shift per chunk: that is quadratic).
    if (this.head === this.chunks.length || this.head > 64) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    this.buffered -= n;
    return out;
  }
}
