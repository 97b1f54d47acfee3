import { describe, expect, it } from "vitest";
import { dashboardSchema } from "@/lib/dashboards/schema";
import { ImportError, importGrafanaDashboard } from "./index";

const OPTIONS = { datasources: [{ id: "prom", name: "Prometheus", type: "prometheus" }], defaultDatasource: "prom" };

describe("input that is not a Grafana dashboard", () => {
  it.each<[string, unknown, RegExp]>([
    ["null", null, /got null/],
    ["a string", "{\"title\": \"x\"}", /got string/],
    ["a number", 42, /got number/],
    ["an array", [{ title: "x", panels: [] }], /got a JSON array/],
    ["an object without panels, rows or title", { foo: 1, bar: [1, 2] }, /not a Grafana dashboard: expected "panels" or "rows"/],
    ["an Orrery-looking object of something else", { kind: "Deployment", metadata: {} }, /not a Grafana dashboard/],
  ])("%s is refused with ImportError naming the problem", (_, input, message) => {
    expect(() => importGrafanaDashboard(input, OPTIONS)).toThrow(ImportError);
    expect(() => importGrafanaDashboard(input, OPTIONS)).toThrow(message);
  });

  it("100,000 levels of nesting are refused without blowing the stack", () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { panels: [deep] };
    expect(() => importGrafanaDashboard({ title: "deep", panels: [deep] }, OPTIONS)).toThrow(/nests deeper than 64 levels/);
  });

  it("deep nesting from JSON text is refused the same way", () => {
    const text = `{"title":"t","panels":[${'{"a":['.repeat(20_000)}1${"]}".repeat(20_000)}]}`;
    expect(() => importGrafanaDashboard(JSON.parse(text), OPTIONS)).toThrow(ImportError);
  });

  it("nonsense values inside a dashboard are reported, not thrown", () => {
    const result = importGrafanaDashboard(
      { title: "odd", panels: [42, null, { type: "timeseries", gridPos: "x", targets: "nope", fieldConfig: [], options: 7 }], templating: { list: [1, { type: "query" }] }, links: "x" },
      OPTIONS,
    );
    expect(() => dashboardSchema.parse(result.dashboard)).not.toThrow();
    expect(result.dashboard.panels).toHaveLength(1);
    expect(result.report.map((e) => e.path)).toEqual(expect.arrayContaining(["panels[0]", "panels[1]", "templating.list[0]", "templating.list[1].name"]));
  });
});

describe("prototype keys never pollute", () => {
  it("__proto__ and constructor anywhere in the document change no prototype and reach no output", () => {
    const text = `{
      "title": "p", "__proto__": {"polluted": "dashboard"},
      "templating": {"list": [{"type": "custom", "name": "x", "query": "a,b", "__proto__": {"polluted": "variable"}, "constructor": {"prototype": {"polluted": "ctor"}}}]},
      "panels": [{"type": "timeseries", "id": 1, "title": "t", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
        "__proto__": {"polluted": "panel"}, "constructor": {"prototype": {"polluted": "ctor"}},
        "aliasColors": {"__proto__": "red"},
        "fieldConfig": {"defaults": {"__proto__": {"unit": "bytes"}, "custom": {"__proto__": {"drawStyle": "bars"}}}, "overrides": []},
        "options": {"__proto__": {"legend": {"displayMode": "hidden"}}},
        "transformations": [{"id": "organize", "options": {"renameByName": {"__proto__": "x", "constructor": "y"}}}],
        "targets": [{"refId": "A", "expr": "up", "__proto__": {"hide": true}}]}]
    }`;
    const result = importGrafanaDashboard(JSON.parse(text), { ...OPTIONS, datasourceMap: JSON.parse('{"__proto__": "prom"}') as Record<string, string> });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const out = JSON.stringify(result.dashboard);
    expect(out).not.toContain("polluted");
    expect(out).not.toContain("__proto__");
    const panel = result.dashboard.panels[0]!;
    if (panel.type !== "timeseries") throw new Error("expected a time series");
    expect(panel.fieldConfig.defaults.unit).toBe("short");
    expect(panel.options.drawStyle).toBe("line");
    expect(panel.options.legend.displayMode).toBe("list");
    expect(panel.targets[0]!.hide).toBe(false);
  });
});

describe("links", () => {
  it("javascript: and protocol-relative URLs are refused and reported; http(s) and relative kept", () => {
    const result = importGrafanaDashboard(
      {
        title: "links",
        links: [{ type: "link", title: "bad", url: "javascript:alert(1)" }, { type: "link", title: "ok", url: "https://grafana.example/d/x" }],
        panels: [{ type: "text", id: 1, gridPos: { x: 0, y: 0, w: 6, h: 3 }, links: [{ title: "evil", url: " JavaScript:alert(1)" }, { title: "proto", url: "//evil.example" }, { title: "rel", url: "/d/abc?var-x=1" }] }],
      },
      OPTIONS,
    );
    expect(result.dashboard.links).toEqual([{ title: "ok", url: "https://grafana.example/d/x", targetBlank: false }]);
    const panel = result.dashboard.panels[0]!;
    if (panel.type === "row") throw new Error("expected a panel");
    expect(panel.links).toEqual([{ title: "rel", url: "/d/abc?var-x=1", targetBlank: false }]);
    expect(result.report.map((e) => e.path).sort()).toEqual(["links[0].url", "panels[0].links[0].url", "panels[0].links[1].url"]);
  });
});
