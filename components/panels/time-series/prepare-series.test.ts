import { describe, expect, it } from "vitest";
import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import { CLASSIC_PALETTE, cssColor } from "@/lib/panels/colors";
import type { PanelData } from "@/lib/panels/panel-data";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { alignPoints, prepareSeries, toPercentStack } from "./prepare-series";
import { Samples } from "@/lib/panels/samples";

const data: PanelData = {
  series: [
    { refId: "A", name: "east", labels: { cluster: "east" }, samples: Samples.fromPairs([[1, 10], [2, 90]]) },
    { refId: "A", name: "west", labels: { cluster: "west" }, samples: Samples.fromPairs([[1, 30], [2, null]]) },
  ],
  instant: [{ refId: "B", name: "now", labels: {}, value: 5, timeMs: 2 }],
};

describe("prepareSeries", () => {
  it("colours by palette position and keeps field defaults", () => {
    const series = prepareSeries(data, DEFAULT_FIELD_CONFIG);
    expect(series.map((s) => [s.name, s.color, s.field.unit])).toEqual([
      ["east", CLASSIC_PALETTE[0], "short"],
      ["west", CLASSIC_PALETTE[1], "short"],
      ["now", CLASSIC_PALETTE[2], "short"],
    ]);
    expect(series[2]!.samples.toPairs()).toEqual([[2, 5]]);
  });

  it("applies overrides: display name, unit, fixed colour, min/max", () => {
    const config: FieldConfig = {
      ...DEFAULT_FIELD_CONFIG,
      overrides: [
        {
          matcher: { id: "byRegexp", options: "^w" },
          properties: [
            { id: "displayName", value: "West DC" },
            { id: "unit", value: "bytes" },
            { id: "color", value: { mode: "fixed", fixedColor: "purple" } },
            { id: "max", value: 100 },
          ],
        },
      ],
    };
    const west = prepareSeries(data, config)[1]!;
    expect(west).toMatchObject({ name: "West DC", color: cssColor("purple"), field: { unit: "bytes", max: 100 } });
  });

  it("colours by the last value's threshold in thresholds mode", () => {
    const config: FieldConfig = { ...DEFAULT_FIELD_CONFIG, defaults: { ...DEFAULT_FIELD_CONFIG.defaults, color: { mode: "thresholds" } } };
    const [east, west] = prepareSeries(data, config);
    expect(east!.color).toBe(cssColor("red")); // last 90 ≥ 80
    expect(west!.color).toBe(cssColor("green")); // last non-null 30
  });

  it("returns nothing for empty data", () => {
    expect(prepareSeries({ series: [], instant: [] }, DEFAULT_FIELD_CONFIG)).toEqual([]);
  });
});

describe("alignPoints", () => {
  it("puts every series on the union of timestamps, null where one has no sample", () => {
    expect(alignPoints([[[1, 1], [3, 3]], [[2, 20], [3, 30]], []])).toEqual([
      [[1, 1], [2, null], [3, 3]],
      [[1, null], [2, 20], [3, 30]],
      [[1, null], [2, null], [3, null]],
    ]);
  });
});

describe("toPercentStack", () => {
  it("turns values into shares of the total at each time, keeping the original", () => {
    expect(toPercentStack([[[1, 1], [2, 0], [3, null]], [[1, 3], [2, 0], [3, 5]]])).toEqual([
      [[1, 0.25, 1], [2, 0, 0], [3, null, null]],
      [[1, 0.75, 3], [2, 0, 0], [3, 1, 5]],
    ]);
  });
});
