import { compressBinaryFrame } from "./binary-compress";
import { encodeBinaryFrame } from "./binary-encode";
import { encodeFrame, type PromMatrixSeries } from "./encode";

// Fuzz corpus for the binary frames decoder (test/reliability/parser-fuzz.test.ts): valid bodies
// (unreduced and M4, every value coding, gaps, NaN/±Inf; uncompressed and deflated) truncated or
// garbled as an input dictates.

const T0 = 1_700_000_000;
const series = (n: number, value: (i: number) => string, present: (i: number) => boolean): PromMatrixSeries => ({
  metric: { __name__: "fuzz", n: String(n) },
  values: Array.from({ length: 300 }, (_, i): [number, string] => [T0 + i * 15, value(i)]).filter((_, i) => present(i)),
});
const MATRIX: PromMatrixSeries[] = [
  series(0, (i) => String(Math.sin(i / 7) * 1e3), () => true),
  series(1, (i) => String(i % 5), (i) => i % 40 < 30),
  series(2, (i) => String(1e12 + i * 1024), (i) => i % 3 !== 0),
  series(3, (i) => (i % 11 === 0 ? "NaN" : i % 13 === 0 ? "+Inf" : String(i / 100)), (i) => i % 97 !== 5),
  series(4, (i) => String(Math.fround(i * 1.7)), (i) => i > 20 && i < 200),
];
const PLAIN = [
  encodeBinaryFrame(encodeFrame(MATRIX, { stepMs: 15_000 })!, { warnings: ["w"] }),
  encodeBinaryFrame(encodeFrame(MATRIX, { stepMs: 15_000, width: 40, fromMs: T0 * 1000, toMs: (T0 + 299 * 15) * 1000 })!),
];
const BODIES = [...PLAIN, ...PLAIN.map((b) => compressBinaryFrame(b, { minBytes: 0, minSaving: 0 }))];

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A body derived from any input: one of the valid bodies, cut short or with 1–4 bytes changed. */
export function binaryFrameFuzzBody(input: unknown): Uint8Array {
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    // Deeply nested, cyclic or BigInt-holding inputs: their type and top-level keys.
    text = `${typeof input}:${input && typeof input === "object" ? Object.keys(input).join(",") : ""}`;
  }
  let h = hash(text);
  const next = () => (h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0);
  const body = BODIES[next() % BODIES.length]!.slice();
  if (next() % 3 === 0) return body.subarray(0, next() % body.length);
  const changes = 1 + (next() % 4);
  for (let i = 0; i < changes; i++) body[next() % body.length]! ^= 1 + (next() % 255);
  return body;
}
