import { describe, expect, it } from "vitest";
import type { VariableType } from "../schema";
import { copyDashboard, emptyDashboard, updateSettings } from "./settings";
import { dash, expectValid } from "./test-fixtures";
import { addVariable, freeVariableName, moveVariable, removeVariable, updateVariable, variableOfType } from "./variables";

const TYPES: VariableType[] = ["query", "custom", "constant", "textbox", "interval", "datasource"];

describe("variables", () => {
  it.each(TYPES)("a new %s variable is valid", (type) => {
    const { dashboard, index } = addVariable(dash(), type);
    expect(index).toBe(0);
    expect(dashboard.templating.list[0]).toMatchObject({ type, name: "var1" });
    expectValid(dashboard);
  });

  it("changing the type keeps name, label, description and hide", () => {
    expect(variableOfType("query", { name: "cluster", label: "Cluster", description: "d", hide: "label" })).toMatchObject({ type: "query", name: "cluster", label: "Cluster", description: "d", hide: "label" });
  });

  it.each([
    { names: [], want: "var1" },
    { names: ["var1"], want: "var2" },
    { names: ["a", "var3"], want: "var4" },
  ])("a free name after $names is $want", ({ names, want }) => {
    expect(freeVariableName(dash([], { templating: { list: names.map((name) => ({ type: "textbox", name })) } }))).toBe(want);
  });

  it("edits, moves and removes by index", () => {
    let d = addVariable(addVariable(dash(), "custom").dashboard, "textbox").dashboard;
    d = updateVariable(d, 0, { type: "custom", name: "env", query: "prod,dev", multi: true, includeAll: true, hide: "none" });
    expect(d.templating.list.map((v) => v.name)).toEqual(["env", "var2"]);
    d = moveVariable(d, 0, 1);
    expect(d.templating.list.map((v) => v.name)).toEqual(["var2", "env"]);
    expect(moveVariable(d, 1, 1)).toBe(d);
    d = removeVariable(d, 0);
    expect(d.templating.list.map((v) => v.name)).toEqual(["env"]);
    expectValid(d);
    expect(updateVariable(d, 5, d.templating.list[0]!)).toBe(d);
  });
});

describe("settings", () => {
  it.each([
    { patch: { title: "Cluster" }, want: { title: "Cluster" } },
    { patch: { description: "About" }, want: { description: "About" } },
    { patch: { tags: [" a ", "b", "a", ""] }, want: { tags: ["a", "b"] } },
    { patch: { time: { from: "now-1h", to: "now" } }, want: { time: { from: "now-1h", to: "now" } } },
    { patch: { refresh: "30s" as const }, want: { refresh: "30s" } },
    { patch: { timezone: "Europe/Berlin" }, want: { timezone: "Europe/Berlin" } },
    { patch: { graphTooltip: "tooltip" as const }, want: { graphTooltip: "tooltip" } },
  ])("updates $patch", ({ patch, want }) => {
    const next = updateSettings(dash(), patch);
    expect(next).toMatchObject(want);
    expectValid(next);
  });

  it("an empty dashboard and a copy are valid", () => {
    expectValid(emptyDashboard("abcDEF123"));
    const copy = copyDashboard(dash([{ id: 1, type: "text", gridPos: { x: 0, y: 0, w: 4, h: 4 } }]), "xyz", "Copy");
    expect(copy).toMatchObject({ uid: "xyz", title: "Copy" });
    expectValid(copy);
  });
});
