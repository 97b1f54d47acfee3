// An imported panel sends the same query_range start/end/step as Grafana would, for a table of
// ranges, panel widths, Min intervals, Min steps, intervalFactors and maxDataPoints.
import { describe, expect, it } from "vitest";
import { planPanelQueries } from "@/lib/dashboards/panel-queries";
import { importGrafanaDashboard } from "./index";

// ---- Grafana's rules, written from ../shared/notes/grafana.md §3 (independently of lib/) ----
const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
// [upper bound, value]: 1ms, 10ms, 20ms, 50ms, 100ms, 200ms, 500ms, 1s, 2s, 5s, 10s, 15s, 20s, 30s,
// 1m, 2m, 5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 1w, 30d, else 1y.
const LADDER: Array<[number, number]> = [
  [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1.5 * S, S], [3.5 * S, 2 * S], [7.5 * S, 5 * S],
  [12.5 * S, 10 * S], [17.5 * S, 15 * S], [25 * S, 20 * S], [45 * S, 30 * S], [1.5 * M, M], [3.5 * M, 2 * M], [7.5 * M, 5 * M],
  [12.5 * M, 10 * M], [17.5 * M, 15 * M], [25 * M, 20 * M], [45 * M, 30 * M], [1.5 * H, H], [2.5 * H, 2 * H], [4.5 * H, 3 * H],
  [9 * H, 6 * H], [D, 12 * H], [7 * D, D], [21 * D, 7 * D], [42 * D, 30 * D],
];
// The browser's rangeutil.roundInterval (`<` each bound); the Go backend's gtime.RoundInterval (`<=`, last `<`).
const roundFrontend = (ms: number) => LADDER.find(([b]) => ms < b)?.[1] ?? 365 * D;
const roundBackend = (ms: number) => LADDER.find(([b], i) => (i === LADDER.length - 1 ? ms < b : ms <= b))?.[1] ?? 365 * D;
const DURATION: Record<string, number> = { "1s": S, "5s": 5 * S, "10s": 10 * S, "15s": 15 * S, "30s": 30 * S, "1m": M, "2m": 2 * M, "5m": 5 * M };

interface Row {
  name: string;
  rangeMs: number;
  widthPx: number;
  /** Panel "Min interval" (`panel.interval`). */
  minInterval?: string;
  /** Query "Min step" (`target.interval`). */
  minStep?: string;
  intervalFactor?: number;
  maxDataPoints?: number;
  scrape?: string;
}

function grafana(row: Row, startMs: number, endMs: number): { startS: number; endS: number; stepS: number } {
  const range = endMs - startMs;
  const maxDataPoints = row.maxDataPoints ?? row.widthPx; // §3.1 step 1
  const scrape = row.scrape ?? "15s";
  const lowLimit = DURATION[row.minInterval ?? scrape]!; // §3.1 step 2
  let intervalMs = roundFrontend(range / maxDataPoints); // §3.1 step 3
  if (lowLimit > intervalMs) intervalMs = lowLimit;
  const minInterval = row.minStep ? DURATION[row.minStep]! : intervalMs; // §3.2: Min step, else request.intervalMs
  const raw = range / maxDataPoints;
  const calculated = raw < minInterval ? minInterval : roundBackend(raw);
  const safe = roundBackend(range / 11_000);
  const step = Math.max(calculated, safe) * (row.intervalFactor ?? 1);
  const align = (t: number) => Math.floor(t / step) * step; // utcOffset 0
  return { startS: align(startMs) / S, endS: align(endMs) / S, stepS: step / S };
}

function grafanaDashboard(row: Row): unknown {
  return {
    title: "interval maths",
    schemaVersion: 39,
    panels: [
      {
        id: 1, type: "timeseries", title: "p", gridPos: { x: 0, y: 0, w: 24, h: 8 },
        ...(row.minInterval ? { interval: row.minInterval } : {}),
        ...(row.maxDataPoints ? { maxDataPoints: row.maxDataPoints } : {}),
        targets: [{ refId: "A", expr: "rate(x_total[$__rate_interval])", ...(row.minStep ? { interval: row.minStep } : {}), ...(row.intervalFactor ? { intervalFactor: row.intervalFactor } : {}) }],
      },
    ],
  };
}

const ROWS: Row[] = [
  { name: "6h over 1000 px", rangeMs: 6 * H, widthPx: 1000 },
  { name: "1h over 1200 px", rangeMs: H, widthPx: 1200 },
  { name: "5m over 300 px (the scrape interval wins)", rangeMs: 5 * M, widthPx: 300 },
  { name: "7d over 800 px", rangeMs: 7 * D, widthPx: 800 },
  { name: "30d over 1500 px", rangeMs: 30 * D, widthPx: 1500 },
  { name: "400d over 2000 px (the 11,000-point limit wins)", rangeMs: 400 * D, widthPx: 20_000, maxDataPoints: 11_000 },
  { name: "1h, panel Min interval 1m", rangeMs: H, widthPx: 1200, minInterval: "1m" },
  { name: "24h, panel Min interval 1m (range wins)", rangeMs: 24 * H, widthPx: 600, minInterval: "1m" },
  { name: "90 s per point exactly, Min interval 1m (the ladder's boundary)", rangeMs: 15 * H, widthPx: 600, minInterval: "1m" },
  { name: "1h, query Min step 30s", rangeMs: H, widthPx: 1200, minStep: "30s" },
  { name: "6h, query Min step 1s below the computed step", rangeMs: 6 * H, widthPx: 1000, minStep: "1s" },
  { name: "6h, intervalFactor 2", rangeMs: 6 * H, widthPx: 1000, intervalFactor: 2 },
  { name: "1h, intervalFactor 3 and Min step 10s", rangeMs: H, widthPx: 500, intervalFactor: 3, minStep: "10s" },
  { name: "6h, maxDataPoints 100", rangeMs: 6 * H, widthPx: 1000, maxDataPoints: 100 },
  { name: "2h, maxDataPoints 43 (an odd ratio)", rangeMs: 2 * H, widthPx: 1000, maxDataPoints: 43 },
  { name: "1h, scrape interval 5s", rangeMs: H, widthPx: 1200, scrape: "5s" },
  { name: "3h, scrape 30s, Min interval 10s below it", rangeMs: 3 * H, widthPx: 2000, scrape: "30s", minInterval: "10s" },
];

describe("imported panels query as Grafana does", () => {
  const endMs = Date.UTC(2026, 10, 28, 9, 41, 17, 123);

  it.each(ROWS)("$name", (row) => {
    const startMs = endMs - row.rangeMs;
    const { dashboard } = importGrafanaDashboard(grafanaDashboard(row), { datasources: [{ id: "prom", name: "P", type: "prometheus" }], defaultDatasource: "prom" });
    const panel = dashboard.panels[0]!;
    if (panel.type === "row") throw new Error("expected a panel");
    const plan = planPanelQueries({
      panel,
      scope: {},
      datasources: [{ id: "prom", name: "P", type: "prometheus", default: true, ...(row.scrape ? { scrapeInterval: row.scrape } : {}) }],
      range: { startMs, endMs },
      widthPx: row.widthPx,
    });
    if (!plan.ok) throw new Error(plan.error);
    const q = plan.queries[0]!;
    expect({ startS: q.startS, endS: q.endS, stepS: q.stepS }).toEqual(grafana(row, startMs, endMs));
  });
});
