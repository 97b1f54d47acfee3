import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, type SinglePrometheus, startSinglePrometheus } from "../../scripts/stack";
import { callProxy } from "../proxy-helpers";
import { backfill } from "../../scripts/bench/backfill";
import { useQueryConfig } from "./helpers";

// The cache must return exactly what the upstream returns for the same (step-aligned) range,
// whatever was cached before: random ranges, steps and refresh sequences against a real
// Prometheus holding two days of backfilled history (timestamps in seconds).
const DAY = 86_400;
const TO = Math.floor(Date.now() / 1000 / DAY) * DAY - 2 * DAY;
const FROM = TO - 2 * DAY;

let prometheus: SinglePrometheus;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orrery-perf-prom-"));
  await backfill(join(dir, "data"), join(dir, "work"), { from: FROM, to: TO, intervalS: 30, series: ["a", "b", "c", "d"] });
  prometheus = await startSinglePrometheus({ dir, port: await findFreePort(), retention: "30d", name: "perf-cache" });
});

afterAll(async () => {
  await prometheus?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const QUERIES = ["orrery_prop_gauge", "rate(orrery_prop_total[5m])", "sum by (s) (orrery_prop_gauge)", "orrery_prop_gauge > 60", "max(orrery_prop_gauge)"];
const STEPS = [7, 15, 30, 45, 60, 300, 900];

async function direct(query: string, start: number, end: number, step: number) {
  // As the proxy sends it: Prometheus reads float seconds truncated to whole nanoseconds ("8.168" → an 8,167 ms grid).
  const stepMs = Math.round(step * 1000);
  const params = new URLSearchParams({ query, start: String(start), end: String(end), step: stepMs % 1000 === 0 ? String(step) : `${stepMs}ms` });
  const res = await fetch(`${prometheus.url}/api/v1/query_range?${params}`);
  return { status: res.status, text: await res.text() };
}

describe("results cache against a real Prometheus", () => {
  it("returns exactly the upstream's answer for random ranges, steps and refresh sequences", async () => {
    useQueryConfig([{ id: "p", type: "prometheus", url: prometheus.url }], { splitInterval: "6h" });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...QUERIES),
        fc.constantFrom(...STEPS),
        fc.integer({ min: FROM - 3600, max: TO }),
        fc.integer({ min: 60, max: 30 * 3600 }),
        fc.array(fc.tuple(fc.integer({ min: -3 * 3600, max: 4 * 3600 }), fc.integer({ min: -3600, max: 3600 })), { minLength: 1, maxLength: 4 }),
        async (query, step, start0, length0, moves) => {
          let start = start0;
          let length = length0;
          for (const [shift, grow] of [[0, 0] as [number, number], ...moves]) {
            start += shift;
            length = Math.max(step, length + grow);
            const end = start + length;
            const proxied = await callProxy("p", "query_range", { query: new URLSearchParams({ query, start: String(start), end: String(end), step: String(step) }).toString() });
            // Over 11,000 points the proxy raises the step (and says so); compare at the step it used.
            const clamp = proxied.headers.get("x-orrery-step-clamped");
            const used = clamp ? Number(clamp.split("->")[1]) : step;
            const alignedEnd = Math.floor(end / used) * used;
            // Alignment keeps the 11,000-point limit by moving start up (never past the asked range).
            const alignedStart = Math.max(Math.floor(start / used) * used, alignedEnd - 11_000 * used);
            const want = await direct(query, alignedStart, alignedEnd, used);
            expect(proxied.status).toBe(want.status);
            expect(proxied.body).toEqual(JSON.parse(want.text));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);

  it("keeps a clamped step off whole seconds on its own grid across split parts (fast-check counterexample)", async () => {
    // 7 s over ~25 h is clamped to 8.168 s; sent as "8.168", Prometheus 2.42 would evaluate every 8,167 ms,
    // so the 6 h parts of the range (each starting on the 8,168 ms grid) would not match one whole query.
    useQueryConfig([{ id: "p", type: "prometheus", url: prometheus.url }], { splitInterval: "6h" });
    const start = FROM - 3600;
    const end = start + 89_838;
    const proxied = await callProxy("p", "query_range", { query: new URLSearchParams({ query: "orrery_prop_gauge", start: String(start), end: String(end), step: "7" }).toString() });
    expect(proxied.headers.get("x-orrery-step-clamped")).toBe("7->8.168");
    const alignedEnd = Math.floor((end * 1000) / 8168) * 8168;
    const want = await direct("orrery_prop_gauge", Math.max(Math.floor((start * 1000) / 8168) * 8168, alignedEnd - 11_000 * 8168) / 1000, alignedEnd / 1000, 8.168);
    expect(proxied.status).toBe(200);
    expect(proxied.body).toEqual(JSON.parse(want.text));
  });

  it("answers a cached range with byte-identical JSON", async () => {
    useQueryConfig([{ id: "p", type: "prometheus", url: prometheus.url }], { splitInterval: "6h" });
    const q = (s: number, e: number) => new URLSearchParams({ query: "rate(orrery_prop_total[5m])", start: String(s), end: String(e), step: "60" }).toString();
    const start = FROM + 7200;
    await callProxy("p", "query_range", { query: q(start, start + 3 * 3600) });
    const merged = await callProxy("p", "query_range", { query: q(start + 1800, start + 20 * 3600) });
    expect(merged.headers.get("x-orrery-cache")).toBe("partial");
    expect(merged.text).toBe((await direct("rate(orrery_prop_total[5m])", start + 1800, start + 20 * 3600, 60)).text);
  }, 60_000);
});
