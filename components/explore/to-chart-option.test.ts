import { describe, expect, it } from "vitest";
import { Samples } from "@/lib/panels/samples";
import type { ExploreSeries } from "./explore-series";
import { formatTooltip, seriesColor, SERIES_COLORS, toChartOption } from "./to-chart-option";

const EAST: Array<[number, number | null]> = [[1000, 1], [2000, null], [3000, 3]];
const WEST: Array<[number, number | null]> = [[1000, 2]];
const east: ExploreSeries = { name: '{cluster="east"}', labels: { cluster: "east" }, samples: Samples.fromPairs(EAST) };
const west: ExploreSeries = { name: '{cluster="west"}', labels: { cluster: "west" }, samples: Samples.fromPairs(WEST) };

type LineSeries = { name: string; data: unknown; color: string; showSymbol: boolean; connectNulls: boolean };
const seriesOf = (option: ReturnType<typeof toChartOption>) => option.series as LineSeries[];

describe("toChartOption", () => {
  it("draws one line per series on a time axis spanning the queried range", () => {
    const option = toChartOption({ series: [east, west], hidden: new Set(), startMs: 0, endMs: 4000 });
    expect(option.xAxis).toMatchObject({ type: "time", min: 0, max: 4000 });
    expect(seriesOf(option).map((s) => [s.name, s.data, s.color])).toEqual([
      [east.name, EAST, SERIES_COLORS[0]],
      [west.name, WEST, SERIES_COLORS[1]],
    ]);
  });

  it("keeps nulls as gaps and shows a symbol only for a lone point", () => {
    const [e, w] = seriesOf(toChartOption({ series: [east, west], hidden: new Set(), startMs: 0, endMs: 4000 }));
    expect(e).toMatchObject({ connectNulls: false, showSymbol: false });
    expect(w).toMatchObject({ showSymbol: true });
  });

  it("leaves hidden series out but keeps the others' colours", () => {
    const option = toChartOption({ series: [east, west], hidden: new Set([east.name]), startMs: 0, endMs: 4000 });
    expect(seriesOf(option).map((s) => [s.name, s.color])).toEqual([[west.name, SERIES_COLORS[1]]]);
  });

  it("handles an empty result", () => {
    expect(toChartOption({ series: [], hidden: new Set(), startMs: 0, endMs: 1 }).series).toEqual([]);
  });
});

describe("seriesColor", () => {
  it("cycles through the palette", () => {
    expect(seriesColor(SERIES_COLORS.length + 2)).toBe(SERIES_COLORS[2]);
  });
});

describe("formatTooltip", () => {
  const row = (seriesName: string, value: number | null) => ({ seriesName, color: "#123456", value: [0, value], axisValue: 0 });

  it("lists series by value, highest first, skipping gaps", () => {
    const html = formatTooltip([row("low", 1), row("gap", null), row("high", 12.3456789)]);
    expect(html.indexOf("high")).toBeLessThan(html.indexOf("low"));
    expect(html).toContain("<b>12.3457</b>");
    expect(html).not.toContain("gap");
  });

  it("escapes series names, which come from label values", () => {
    const html = formatTooltip([row('{path="<img src=x onerror=alert(1)>"}', 1)]);
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;");
  });

  it("caps the list and says how many were left out", () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(`s${i}`, i));
    const html = formatTooltip(rows);
    expect(html).toContain("s24");
    expect(html).not.toContain("s14:");
    expect(html).toContain("… 15 more");
  });

  it("returns nothing without rows", () => {
    expect(formatTooltip([])).toBe("");
  });
});
