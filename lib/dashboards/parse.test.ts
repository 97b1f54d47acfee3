import { describe, expect, it } from "vitest";
import { parseDashboard } from "./parse";
import { dashboardSchema } from "./schema";

const minimal = { schemaVersion: 1, uid: "abc", title: "T" };
const ts = (over: Record<string, unknown> = {}) => ({ id: 1, type: "timeseries", gridPos: { x: 0, y: 0, w: 12, h: 8 }, ...over });

function issuesOf(doc: unknown) {
  const r = parseDashboard(doc);
  if (r.ok) throw new Error("expected the dashboard to be refused");
  return r.issues;
}

describe("parseDashboard", () => {
  it("fills every default of a minimal dashboard and panel", () => {
    const r = parseDashboard({ ...minimal, panels: [ts({ targets: [{ refId: "A", expr: "up" }] })] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dashboard).toMatchObject({ time: { from: "now-6h", to: "now" }, refresh: "", timezone: "browser", templating: { list: [] }, tags: [] });
    const p = r.dashboard.panels[0]!;
    expect(p.type === "timeseries" && p.options).toMatchObject({ drawStyle: "line", legend: { displayMode: "list", calcs: [] }, tooltip: { mode: "multi" } });
    expect(p.type !== "row" && p.fieldConfig.defaults).toMatchObject({ unit: "short", thresholds: { mode: "absolute" } });
    expect(p.type !== "row" && p.targets[0]).toEqual({ refId: "A", expr: "up", legendFormat: "", instant: false, minStep: "", hide: false });
  });

  it("round-trips: a parsed dashboard parses to itself", () => {
    const r = parseDashboard({ ...minimal, panels: [ts(), { id: 2, type: "row", gridPos: { x: 0, y: 8, w: 24, h: 1 }, collapsed: true, panels: [ts({ id: 3 })] }] });
    if (!r.ok) throw new Error("refused");
    expect(dashboardSchema.parse(JSON.parse(JSON.stringify(r.dashboard)))).toEqual(r.dashboard);
  });

  it.each([
    [{ ...minimal, uid: "../etc" }, "uid"],
    [{ ...minimal, title: "  " }, "title"],
    [{ ...minimal, timezone: "Mars/Olympus" }, "timezone"],
    [{ ...minimal, refresh: "1s" }, "refresh"],
    [{ ...minimal, panels: [ts({ gridPos: { x: 20, y: 0, w: 6, h: 8 } })] }, "panels[0].gridPos.w"],
    [{ ...minimal, panels: [ts({ type: "graph" })] }, "panels[0].type"],
    [{ ...minimal, panels: [ts({ fieldConfig: { defaults: { unit: "furlongs" } } })] }, "panels[0].fieldConfig.defaults.unit"],
    [{ ...minimal, panels: [ts({ options: { legend: { displayMode: "huge" } } })] }, "panels[0].options.legend.displayMode"],
    [{ ...minimal, panels: [ts({ options: { colour: "red" } })] }, "panels[0].options"],
    [{ ...minimal, panels: [ts({ links: [{ title: "x", url: "javascript:alert(1)" }] })] }, "panels[0].links[0].url"],
    [{ ...minimal, panels: [ts({ fieldConfig: { defaults: { thresholds: { steps: [{ value: 5, color: "red" }] } } } })] }, "panels[0].fieldConfig.defaults.thresholds.steps[0].value"],
    [{ ...minimal, panels: [ts({ fieldConfig: { overrides: [{ matcher: { id: "byRegexp", options: "(" }, properties: [] }] } })] }, "panels[0].fieldConfig.overrides[0].matcher.options"],
    [{ ...minimal, panels: [ts(), ts()] }, "panels"],
    [{ ...minimal, templating: { list: [{ type: "custom", name: "a b", query: "x" }] } }, "templating.list[0].name"],
    [{ ...minimal, templating: { list: [{ type: "interval", name: "i", query: "1m,soon" }] } }, "templating.list[0].query"],
    [{ ...minimal, templating: { list: [{ type: "query", name: "q", query: "label_values(up, job)", regex: "[" }] } }, "templating.list[0].regex"],
    [{ ...minimal, templating: { list: [{ type: "custom", name: "a", query: "x" }, { type: "custom", name: "a", query: "y" }] } }, "templating.list[1].name"],
    [{ ...minimal, extra: 1 }, "(root)"],
  ])("refuses %j naming %s", (doc, path) => {
    expect(issuesOf(doc).map((i) => i.path)).toContain(path);
  });

  it.each([
    [{ uid: "a", title: "t" }, "schemaVersion", "missing; Orrery dashboards carry a schemaVersion"],
    [{ ...minimal, schemaVersion: 99 }, "schemaVersion", "99 is newer than this Orrery supports (1)"],
    [{ ...minimal, schemaVersion: "1" }, "schemaVersion", '"1" is not a dashboard schema version'],
  ])("checks the schema version of %j", (doc, path, message) => {
    expect(issuesOf(doc)).toEqual([{ path, message }]);
  });

  it("refuses non-objects with a root issue", () => {
    expect(issuesOf(null)[0]!.path).toBe("(root)");
    expect(issuesOf([1])[0]!.path).toBe("(root)");
  });
});
