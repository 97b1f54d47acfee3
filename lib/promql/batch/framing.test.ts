import { describe, expect, it } from "vitest";
import { encodePart, FramingError, MAX_PART_HEADER_BYTES, PartReader, type Part } from "./framing";
import { batchRequestSchema, MAX_BATCH_QUERIES } from "./schema";

// A small seeded generator: failures reproduce.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomParts(rand: () => number): Part[] {
  const n = 1 + Math.floor(rand() * 6);
  return Array.from({ length: n }, (_, i) => {
    const size = [0, 1, 3, 4, 7, 8, 300, 70_000][Math.floor(rand() * 8)]!;
    const body = new Uint8Array(size);
    for (let j = 0; j < size; j++) body[j] = Math.floor(rand() * 256);
    const headers: Record<string, string> = { "content-type": rand() < 0.5 ? "application/json" : "application/vnd.orrery.frames" };
    if (rand() < 0.5) headers["server-timing"] = `upstream;dur=${(rand() * 100).toFixed(1)}`;
    // Non-ASCII in the header: lengths are bytes, not characters.
    return { header: { id: `q${i}-é${"x".repeat(Math.floor(rand() * 5))}`, status: [200, 400, 422, 429, 502][Math.floor(rand() * 5)]!, headers }, body };
  });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.byteLength) - c.byteLength);
  return out;
}

function readAll(stream: Uint8Array, cuts: number[]): Part[] {
  const reader = new PartReader();
  const got: Part[] = [];
  let from = 0;
  for (const cut of [...cuts, stream.byteLength]) {
    got.push(...reader.push(stream.subarray(from, cut)));
    from = cut;
  }
  reader.end();
  return got;
}

// Bodies as hex strings: one cheap comparison each.
const plain = (parts: Part[]) => parts.map((p) => ({ header: p.header, body: Buffer.from(p.body).toString("hex") }));

describe("batch answer framing", () => {
  it("round-trips random parts split at every single boundary", () => {
    const rand = rng(7);
    for (let round = 0; round < 20; round++) {
      const parts = randomParts(rand).map((p) => ({ ...p, body: p.body.subarray(0, 40) }));
      const stream = concat(parts.map((p) => encodePart(p.header, p.body)));
      for (let cut = 0; cut <= stream.byteLength; cut++) expect(plain(readAll(stream, [cut]))).toEqual(plain(parts));
    }
  });

  it("round-trips random parts split into many random chunks (down to one byte each)", () => {
    const rand = rng(42);
    for (let round = 0; round < 100; round++) {
      const parts = randomParts(rand);
      const stream = concat(parts.map((p) => encodePart(p.header, p.body)));
      const cuts: number[] = [];
      const step = round % 25 === 0 ? 1 : 1 + Math.floor(rand() * 5000);
      for (let at = Math.floor(rand() * step); at < stream.byteLength; at += 1 + Math.floor(rand() * step)) cuts.push(at);
      expect(plain(readAll(stream, cuts))).toEqual(plain(parts));
    }
  });

  it("hands out each part as soon as its last byte arrived", () => {
    const a = encodePart({ id: "a", status: 200, headers: {} }, new Uint8Array([1, 2, 3]));
    const b = encodePart({ id: "b", status: 502, headers: {} }, new Uint8Array([4]));
    const reader = new PartReader();
    expect(reader.push(a.subarray(0, a.byteLength - 1))).toEqual([]);
    expect(reader.push(concat([a.subarray(a.byteLength - 1), b.subarray(0, 2)])).map((p) => p.header.id)).toEqual(["a"]);
    expect(reader.push(b.subarray(2)).map((p) => p.header.id)).toEqual(["b"]);
    reader.end();
  });

  it("fails on an answer cut inside a part, or that is not a batch", () => {
    const a = encodePart({ id: "a", status: 200, headers: {} }, new Uint8Array(10));
    const reader = new PartReader();
    reader.push(a.subarray(0, 12));
    expect(() => reader.end()).toThrow(/ended inside a part/);
    expect(() => new PartReader().push(new TextEncoder().encode('{"error":{"message":"no"}}'))).toThrow(FramingError);
    const huge = new Uint8Array(8);
    new DataView(huge.buffer).setUint32(0, MAX_PART_HEADER_BYTES + 1);
    expect(() => new PartReader().push(huge)).toThrow(/part header of/);
    const notJson = concat([new Uint8Array([0, 0, 0, 2]), new TextEncoder().encode("{x"), new Uint8Array(4)]);
    expect(() => new PartReader().push(notJson)).toThrow(/not JSON/);
    const wrongShape = new TextEncoder().encode('{"id":1}');
    expect(() => new PartReader().push(concat([new Uint8Array([0, 0, 0, wrongShape.byteLength]), wrongShape, new Uint8Array(4)]))).toThrow(/wrong shape/);
  });
});

describe("batch request schema", () => {
  const q = (id: string, extra: Record<string, unknown> = {}) => ({ id, datasource: "global", endpoint: "query_range", params: { query: "up" }, ...extra });
  const issues = (body: unknown) => {
    const r = batchRequestSchema.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts a batch of queries, Explore's flagged", () => {
    expect(issues({ queries: [q("a"), q("b", { endpoint: "query", explore: true })] })).toEqual([]);
  });

  it.each([
    ["no queries", { queries: [] }, /^queries: /],
    ["too many queries", { queries: Array.from({ length: MAX_BATCH_QUERIES + 1 }, (_, i) => q(String(i))) }, /^queries: .*100/],
    ["duplicate ids", { queries: [q("a"), q("a")] }, /^queries: query ids must be unique/],
    ["an endpoint the batch does not run", { queries: [q("a", { endpoint: "series" })] }, /^queries\.0\.endpoint: /],
    ["a non-string parameter", { queries: [q("a", { params: { step: 15 } })] }, /^queries\.0\.params\.step: /],
    ["an empty id", { queries: [q("")] }, /^queries\.0\.id: /],
    ["no datasource", { queries: [{ id: "a", endpoint: "query", params: {} }] }, /^queries\.0\.datasource: /],
  ])("refuses %s, naming the field", (_name, body, message) => {
    expect(issues(body)[0]).toMatch(message);
  });
});
