// Test only: ECharts draws with the theme (server-side SVG), to check that the option builders
// leave axis, label and grid colours to it. App code imports ECharts only in echart.tsx.
import { describe, expect, it } from "vitest";
import { LineChart } from "echarts/charts";
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { DEFAULT_FIELD_CONFIG } from "@/components/panels/defaults";
import { timeSeriesPanel } from "@/components/panels/time-series";
import { toChartOption } from "@/components/panels/time-series/to-chart-option";
import { CHART_PALETTES, chartTheme, type AppTheme } from "./chart-theme";
import { Samples } from "@/lib/panels/samples";

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

describe("chartTheme", () => {
  it.each<AppTheme>(["light", "dark"])("%s: every axis type, the tooltip and text take the palette", (theme) => {
    const p = CHART_PALETTES[theme];
    const t = chartTheme(theme);
    for (const axis of [t.categoryAxis, t.valueAxis, t.timeAxis, t.logAxis]) {
      expect(axis).toMatchObject({ axisLabel: { color: p.axisLabel }, axisLine: { lineStyle: { color: p.axisLine } }, splitLine: { lineStyle: { color: p.splitLine } } });
    }
    expect(t.tooltip).toMatchObject({ backgroundColor: p.tooltipBackground, borderColor: p.tooltipBorder, textStyle: { color: p.tooltipText } });
    expect(t.textStyle.color).toBe(p.text);
    expect(t.backgroundColor).toBe("transparent");
  });

  it("dark and light differ where it matters, and dark text is lighter than its tooltip background", () => {
    const [light, dark] = [CHART_PALETTES.light, CHART_PALETTES.dark];
    for (const key of ["text", "axisLabel", "axisLine", "splitLine", "tooltipBackground", "tooltipText"] as const) expect(dark[key]).not.toBe(light[key]);
    const luminance = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    expect(luminance(dark.tooltipText)).toBeGreaterThan(luminance(dark.tooltipBackground));
    expect(luminance(light.tooltipText)).toBeLessThan(luminance(light.tooltipBackground));
  });
});

describe("a time series drawn with each theme", () => {
  const option = toChartOption({
    series: [{ key: "A/x", name: "x", color: "#111111", field: { ...DEFAULT_FIELD_CONFIG.defaults, displayName: "x" }, samples: Samples.fromPairs([[0, 5], [60_000, 7]]) }],
    hidden: new Set(),
    options: timeSeriesPanel.defaults.options,
    timeRange: { startMs: 0, endMs: 60_000 },
    timezone: "utc",
  });

  function draw(theme: AppTheme | undefined): string {
    const chart = echarts.init(null, theme ? chartTheme(theme) : undefined, { renderer: "svg", ssr: true, width: 600, height: 300 });
    try {
      chart.setOption(option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  }

  it.each<AppTheme>(["light", "dark"])("%s: axis labels and grid lines in the theme's colours", (theme) => {
    const svg = draw(theme);
    const p = CHART_PALETTES[theme];
    expect(svg).toMatch(new RegExp(`<text[^>]*fill="${p.axisLabel}"`, "i"));
    expect(svg).toContain(`stroke="${p.splitLine}"`);
    const other = CHART_PALETTES[theme === "dark" ? "light" : "dark"];
    expect(svg).not.toMatch(new RegExp(`<text[^>]*fill="${other.axisLabel}"`, "i"));
  });

  it("re-themes an existing chart in place (setTheme), keeping the data", () => {
    const chart = echarts.init(null, chartTheme("light"), { renderer: "svg", ssr: true, width: 600, height: 300 });
    try {
      chart.setOption(option);
      expect(chart.renderToSVGString()).toContain(`fill="${CHART_PALETTES.light.axisLabel}"`);
      chart.setTheme(chartTheme("dark"));
      const svg = chart.renderToSVGString();
      expect(svg).toContain(`fill="${CHART_PALETTES.dark.axisLabel}"`);
      expect(svg).not.toContain(`fill="${CHART_PALETTES.light.axisLabel}"`);
      expect(svg).toContain('stroke="#111111"');
    } finally {
      chart.dispose();
    }
  });
});
