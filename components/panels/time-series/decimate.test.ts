import { describe, expect, it } from "vitest";
import { Samples, type PanelPoint } from "@/lib/panels/samples";
import { drawsM4, lineData, pixelGrid, plotMatters, type PixelGrid } from "./decimate";
import { toChartOption, type TimeSeriesOptions } from "./to-chart-option";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { timeSeriesPanel } from "./index";

/** lineData's flat [t, v, …] (NaN = gap) as points again. */
function decimatePoints(points: PanelPoint[], grid: PixelGrid): { points: PanelPoint[]; reduced: boolean } {
  const { data, reduced } = lineData(Samples.fromPairs(points), grid, true);
  return { points: Array.from({ length: data.length / 2 }, (_, i): PanelPoint => [data[2 * i]!, Number.isNaN(data[2 * i + 1]!) ? null : data[2 * i + 1]!]), reduced };
}

describe("lineData", () => {
  const wave = (n: number): PanelPoint[] => Array.from({ length: n }, (_, i): PanelPoint => [i * 1000, i % 500 === 250 ? null : Math.sin(i / 30) * 10 + (i % 17 === 0 ? 40 : 0)]);

  it("leaves series with up to 4 points per column alone", () => {
    const points = wave(4 * 300);
    expect(decimatePoints(points, { x0: 0, x1: 1_199_000, columns: 300 })).toEqual({ points, reduced: false });
  });

  it("never reduces when not asked (stacks, bars, mean in the legend)", () => {
    expect(lineData(Samples.fromPairs(wave(100_000)), { x0: 0, x1: 99_999_000, columns: 300 }, false).data.length).toBe(200_000);
  });

  it("reduces longer series to first/min/max/last per column, keeping gaps and spikes", () => {
    const points = wave(100_000);
    const r = decimatePoints(points, { x0: 0, x1: 99_999_000, columns: 300 });
    expect(r.reduced).toBe(true);
    // Each of the 200 gaps may split a column into two runs (4 more points) and keeps its marker.
    expect(r.points.length).toBeLessThanOrEqual(4 * 300 + 5 * 200);
    const values = (ps: PanelPoint[]) => ps.flatMap(([, v]) => (v === null ? [] : [v]));
    expect(Math.max(...values(r.points))).toBe(Math.max(...values(points)));
    expect(Math.min(...values(r.points))).toBe(Math.min(...values(points)));
    expect(r.points.filter(([, v]) => v === null)).toHaveLength(points.filter(([, v]) => v === null).length);
    expect(r.points[0]).toEqual(points[0]);
    expect(r.points.at(-1)).toEqual(points.at(-1));
  });
});

describe("pixelGrid", () => {
  it("starts at the plot when it starts on a device-pixel edge; the end's own column is the last", () => {
    expect(pixelGrid(0, 1_000_000, { leftPx: 50, widthPx: 500 }, 2)).toEqual({ x0: 0, x1: 1_001_000, columns: 1001 });
  });

  it("widens to the device-pixel edges around a plot that starts and ends mid-pixel", () => {
    // 1000 ms per device px; the plot starts 0.5 device px into column 105 and ends 0.25 into column 1106.
    const g = pixelGrid(0, 1_000_750, { leftPx: 52.75, widthPx: 500.375 }, 2);
    expect(g.columns).toBe(1107 - 105);
    expect(g.x0).toBeCloseTo(-500, 6);
    expect(g.x1).toBeCloseTo(-500 + g.columns * 1000, 6);
  });

  it("keeps every device-pixel column's first, last, min and max as ECharts maps x (offset plot, 2× screen)", () => {
    const plot = { leftPx: 61.3, widthPx: 311.7 };
    const pixelRatio = 2;
    const [startMs, endMs] = [5_000, 5_000 + 29_999 * 997];
    const points = Array.from({ length: 30_000 }, (_, i): PanelPoint => [startMs + i * 997, Math.sin(i / 7) * 10 + ((i * 7919) % 13)]);
    const r = decimatePoints(points, pixelGrid(startMs, endMs, plot, pixelRatio));
    expect(r.reduced).toBe(true);
    const column = (t: number) => Math.floor((plot.leftPx + ((t - startMs) / (endMs - startMs)) * plot.widthPx) * pixelRatio);
    const byColumn = (ps: PanelPoint[]) => {
      const m = new Map<number, PanelPoint[]>();
      for (const p of ps) m.set(column(p[0]), [...(m.get(column(p[0])) ?? []), p]);
      return m;
    };
    const kept = byColumn(r.points);
    for (const [col, raw] of byColumn(points)) {
      const values = raw.map(([, v]) => v!);
      const out = kept.get(col) ?? [];
      expect(out[0], `column ${col} first`).toEqual(raw[0]);
      expect(out.at(-1), `column ${col} last`).toEqual(raw.at(-1));
      expect(Math.max(...out.map(([, v]) => v!)), `column ${col} max`).toBe(Math.max(...values));
      expect(Math.min(...out.map(([, v]) => v!)), `column ${col} min`).toBe(Math.min(...values));
    }
  });
});

