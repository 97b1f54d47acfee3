import { describe, expect, it } from "vitest";
import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { cssColor } from "@/lib/panels/colors";
import type { PanelData } from "@/lib/panels/panel-data";
import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import { reduceToScale } from "../reduced-values";
import { barGaugePanel } from "./index";
import { barFill, toBarGaugeViewModel } from "./to-view-model";

const data: PanelData = {
  series: [],
  instant: [
    { refId: "A", name: "a", labels: {}, value: 50, timeMs: 1 },
    { refId: "A", name: "b", labels: {}, value: 100, timeMs: 1 },
    { refId: "A", name: "c", labels: {}, value: null, timeMs: 1 },
  ],
};
const withScale = (min?: number, max?: number): FieldConfig => ({ ...THRESHOLD_COLORED_FIELD_CONFIG, defaults: { ...THRESHOLD_COLORED_FIELD_CONFIG.defaults, min, max } });
const build = (fieldConfig: FieldConfig, over: object = {}) =>
  toBarGaugeViewModel({ data, panel: { options: { ...barGaugePanel.defaults.options, ...over }, fieldConfig } });

describe("toBarGaugeViewModel", () => {
  it("fills each bar to its value on 0..data max when min/max are unset", () => {
    expect(build(withScale()).bars.map((b) => [b.name, b.fraction, b.text])).toEqual([
      ["a", 0.5, "50"],
      ["b", 1, "100"],
      ["c", 0, "No data"],
    ]);
  });

  it("uses the configured min/max and clamps", () => {
    expect(build(withScale(0, 200)).bars.map((b) => b.fraction)).toEqual([0.25, 0.5, 0]);
    expect(build(withScale(60, 80)).bars.map((b) => b.fraction)).toEqual([0, 1, 0]);
  });

  it("colours by thresholds; basic mode fills solid", () => {
    const bars = build(withScale(0, 100), { displayMode: "basic" }).bars;
    expect(bars.map((b) => [b.color, b.fill])).toEqual([
      [cssColor("green"), cssColor("green")],
      [cssColor("red"), cssColor("red")],
      [cssColor("green"), cssColor("green")],
    ]);
  });

  it("keeps the orientation", () => {
    expect(build(withScale(), { orientation: "vertical" }).orientation).toBe("vertical");
  });

  it("is empty for no data", () => {
    expect(toBarGaugeViewModel({ data: { series: [], instant: [] }, panel: { options: barGaugePanel.defaults.options, fieldConfig: withScale() } }).bars).toEqual([]);
  });
});

describe("barFill", () => {
  const [a, b] = reduceToScale(data, withScale(0, 100), "lastNotNull", { min: 0, max: 100 });

  it("runs a gradient through the thresholds passed, positioned along the filled part", () => {
    expect(barFill(b!, "gradient", "horizontal")).toBe(`linear-gradient(to right, ${cssColor("green")} 0.0%, ${cssColor("red")} 80.0%)`);
    expect(barFill(b!, "gradient", "vertical")).toMatch(/^linear-gradient\(to top,/);
  });

  it("is a plain colour when only one threshold is passed or in basic mode", () => {
    expect(barFill(a!, "gradient", "horizontal")).toBe(cssColor("green"));
    expect(barFill(b!, "basic", "horizontal")).toBe(cssColor("red"));
  });
});
