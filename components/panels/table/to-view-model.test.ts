import { describe, expect, it } from "vitest";
import type { FieldConfig } from "@/lib/dashboards/schema/field-config";
import type { PanelData } from "@/lib/panels/panel-data";
import { DEFAULT_FIELD_CONFIG } from "../defaults";
import { columnTitles, toTableViewModel } from "./to-view-model";
import { Samples } from "@/lib/panels/samples";

const instant: PanelData = {
  series: [],
  instant: [
    { refId: "A", name: "", labels: { __name__: "up", job: "api", instance: "a:1" }, value: 1, timeMs: 1 },
    { refId: "A", name: "", labels: { __name__: "up", job: "db" }, value: 0, timeMs: 1 },
  ],
};

describe("columnTitles", () => {
  it("shows displayName overrides by column name (Grafana organize renames), else the name", () => {
    const fieldConfig: FieldConfig = {
      ...DEFAULT_FIELD_CONFIG,
      overrides: [
        { matcher: { id: "byName", options: "job" }, properties: [{ id: "displayName", value: "Job" }] },
        { matcher: { id: "byName", options: "Value" }, properties: [{ id: "displayName", value: "Up" }] },
      ],
    };
    const model = toTableViewModel(instant, fieldConfig);
    expect(columnTitles(model.columns, fieldConfig)).toEqual({ Metric: "Metric", instance: "instance", job: "Job", Value: "Up" });
  });
});

describe("toTableViewModel", () => {
  it("has Metric first, then the union of labels sorted, then Value", () => {
    const model = toTableViewModel(instant, DEFAULT_FIELD_CONFIG);
    expect(model.columns).toEqual([
      { name: "Metric", kind: "label" },
      { name: "instance", kind: "label" },
      { name: "job", kind: "label" },
      { name: "Value", kind: "value" },
    ]);
    expect(model.rows.map((r) => r.cells)).toEqual([
      { Metric: "up", instance: "a:1", job: "api", Value: 1 },
      { Metric: "up", instance: null, job: "db", Value: 0 },
    ]);
  });

  it("uses each series' last non-null value when there are no instant samples", () => {
    const model = toTableViewModel(
      { series: [{ refId: "A", name: "x", labels: { pod: "p" }, samples: Samples.fromPairs([[1, 5], [2, 7], [3, null]]) }], instant: [] },
      DEFAULT_FIELD_CONFIG,
    );
    expect(model.columns.map((c) => c.name)).toEqual(["pod", "Value"]);
    expect(model.rows[0]!.cells).toEqual({ pod: "p", Value: 7 });
  });

  it("joins several queries by labels into Value #refId columns", () => {
    const model = toTableViewModel(
      {
        series: [],
        instant: [
          { refId: "A", name: "", labels: { namespace: "a" }, value: 1, timeMs: 1 },
          { refId: "B", name: "", labels: { namespace: "a" }, value: 2, timeMs: 1 },
          { refId: "B", name: "", labels: { namespace: "b" }, value: 3, timeMs: 1 },
        ],
      },
      DEFAULT_FIELD_CONFIG,
    );
    expect(model.columns.map((c) => c.name)).toEqual(["namespace", "Value #A", "Value #B"]);
    expect(model.rows.map((r) => r.cells)).toEqual([
      { namespace: "a", "Value #A": 1, "Value #B": 2 },
      { namespace: "b", "Value #B": 3 },
    ]);
  });

  it("formats value columns with the unit, overridable per column by name", () => {
    const config: FieldConfig = {
      ...DEFAULT_FIELD_CONFIG,
      defaults: { ...DEFAULT_FIELD_CONFIG.defaults, unit: "bytes" },
      overrides: [{ matcher: { id: "byName", options: "Value" }, properties: [{ id: "decimals", value: 2 }] }],
    };
    const model = toTableViewModel(instant, config);
    expect(model.format("Value", 1536)).toBe("1.50 KiB");
    expect(model.format("Value", null)).toBe("No data");
    expect(model.format("job", "api")).toBe("api");
    expect(model.format("instance", null)).toBe("");
  });

  it("is empty for no data", () => {
    const model = toTableViewModel({ series: [], instant: [] }, DEFAULT_FIELD_CONFIG);
    expect(model.rows).toEqual([]);
    expect(model.columns).toEqual([]);
  });
});
