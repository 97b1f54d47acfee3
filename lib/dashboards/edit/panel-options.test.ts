import { describe, expect, it } from "vitest";
import type { Dashboard } from "../schema";
import { findPanel } from "./ids";
import { addTarget, changePanelType, removeTarget, setFieldDefaults, setLegend, setPanelDatasource, setPanelOptions, setPanelText, setThresholds, updateTarget } from "./panel-options";
import { dash, defaultsOf, expectValid, panel } from "./test-fixtures";

const base = () =>
  dash([
    panel(1, 0, {
      type: "timeseries",
      title: "CPU",
      targets: [{ refId: "A", expr: "up" }],
      fieldConfig: { defaults: { unit: "percent", decimals: 2, min: 0, max: 100, thresholds: { steps: [{ value: null, color: "green" }, { value: 90, color: "red" }] } } },
    }),
  ]);

const cases: Array<{ name: string; edit: (d: Dashboard) => Dashboard; want: Record<string, unknown> }> = [
  { name: "title and description", edit: (d) => setPanelText(d, 1, { title: "Load", description: "why" }), want: { title: "Load", description: "why" } },
  { name: "datasource", edit: (d) => setPanelDatasource(d, 1, "east"), want: { datasource: "east" } },
  { name: "datasource back to default", edit: (d) => setPanelDatasource(setPanelDatasource(d, 1, "east"), 1, undefined), want: { title: "CPU" } },
  {
    name: "type change keeping targets and field settings",
    edit: (d) => changePanelType(d, 1, "stat", { ...defaultsOf("stat"), fieldConfig: { ...defaultsOf("stat").fieldConfig, defaults: { ...defaultsOf("stat").fieldConfig.defaults, color: { mode: "thresholds" } } } }),
    want: { type: "stat", title: "CPU", targets: [expect.objectContaining({ expr: "up" })], options: defaultsOf("stat").options, fieldConfig: expect.objectContaining({ defaults: expect.objectContaining({ unit: "percent", decimals: 2, color: { mode: "thresholds" } }) }) },
  },
  { name: "a target added", edit: (d) => addTarget(d, 1), want: { targets: [expect.objectContaining({ refId: "A" }), { refId: "B", expr: "", legendFormat: "", instant: false, minStep: "", hide: false }] } },
  {
    name: "a target changed",
    edit: (d) => updateTarget(d, 1, "A", { expr: "sum(up)", legendFormat: "{{job}}", instant: true, minStep: "30s", hide: true }),
    want: { targets: [{ refId: "A", expr: "sum(up)", legendFormat: "{{job}}", instant: true, minStep: "30s", hide: true }] },
  },
  { name: "a target removed", edit: (d) => removeTarget(d, 1, "A"), want: { targets: [] } },
  { name: "options", edit: (d) => setPanelOptions(d, 1, "timeseries", { fillOpacity: 30, stacking: "normal" }), want: { options: expect.objectContaining({ fillOpacity: 30, stacking: "normal", drawStyle: "line" }) } },
  { name: "options of another type ignored", edit: (d) => setPanelOptions(d, 1, "stat", { reduce: "max" }), want: { options: expect.not.objectContaining({ reduce: "max" }) } },
  { name: "legend", edit: (d) => setLegend(d, 1, { displayMode: "table", placement: "right", calcs: ["mean", "max"] }), want: { options: expect.objectContaining({ legend: { displayMode: "table", placement: "right", calcs: ["mean", "max"] } }) } },
  {
    name: "unit, decimals, min and max; undefined removes",
    edit: (d) => setFieldDefaults(d, 1, { unit: "bytes", decimals: undefined, min: undefined, max: 1024 }),
    want: { fieldConfig: expect.objectContaining({ defaults: expect.objectContaining({ unit: "bytes", max: 1024 }) }) },
  },
  {
    name: "thresholds, sorted with the base first",
    edit: (d) => setThresholds(d, 1, { mode: "absolute", steps: [{ value: 50, color: "orange" }, { value: null, color: "green" }, { value: 10, color: "blue" }] }),
    want: { fieldConfig: expect.objectContaining({ defaults: expect.objectContaining({ thresholds: { mode: "absolute", steps: [{ value: null, color: "green" }, { value: 10, color: "blue" }, { value: 50, color: "orange" }] } }) }) },
  },
];

describe("panel edits", () => {
  it.each(cases)("sets $name, keeping the dashboard valid", ({ edit, want }) => {
    const before = base();
    const snapshot = structuredClone(before);
    const next = edit(before);
    expect(findPanel(next, 1)).toMatchObject(want);
    expect(before).toEqual(snapshot);
    expectValid(next);
  });

  it("removes the datasource key for the default, and decimals and min for real, not as undefined keys", () => {
    expect(Object.keys(findPanel(setPanelDatasource(setPanelDatasource(base(), 1, "east"), 1, undefined), 1)!)).not.toContain("datasource");
    const next = setFieldDefaults(base(), 1, { decimals: undefined, min: undefined });
    expect(Object.keys(findPanel(next, 1)!.fieldConfig.defaults)).not.toContain("decimals");
    expect(Object.keys(findPanel(next, 1)!.fieldConfig.defaults)).not.toContain("min");
  });

  it("a type change to the same type and edits of unknown panels change nothing", () => {
    const d = base();
    expect(changePanelType(d, 1, "timeseries", defaultsOf("timeseries"))).toBe(d);
    expect(setPanelText(d, 42, { title: "x" })).toBe(d);
  });

  it("legend edits leave other types alone", () => {
    const d = dash([panel(1, 0)]);
    expect(setLegend(d, 1, { displayMode: "hidden" })).toEqual(d);
  });
});
