import { describe, expect, it } from "vitest";
import type { Thresholds } from "@/lib/dashboards/schema/field-config";
import { cssColor } from "./colors";
import { colorForValue, thresholdBands, thresholdLevels, thresholdStepFor } from "./thresholds";

const absolute: Thresholds = {
  mode: "absolute",
  steps: [
    { value: null, color: "green" },
    { value: 50, color: "orange" },
    { value: 80, color: "#ff0000" },
  ],
};
const percentage: Thresholds = { ...absolute, mode: "percentage" };

describe("thresholdStepFor / colorForValue", () => {
  it.each<[string, Thresholds, number | null, number, number, string]>([
    ["below the first step: base", absolute, 10, 0, 100, "green"],
    ["at a step value: that step", absolute, 50, 0, 100, "orange"],
    ["between steps", absolute, 79.9, 0, 100, "orange"],
    ["above the last step", absolute, 1000, 0, 100, "#ff0000"],
    ["negative values: base", absolute, -5, 0, 100, "green"],
    ["null: base", absolute, null, 0, 100, "green"],
    ["NaN: base", absolute, Number.NaN, 0, 100, "green"],
    ["absolute ignores min/max", absolute, 60, 0, 1000, "orange"],
    ["percentage of 0..1000: 600 is 60%", percentage, 600, 0, 1000, "orange"],
    ["percentage of 0..1000: 400 is 40%", percentage, 400, 0, 1000, "green"],
    ["percentage of 200..400: 380 is 90%", percentage, 380, 200, 400, "#ff0000"],
    ["percentage with min = max", percentage, 5, 5, 5, "#ff0000"],
  ])("%s", (_name, thresholds, value, min, max, expected) => {
    expect(thresholdStepFor(value, thresholds, min, max).color).toBe(expected);
    expect(colorForValue(value, thresholds, min, max)).toBe(cssColor(expected));
  });
});

describe("thresholdBands", () => {
  it.each<[string, Thresholds, number, number, Array<[number, number, string]>]>([
    ["absolute in range", absolute, 0, 100, [[0, 50, "green"], [50, 80, "orange"], [80, 100, "#ff0000"]]],
    ["steps past max are dropped", absolute, 0, 60, [[0, 50, "green"], [50, 60, "orange"]]],
    ["percentage scales to min..max", percentage, 0, 200, [[0, 100, "green"], [100, 160, "orange"], [160, 200, "#ff0000"]]],
  ])("%s", (_name, thresholds, min, max, expected) => {
    const bands = thresholdBands(thresholds, min, max).map((b) => [b.from, b.to, b.color]);
    // Colours come out as CSS; compare with the expected names mapped the same way.
    expect(bands).toEqual(expected.map(([from, to, c]) => [from, to, cssColor(c)]));
  });
});

describe("thresholdLevels", () => {
  const levels = (t: Thresholds, min: number, max: number) => thresholdLevels(t, min, max).map((l) => [l.from, l.to, l.color]);
  const css = (rows: Array<[number, number, string]>) => rows.map(([from, to, c]) => [from, to, cssColor(c)]);

  it.each<[string, Thresholds, number, number, Array<[number, number, string]>]>([
    ["absolute: base from -inf, last to +inf, min/max ignored", absolute, 0, 60, [[-Infinity, 50, "green"], [50, 80, "orange"], [80, Infinity, "#ff0000"]]],
    ["percentage of 200..400", percentage, 200, 400, [[-Infinity, 300, "green"], [300, 360, "orange"], [360, Infinity, "#ff0000"]]],
    [
      "a step at the same value as the next is empty and left out",
      { mode: "absolute", steps: [{ value: null, color: "green" }, { value: 10, color: "blue" }, { value: 10, color: "red" }] },
      0,
      100,
      [[-Infinity, 10, "green"], [10, Infinity, "red"]],
    ],
    ["only the base step: one band over everything", { mode: "absolute", steps: [{ value: null, color: "green" }] }, 0, 1, [[-Infinity, Infinity, "green"]]],
  ])("%s", (_name, thresholds, min, max, expected) => {
    expect(levels(thresholds, min, max)).toEqual(css(expected));
  });
});
