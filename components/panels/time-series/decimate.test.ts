import { describe, expect, it } from "vitest";
import type { PanelPoint } from "@/lib/panels/panel-data";
import { decimatePoints, drawsM4 } from "./decimate";
import { toChartOption, type TimeSeriesOptions } from "./to-chart-option";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { timeSeriesPanel } from "./index";

describe("decimatePoints", () => {
  const wave = (n: number): PanelPoint[] => Array.from({ length: n }, (_, i): PanelPoint => [i * 1000, i % 500 === 250 ? null : Math.sin(i / 30) * 10 + (i % 17 === 0 ? 40 : 0)]);

  it("leaves series with up to 4 points per column alone", () => {
    const points = wave(4 * 300);
    expect(decimatePoints(points, 300, 0, 1_199_000)).toEqual({ points, reduced: false });
  });

  it("reduces longer series to first/min/max/last per column, keeping gaps and spikes", () => {
    const points = wave(100_000);
    const r = decimatePoints(points, 300, 0, 99_999_000);
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
      series: [{ key: "a", name: "a", color: "#000", field: { ...DEFAULT_FIELD_CONFIG.defaults, unit: "short", displayName: "a" }, points }],
      hidden: new Set(),
      options: base,
      timeRange: { startMs: 0, endMs: 49_999_000 },
      timezone: "utc",
      widthPx: 400,
      pixelRatio: 2,
    });
    const s = (option.series as Array<{ data: unknown[]; sampling: string }>)[0]!;
    expect(s.sampling).toBe("none");
    expect(s.data.length).toBeLessThanOrEqual(4 * 800);
    expect(s.data.length).toBeGreaterThan(800);
  });
});
