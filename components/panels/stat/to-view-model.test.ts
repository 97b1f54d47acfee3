import { describe, expect, it } from "vitest";
import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { cssColor, textColorOn } from "@/lib/panels/colors";
import type { PanelData } from "@/lib/panels/panel-data";
import { THRESHOLD_COLORED_FIELD_CONFIG } from "../defaults";
import { statPanel } from "./index";
import { toSparklineOption } from "./to-chart-option";
import { toStatViewModel, type StatViewInput } from "./to-view-model";
import { Samples } from "@/lib/panels/samples";

const data: PanelData = {
  series: [
    { refId: "A", name: "cpu", labels: {}, samples: Samples.fromPairs([[1, 10], [2, 95], [3, null]]) },
    { refId: "A", name: "mem", labels: {}, samples: Samples.fromPairs([[1, 20], [2, 30], [3, 40]]) },
  ],
  instant: [],
};
const options = statPanel.defaults.options;

function build(over: Partial<StatViewInput["panel"]["options"]> = {}, fieldConfig: FieldConfig = THRESHOLD_COLORED_FIELD_CONFIG, d: PanelData = data) {
  return toStatViewModel({ data: d, panel: { options: { ...options, ...over }, fieldConfig }, width: 400, height: 100 });
}

describe("toStatViewModel", () => {
  it.each<[string, (typeof options)["reduce"], [string, string]]>([
    ["lastNotNull", "lastNotNull", ["95", "40"]],
    ["last (a trailing gap is No data)", "last", ["No data", "40"]],
    ["max", "max", ["95", "40"]],
    ["mean", "mean", ["52.5", "30"]],
    ["total", "total", ["105", "90"]],
    ["count", "count", ["2", "3"]],
  ])("reduces by %s", (_name, reduce, expected) => {
    expect(build({ reduce }).items.map((i) => i.text)).toEqual(expected);
  });

  it("colours the value by thresholds (colorMode value)", () => {
    const [cpu, mem] = build().items;
    expect(cpu).toMatchObject({ color: cssColor("red"), textColor: cssColor("red"), background: undefined });
    expect(mem).toMatchObject({ color: cssColor("green") });
  });

  it("paints the background with readable text (colorMode background)", () => {
    const cpu = build({ colorMode: "background" }).items[0]!;
    expect(cpu).toMatchObject({ background: cssColor("red"), textColor: textColorOn(cssColor("red")) });
  });

  it("leaves colours to the theme (colorMode none)", () => {
    expect(build({ colorMode: "none" }).items[0]).toMatchObject({ textColor: undefined, background: undefined });
  });

  it("uses percentage thresholds relative to min..max", () => {
    const config: FieldConfig = {
      ...THRESHOLD_COLORED_FIELD_CONFIG,
      defaults: {
        ...THRESHOLD_COLORED_FIELD_CONFIG.defaults,
        min: 0,
        max: 200,
        thresholds: { mode: "percentage", steps: [{ value: null, color: "green" }, { value: 40, color: "orange" }] },
      },
    };
    expect(build({}, config).items.map((i) => i.color)).toEqual([cssColor("orange"), cssColor("green")]); // 95 is 47.5%, 40 is 20%
  });

  it("uses a fixed colour when one is set", () => {
    const config: FieldConfig = { ...THRESHOLD_COLORED_FIELD_CONFIG, defaults: { ...THRESHOLD_COLORED_FIELD_CONFIG.defaults, color: { mode: "fixed", fixedColor: "blue" } } };
    expect(build({}, config).items[0]!.color).toBe(cssColor("blue"));
  });

  it("formats with unit and decimals, overrides per series", () => {
    const config: FieldConfig = {
      ...THRESHOLD_COLORED_FIELD_CONFIG,
      defaults: { ...THRESHOLD_COLORED_FIELD_CONFIG.defaults, unit: "percent", decimals: 1 },
      overrides: [{ matcher: { id: "byName", options: "mem" }, properties: [{ id: "unit", value: "bytes" }, { id: "displayName", value: "Memory" }] }],
    };
    expect(build({}, config).items.map((i) => [i.name, i.text, i.suffix])).toEqual([
      ["cpu", "95.0", "%"],
      ["Memory", "40.0", " B"],
    ]);
  });

  it("adds sparklines only in area mode and for more than one point", () => {
    expect(build().items.map((i) => i.sparkline !== null)).toEqual([true, true]);
    expect(build({ graphMode: "none" }).items.map((i) => i.sparkline)).toEqual([null, null]);
    const instant = build({}, THRESHOLD_COLORED_FIELD_CONFIG, { series: [], instant: [{ refId: "A", name: "x", labels: {}, value: 1, timeMs: 1 }] });
    expect(instant.items[0]!.sparkline).toBeNull();
  });

  it("lays out and sizes text to the box, names shown for several values", () => {
    const model = build({ graphMode: "none" });
    expect(model.layout).toMatchObject({ columns: 2, rows: 1 });
    expect(model.showNames).toBe(true);
    expect(model.valueFontPx).toBeGreaterThan(10);
    expect(model.valueFontPx).toBeLessThanOrEqual(50);
    expect(build({ textSize: 33 }).valueFontPx).toBe(33);
  });

  it("is empty for no data", () => {
    expect(build({}, THRESHOLD_COLORED_FIELD_CONFIG, { series: [], instant: [] }).items).toEqual([]);
  });
});

describe("toSparklineOption", () => {
  it("draws an area line over the range without axes", () => {
    const option = toSparklineOption([[1, 1], [2, null]], "#123456", { startMs: 0, endMs: 10 });
    expect(option.xAxis).toMatchObject({ type: "time", show: false, min: 0, max: 10 });
    expect(option.series).toEqual([expect.objectContaining({ type: "line", color: "#123456", connectNulls: false, areaStyle: { opacity: 0.2 } })]);
  });
});
