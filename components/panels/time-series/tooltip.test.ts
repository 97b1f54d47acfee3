import { describe, expect, it } from "vitest";
import { formatTimeSeriesTooltip, MAX_TOOLTIP_ROWS, type TooltipSeries } from "./tooltip";

const T = Date.UTC(2024, 0, 2, 3, 4, 5);
const series: TooltipSeries[] = [
  { name: "low", color: "#111111", unit: "bytes" },
  { name: "gap", color: "#222222", unit: "short" },
  { name: "high", color: "#333333", unit: "percent", decimals: 1 },
];
const row = (seriesIndex: number, value: unknown) => ({ seriesIndex, value, axisValue: T });

describe("formatTimeSeriesTooltip", () => {
  it("lists series by value, highest first, in their units, skipping gaps", () => {
    const html = formatTimeSeriesTooltip([row(0, [T, 50]), row(1, [T, null]), row(2, [T, 99.44])], series, "utc");
    expect(html).toContain("2024-01-02 03:04:05");
    expect(html.indexOf("high")).toBeLessThan(html.indexOf("low"));
    expect(html).toContain("<b>99.4%</b>");
    expect(html).toContain("<b>50 B</b>");
    expect(html).not.toContain("gap");
  });

  it("shows the original value of a percent-stacked point", () => {
    expect(formatTimeSeriesTooltip([row(0, [T, 0.25, 1024])], series, "utc")).toContain("<b>1 KiB</b>");
  });

  it("works for a single (item) param", () => {
    expect(formatTimeSeriesTooltip({ seriesIndex: 0, value: [T, 1] }, series, "utc")).toContain("low");
  });

  it("escapes series names, which come from label values", () => {
    const evil: TooltipSeries[] = [{ name: '<img src=x onerror=alert(1)>', color: "#000", unit: "short" }];
    const html = formatTimeSeriesTooltip([row(0, [T, 1])], evil, "utc");
    expect(html).not.toContain("<img");
  });

  it("caps the list and says how many were left out", () => {
    const many: TooltipSeries[] = Array.from({ length: 25 }, (_, i) => ({ name: `s${i}`, color: "#000", unit: "short" }));
    const html = formatTimeSeriesTooltip(many.map((_, i) => row(i, [T, i])), many, "utc");
    expect(html.match(/<div><span/g)).toHaveLength(MAX_TOOLTIP_ROWS);
    expect(html).toContain(`… ${25 - MAX_TOOLTIP_ROWS} more`);
  });

  it("is empty when there is nothing to show", () => {
    expect(formatTimeSeriesTooltip([], series, "utc")).toBe("");
  });
});
