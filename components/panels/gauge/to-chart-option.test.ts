import { describe, expect, it } from "vitest";
import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { cssColor } from "@/lib/panels/colors";
import type { PanelData } from "@/lib/panels/panel-data";
import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import { toChartOption } from "./to-chart-option";
import { Samples } from "@/lib/panels/samples";

type GaugeSeries = {
  min: number;
  max: number;
  radius: number;
  center: [number, number];
  data: Array<{ value: number; name: string }>;
  progress?: { show: boolean; itemStyle: { color: string } };
  axisLine: { lineStyle: { color: Array<[number, string]> } };
  title: { show: boolean };
  detail: { show?: boolean; color?: string; formatter?: () => string };
};

const one: PanelData = { series: [{ refId: "A", name: "cpu", labels: {}, samples: Samples.fromPairs([[1, 40], [2, 85]]) }], instant: [] };
const percentUnit: FieldConfig = { ...THRESHOLD_COLORED_FIELD_CONFIG, defaults: { ...THRESHOLD_COLORED_FIELD_CONFIG.defaults, unit: "percent" } };

function build(data: PanelData, showThresholdMarkers = true, fieldConfig: FieldConfig = percentUnit) {
  return toChartOption({ data, panel: { options: { reduce: "lastNotNull", showThresholdMarkers }, fieldConfig }, width: 600, height: 300 }).series as GaugeSeries[];
}

describe("toChartOption (gauge)", () => {
  it("draws a threshold ring and a value arc on 0..100 by default", () => {
    const [markers, value] = build(one);
    expect(markers).toMatchObject({ min: 0, max: 100, detail: { show: false } });
    expect(markers!.axisLine.lineStyle.color).toEqual([
      [0.8, cssColor("green")],
      [1, cssColor("red")],
    ]);
    expect(value).toMatchObject({ min: 0, max: 100, data: [{ value: 85, name: "cpu" }], progress: { show: true, itemStyle: { color: cssColor("red") } } });
    expect(value!.radius).toBeLessThan(markers!.radius);
    expect(value!.detail.formatter!()).toBe("85%");
    expect(value!.title.show).toBe(false);
  });

  it("draws only the value arc without threshold markers", () => {
    const series = build(one, false);
    expect(series).toHaveLength(1);
    expect(series[0]!.progress?.show).toBe(true);
  });

  it("honours min/max and percentage thresholds", () => {
    const config: FieldConfig = {
      ...percentUnit,
      defaults: { ...percentUnit.defaults, min: 50, max: 150, thresholds: { mode: "percentage", steps: [{ value: null, color: "green" }, { value: 50, color: "orange" }] } },
    };
    const [markers, value] = build(one, true, config);
    expect(value).toMatchObject({ min: 50, max: 150, progress: { itemStyle: { color: cssColor("green") } } }); // 85 is 35%
    expect(markers!.axisLine.lineStyle.color).toEqual([
      [0.5, cssColor("green")],
      [1, cssColor("orange")],
    ]);
  });

  it("lays several gauges side by side, named", () => {
    const two: PanelData = { ...one, instant: [{ refId: "B", name: "mem", labels: {}, value: null, timeMs: 1 }] };
    const arcs = build(two, false);
    expect(arcs.map((a) => a.center[0])).toEqual([150, 450]);
    expect(arcs.map((a) => a.title.show)).toEqual([true, true]);
    expect(arcs[1]).toMatchObject({ data: [{ value: 0 }], progress: { show: false } });
    expect(arcs[1]!.detail.formatter!()).toBe("No data");
  });

  it("is empty for no data", () => {
    expect(build({ series: [], instant: [] })).toEqual([]);
  });
});
