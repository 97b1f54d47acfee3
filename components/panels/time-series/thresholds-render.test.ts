// Test only: draws threshold lines and areas with real ECharts (server-side SVG), as
// components/panels/echarts-render.test.ts does for the other option builders.
import { describe, expect, it } from "vitest";
import { LineChart } from "echarts/charts";
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { timeSeriesPanel } from "./index";
import type { DisplaySeries } from "./prepare-series";
import { toChartOption } from "./to-chart-option";
import { renderSvg } from "@/test/echarts-svg";
import { Samples } from "@/lib/panels/samples";

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

const series: DisplaySeries = {
  key: "A/x",
  name: "x",
  color: "#111111",
  field: {
    ...DEFAULT_FIELD_CONFIG.defaults,
    displayName: "x",
    thresholds: { mode: "absolute", steps: [{ value: null, color: "#00aa00" }, { value: 6, color: "#ff0000" }] },
  },
  samples: Samples.fromPairs([[0, 5], [1000, 7]]),
};

function draw(mode: "line" | "area" | "line+area"): string {
  const options = { ...timeSeriesPanel.defaults.options, thresholdsStyle: { mode } };
  return renderSvg(toChartOption({ series: [series], hidden: new Set(), options, timeRange: { startMs: 0, endMs: 1000 }, timezone: "utc", widthPx: 600 }));
}

describe("time series thresholds, drawn by ECharts", () => {
  it("line: a red line across the plot, no bands", () => {
    const svg = draw("line");
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+"[^>]*stroke="#ff0000"/);
    expect(svg).not.toContain("<polygon");
  });

  it("area: two bands clipped to the plot, one per step", () => {
    const polygons = draw("area").match(/<polygon points="[^"]*"[^>]*fill="(#00aa00|#ff0000)" fill-opacity="0\.15"/g) ?? [];
    expect(polygons).toHaveLength(2);
    // Clipped to the grid: no coordinate runs off the 300 px tall canvas.
    for (const p of polygons) for (const n of /points="([^"]*)"/.exec(p)![1]!.split(" ").map(Number)) expect(Math.abs(n)).toBeLessThanOrEqual(600);
  });

  it("line+area: both", () => {
    const svg = draw("line+area");
    expect(svg).toContain('stroke="#ff0000"');
    expect(svg.match(/<polygon/g)).toHaveLength(2);
  });
});