describe("drawsM4", () => {
  const base = timeSeriesPanel.defaults.options;
  it.each<[string, Partial<TimeSeriesOptions>, boolean]>([
    ["plain lines", {}, true],
    ["stacked lines need one grid", { stacking: "normal" }, false],
    ["bars show every sample", { drawStyle: "bars" }, false],
    ["points show every sample", { drawStyle: "points" }, false],
    ["legend mean is not kept by M4", { legend: { ...base.legend, calcs: ["mean"] } }, false],
    ["legend min/max/last are", { legend: { ...base.legend, calcs: ["min", "max", "last"] } }, true],
  ])("%s", (_name, patch, expected) => {
    expect(drawsM4({ ...base, ...patch })).toBe(expected);
  });

  it("toChartOption hands ECharts at most ~4 points per device pixel column, sampling off", () => {
    const points = Array.from({ length: 50_000 }, (_, i): PanelPoint => [i * 1000, Math.cos(i / 100)]);
    const option = toChartOption({
      series: [{ key: "a", name: "a", color: "#000", field: { ...DEFAULT_FIELD_CONFIG.defaults, unit: "short", displayName: "a" }, samples: Samples.fromPairs(points) }],
      hidden: new Set(),
      options: base,
      timeRange: { startMs: 0, endMs: 49_999_000 },
      timezone: "utc",
      widthPx: 400,
      pixelRatio: 2,
    });
    const s = (option.series as Array<{ data: Float64Array; sampling: string }>)[0]!;
    expect(s.sampling).toBe("none");
    // Two numbers per point; the plot (400 − 24 CSS px at 2×) has 753 device-pixel columns.
    expect(s.data.length / 2).toBeLessThanOrEqual(4 * 753);
    expect(s.data.length / 2).toBeGreaterThan(753);
  });
});

describe("plotMatters", () => {
  const base = timeSeriesPanel.defaults.options;
  const field = { ...DEFAULT_FIELD_CONFIG.defaults, unit: "short" as const, displayName: "a" };
  const seriesOf = (n: number, key = "a") => ({ key, name: key, color: "#000", field, samples: Samples.fromPairs(Array.from({ length: n }, (_, i): PanelPoint => [i * 1000, Math.sin(i / 7) + (i % 31 === 0 ? 5 : 0)])) });
  const optionWith = (series: ReturnType<typeof seriesOf>[], hidden: Set<string>, plot?: { leftPx: number; widthPx: number }) =>
    (toChartOption({ series, hidden, options: base, timeRange: { startMs: 0, endMs: 3_599_000 }, timezone: "utc", widthPx: 400, pixelRatio: 1, plot }).series as Array<{ data: Float64Array }>).map((s) => Array.from(s.data));
  // A plot as ECharts lays it out: narrower than the first draw's guess (8 px each side), y-axis labels on its left.
  const plot = { leftPx: 47.5, widthPx: 330 };
  const columns = pixelGrid(0, 3_599_000, plot, 1).columns;

  it.each([
    ["a step per pixel (the planned query's usual answer)", [360], new Set<string>(), false],
    ["exactly 4 points per column", [4 * 331], new Set<string>(), false],
    ["one more than 4 per column", [4 * 331 + 1], new Set<string>(), true],
    ["a long series among short ones", [300, 3600], new Set<string>(), true],
    ["a long series that is hidden", [300, 3600], new Set(["s1"]), false],
  ])("%s", (_name, lengths, hidden, expected) => {
    expect(columns).toBe(331);
    const series = lengths.map((n, i) => seriesOf(n, `s${i}`));
    expect(plotMatters(series, hidden, base, columns)).toBe(expected);
    // When it does not matter, the option draws exactly the same lines with the plot as without
    // (the panel then keeps the first draw's option); when it does, M4 over the plot changes them.
    const same = JSON.stringify(optionWith(series, hidden, plot)) === JSON.stringify(optionWith(series, hidden));
    expect(same).toBe(!expected);
  });

  it("never for stacks, bars or a legend mean (M4 is off for them)", () => {
    const long = [seriesOf(10_000)];
    expect(plotMatters(long, new Set(), { ...base, stacking: "normal" }, columns)).toBe(false);
    expect(plotMatters(long, new Set(), { ...base, drawStyle: "bars" }, columns)).toBe(false);
    expect(plotMatters(long, new Set(), base, columns)).toBe(true);
  });
});
