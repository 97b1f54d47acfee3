// Browser entry for the B7 wire benchmark (bundled by scripts/bench/wire.ts, loaded with
// page.setContent): decodes a body held in the page into number arrays, as the panels do, and
// times it. Bodies are put in the page first (setBody), so the transfer into the page is not timed.
import { readBinaryFramesAnswerAsync, readFramesAnswer } from "@/lib/promql/frames/read";

export type WireKind = "prometheus" | "frames" | "binary";

const bodies = new Map<string, string | Uint8Array>();

function setBody(key: string, kind: WireKind, payload: string): number {
  if (kind !== "binary") bodies.set(key, payload);
  else {
    const raw = atob(payload);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    bodies.set(key, bytes);
  }
  return payload.length;
}

/** Body → (binary: inflated when deflated, as the panels do) one Float64Array x (ms) and y (NaN = not drawn) per series; returns ms and the points decoded. */
async function decode(key: string, kind: WireKind): Promise<{ ms: number; points: number }> {
  const body = bodies.get(key)!;
  const t0 = performance.now();
  let points = 0;
  if (kind === "prometheus") {
    const parsed = JSON.parse(body as string) as { data: { result: Array<{ values: [number, string][] }> } };
    for (const s of parsed.data.result) {
      const n = s.values.length;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const [t, v] = s.values[i]!;
        x[i] = Math.round(t * 1000);
        const num = Number(v);
        y[i] = Number.isFinite(num) ? num : Number.NaN;
      }
      points += n;
    }
  } else {
    const answer = kind === "binary" ? await readBinaryFramesAnswerAsync(200, body as Uint8Array, "bench") : readFramesAnswer(200, body as string, "bench");
    if (answer.data.resultType !== "frames") throw new Error("not a frame");
    for (const s of answer.data.series) points += s.y.length;
  }
  return { ms: performance.now() - t0, points };
}

Object.assign(window, { wire: { setBody, decode } });
