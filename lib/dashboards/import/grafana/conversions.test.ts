import { describe, expect, it } from "vitest";
import type { Dashboard, Panel } from "@/lib/dashboards/schema";
import { importGrafanaDashboard, type ImportOptions } from "./index";

const OPTIONS: ImportOptions = {
  datasources: [
    { id: "prom", name: "Prometheus", type: "prometheus" },
    { id: "east", name: "East", type: "prometheus" },
    { id: "thanos", name: "Thanos", type: "thanos" },
  ],
  defaultDatasource: "prom",
};
const gp = { x: 0, y: 0, w: 12, h: 8 };
const dash = (over: Record<string, unknown>) => ({ title: "t", schemaVersion: 39, panels: [], ...over });
function onlyPanel(d: Dashboard): Panel {
  const p = d.panels[0];
  if (!p || p.type === "row") throw new Error("expected a panel first");
  return p;
}

describe("datasource references in every form", () => {
  const ts = (datasource: unknown, targets: unknown[] = [{ refId: "A", expr: "up" }]) => ({ type: "timeseries", id: 1, gridPos: gp, datasource, targets });
  it.each<[string, unknown, ImportOptions["datasourceMap"], string | undefined, string | undefined]>([
    ["null (the default)", null, undefined, undefined, "default"],
    ['"default"', "default", undefined, undefined, "default"],
    ["a datasource name Orrery knows", "East", undefined, "east", "East"],
    ["{type, uid} mapped by uid", { type: "prometheus", uid: "P1809F7CD0C75ACF3" }, { P1809F7CD0C75ACF3: "thanos" }, "thanos", "P1809F7CD0C75ACF3"],
    ["{type, uid} not mapped: the default", { type: "prometheus", uid: "zzz" }, undefined, undefined, "zzz"],
    ['"default" mapped explicitly', null, { default: "east" }, "east", "default"],
    ["a datasource variable", "$ds", undefined, "$ds", undefined],
    ["{uid: ${ds}}", { type: "prometheus", uid: "${ds}" }, undefined, "$ds", undefined],
  ])("%s", (_, ref, map, expected, key) => {
    const doc = dash({ panels: [ts(ref)], templating: { list: [{ type: "datasource", name: "ds", query: "prometheus" }] } });
    const result = importGrafanaDashboard(doc, { ...OPTIONS, datasourceMap: map });
    expect(onlyPanel(result.dashboard).datasource).toBe(expected);
    if (key !== undefined) expect(result.datasourceRefs.map((r) => r.key)).toContain(key);
    expect(result.report).toEqual([]);
  });

  it('"${DS_PROMETHEUS}" of export-for-sharing resolves through __inputs and the mapping', () => {
    const doc = dash({
      __inputs: [{ name: "DS_PROMETHEUS", label: "Prometheus (prod)", type: "datasource", pluginId: "prometheus" }],
      panels: [ts("${DS_PROMETHEUS}"), { ...ts({ type: "prometheus", uid: "${DS_PROMETHEUS}" }), id: 2 }],
    });
    const result = importGrafanaDashboard(doc, { ...OPTIONS, datasourceMap: { "${DS_PROMETHEUS}": "thanos" } });
    expect(result.dashboard.panels.map((p) => (p.type === "row" ? null : p.datasource))).toEqual(["thanos", "thanos"]);
    expect(result.datasourceRefs).toEqual([{ key: "${DS_PROMETHEUS}", label: "Prometheus (prod) (input DS_PROMETHEUS)", usedBy: 2 }]);
  });

  it("non-Prometheus datasources are reported and their queries dropped; the panel stays", () => {
    const doc = dash({
      panels: [ts({ type: "loki", uid: "L" }, [{ refId: "A", expr: "{job=\"x\"}" }]), { ...ts("-- Grafana --"), id: 2 }],
    });
    const result = importGrafanaDashboard(doc, OPTIONS);
    expect(result.dashboard.panels.map((p) => (p.type === "row" ? null : p.targets.length))).toEqual([0, 0]);
    expect(result.report.map((e) => [e.path, e.panel?.id])).toEqual([["panels[0].targets", 1], ["panels[1].targets", 2]]);
    expect(result.report[0]!.reason).toContain('"loki"');
  });

  it("-- Mixed -- panels take the datasource their queries share; different ones are reported", () => {
    const mixed = { type: "datasource", uid: "-- Mixed --" };
    const doc = dash({
      panels: [
        ts(mixed, [{ refId: "A", expr: "a", datasource: { type: "prometheus", uid: "east" } }, { refId: "B", expr: "b", datasource: { type: "prometheus", uid: "east" } }]),
        { ...ts(mixed, [{ refId: "A", expr: "a", datasource: "East" }, { refId: "B", expr: "b", datasource: "Thanos" }]), id: 2 },
      ],
    });
    const result = importGrafanaDashboard(doc, OPTIONS);
    expect(result.dashboard.panels.map((p) => (p.type === "row" ? null : p.datasource))).toEqual(["east", "east"]);
    expect(result.report.map((e) => e.path)).toEqual(["panels[1].datasource"]);
  });

  it("a mapping to an unknown Orrery datasource is reported and falls back to the default", () => {
    const result = importGrafanaDashboard(dash({ panels: [ts({ type: "prometheus", uid: "u1" })] }), { ...OPTIONS, datasourceMap: { u1: "nope" } });
    expect(onlyPanel(result.dashboard).datasource).toBeUndefined();
    expect(result.report.map((e) => e.path)).toEqual(["datasourceMap.u1"]);
  });
});

describe("document shapes", () => {
  it("accepts the API's {dashboard, meta} wrapper", () => {
    const result = importGrafanaDashboard({ meta: { slug: "x" }, dashboard: dash({ uid: "abc", title: "Wrapped", panels: [{ type: "text", id: 3, gridPos: gp, options: { content: "hi" } }] }) }, OPTIONS);
    expect(result.dashboard).toMatchObject({ uid: "abc", title: "Wrapped" });
    expect(result.dashboard.panels).toHaveLength(1);
  });

  it("dashboard fields the schema refuses fall back to its defaults, each reported", () => {
    // Reserved uids (routes under /api/dashboards/), an unknown time zone, an interval Orrery lacks, a javascript: link.
    for (const uid of ["schema", "import"]) {
      const result = importGrafanaDashboard(
        dash({ uid, title: "Fallbacks", timezone: "Mars/Olympus", refresh: "7s", links: [{ type: "link", title: "x", url: "javascript:alert(1)" }] }),
        OPTIONS,
      );
      expect(result.dashboard).toMatchObject({ uid: "fallbacks", timezone: "browser", refresh: "", links: [] });
      expect(result.report.map((e) => e.path).sort()).toEqual(["links[0].url", "refresh", "timezone", "uid"]);
    }
    const kept = importGrafanaDashboard(dash({ uid: "ok-1", timezone: "Europe/Paris", refresh: "1m", links: [{ type: "link", title: "Docs", url: "/docs" }] }), OPTIONS);
    expect(kept.dashboard).toMatchObject({ uid: "ok-1", timezone: "Europe/Paris", refresh: "1m", links: [{ title: "Docs", url: "/docs", targetBlank: false }] });
    expect(kept.report).toEqual([]);
  });

  it("legacy rows wrap panels that do not fit and honour per-panel heights", () => {
    const result = importGrafanaDashboard(
      { title: "legacy", schemaVersion: 14, rows: [{ height: "300px", panels: [{ type: "text", id: 1, span: 6 }, { type: "text", id: 2, span: 6 }, { type: "text", id: 3, span: 12, height: 100 }] }] },
      OPTIONS,
    );
    // No row is collapsed, titled or repeated, so Grafana adds no row panels: 300px → 8 cells, 100px → 3.
    expect(result.dashboard.panels.map((p) => p.gridPos)).toEqual([{ x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 24, h: 3 }]);
  });

  it("reads Grafana 12's v2 format: elements, rows layout, variables", () => {
    const v2 = {
      apiVersion: "dashboard.grafana.app/v2beta1",
      kind: "Dashboard",
      metadata: { name: "v2-dash" },
      spec: {
        title: "V2",
        timeSettings: { from: "now-1h", to: "now", timezone: "utc", autoRefresh: "30s" },
        variables: [{ kind: "CustomVariable", spec: { name: "env", query: "a,b", multi: true, includeAll: false, hide: "dontHide", current: { text: "a", value: "a" } } }],
        elements: {
          "panel-1": {
            kind: "Panel",
            spec: {
              id: 1, title: "Rate",
              data: { kind: "QueryGroup", spec: { queries: [{ kind: "PanelQuery", spec: { refId: "A", hidden: false, query: { kind: "DataQuery", group: "prometheus", datasource: { name: "east" }, spec: { expr: "rate(x[5m])", legendFormat: "{{job}}" } } } }], transformations: [], queryOptions: {} } },
              vizConfig: { kind: "VizConfig", group: "timeseries", spec: { options: { legend: { displayMode: "table", placement: "right", calcs: ["max"] } }, fieldConfig: { defaults: { unit: "reqps" }, overrides: [] } } },
            },
          },
          "panel-2": { kind: "Panel", spec: { id: 2, title: "Pie", data: { kind: "QueryGroup", spec: { queries: [] } }, vizConfig: { kind: "VizConfig", group: "piechart", spec: {} } } },
        },
        layout: {
          kind: "RowsLayout",
          spec: {
            rows: [
              { kind: "RowsLayoutRow", spec: { title: "First", collapse: false, layout: { kind: "GridLayout", spec: { items: [{ kind: "GridLayoutItem", spec: { x: 0, y: 0, width: 12, height: 6, element: { kind: "ElementReference", name: "panel-1" } } }] } } } },
              { kind: "RowsLayoutRow", spec: { title: "Second", collapse: true, layout: { kind: "GridLayout", spec: { items: [{ kind: "GridLayoutItem", spec: { x: 0, y: 0, width: 8, height: 4, element: { kind: "ElementReference", name: "panel-2" } } }] } } } },
            ],
          },
        },
      },
    };
    const { dashboard, report } = importGrafanaDashboard(v2, OPTIONS);
    expect(dashboard).toMatchObject({ uid: "v2-dash", title: "V2", timezone: "utc", refresh: "30s", time: { from: "now-1h", to: "now" } });
    expect(dashboard.templating.list).toEqual([expect.objectContaining({ name: "env", type: "custom", query: "a,b", multi: true, current: { value: "a" } })]);
    const [row1, rate, row2] = dashboard.panels;
    expect(row1).toMatchObject({ type: "row", title: "First", collapsed: false });
    expect(rate).toMatchObject({ type: "timeseries", title: "Rate", datasource: "east", gridPos: { x: 0, y: 1, w: 12, h: 6 }, options: { legend: { displayMode: "table", placement: "right", calcs: ["max"] } } });
    expect(rate!.type !== "row" && rate!.targets[0]).toMatchObject({ refId: "A", expr: "rate(x[5m])", legendFormat: "{{job}}" });
    expect(row2).toMatchObject({ type: "row", title: "Second", collapsed: true, panels: [{ type: "unsupported", title: "Pie", options: { grafanaType: "piechart" } }] });
    expect(report.map((e) => e.path)).toEqual(["spec.elements.panel-2.type"]);
  });
});

describe("panels", () => {
  it("an unknown panel type becomes an unsupported placeholder with its type and title, reported", () => {
    const { dashboard, report } = importGrafanaDashboard(dash({ panels: [{ type: "state-timeline", id: 7, title: "States", gridPos: gp, targets: [{ refId: "A", expr: "up" }] }] }), OPTIONS);
    expect(onlyPanel(dashboard)).toMatchObject({ id: 7, type: "unsupported", title: "States", gridPos: gp, options: { grafanaType: "state-timeline" } });
    expect(report).toEqual([{ panel: { id: 7, title: "States", type: "state-timeline" }, path: "panels[0].type", reason: expect.stringContaining('"state-timeline" is not supported') }]);
  });

  it("singlestat → stat with thresholds from its colors, sparkline and unit; with the gauge shown → gauge", () => {
    const single = { type: "singlestat", id: 1, gridPos: gp, valueName: "current", format: "percentunit", thresholds: "0.5,0.8", colors: ["#299c46", "rgba(237, 129, 40, 0.89)", "#d44a3a"], colorValue: true, sparkline: { show: true }, postfix: " req" };
    const { dashboard, report } = importGrafanaDashboard(dash({ panels: [single, { ...single, id: 2, gauge: { show: true, minValue: 0, maxValue: 1 } }] }), OPTIONS);
    const [stat, gauge] = dashboard.panels;
    expect(stat).toMatchObject({ type: "stat", options: { reduce: "lastNotNull", colorMode: "value", graphMode: "area" }, fieldConfig: { defaults: { unit: "percentunit", color: { mode: "thresholds" } } } });
    expect(stat!.type !== "row" && stat!.fieldConfig.defaults.thresholds.steps).toEqual([{ value: null, color: "#299c46" }, { value: 0.5, color: "#ed8128e3" }, { value: 0.8, color: "#d44a3a" }]);
    expect(gauge).toMatchObject({ type: "gauge", fieldConfig: { defaults: { min: 0, max: 1 } } });
    expect(report.map((e) => e.path)).toEqual(["panels[0].postfix", "panels[1].postfix"]);
  });

  it("tables: organize renames become display names, sortBy follows them, hidden columns and custom order are reported", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({
        panels: [{
          type: "table", id: 1, gridPos: gp, options: { sortBy: [{ displayName: "Pods", desc: true }] },
          targets: [{ refId: "A", expr: "a", instant: true, format: "table" }, { refId: "B", expr: "b", instant: true, format: "table" }],
          transformations: [
            { id: "joinByField", options: { byField: "namespace", mode: "outer" } },
            { id: "organize", options: { excludeByName: { Time: true, "Time 1": true, pod: true }, indexByName: { "Value #B": 0, "Value #A": 1, namespace: 2 }, renameByName: { "Value #A": "Pods", namespace: "Namespace" } } },
            { id: "calculateField", options: {} },
          ],
        }],
      }),
      OPTIONS,
    );
    const table = onlyPanel(dashboard);
    if (table.type !== "table") throw new Error("expected a table");
    expect(table.options.sortBy).toEqual({ column: "Value #A", desc: true });
    expect(table.fieldConfig.overrides.map((o) => [o.matcher.options, o.properties[0]!.value])).toEqual([["Value #A", "Pods"], ["namespace", "Namespace"]]);
    expect(report.map((e) => e.path)).toEqual(["panels[0].transformations[1].options.excludeByName.pod", "panels[0].transformations[1].options.indexByName", "panels[0].transformations[2]"]);
  });

  it("stat, gauge and bar gauge without a colour mode colour by thresholds, as in Grafana", () => {
    const { dashboard } = importGrafanaDashboard(
      dash({ panels: [{ type: "stat", id: 1, gridPos: gp }, { type: "bargauge", id: 2, gridPos: gp, fieldConfig: { defaults: { color: { mode: "fixed", fixedColor: "blue" } } } }, { type: "timeseries", id: 3, gridPos: gp }] }),
      OPTIONS,
    );
    expect(dashboard.panels.map((p) => (p.type === "row" ? null : p.fieldConfig.defaults.color.mode))).toEqual(["thresholds", "fixed", "palette-classic"]);
  });

  it("table-old styles become column renames and units", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({ panels: [{ type: "table-old", id: 1, gridPos: gp, styles: [{ pattern: "Time", type: "hidden" }, { pattern: "Value", alias: "Requests", unit: "reqps", type: "number" }, { pattern: "/.*/", type: "string" }], targets: [{ refId: "A", expr: "up", instant: true, format: "table" }] }] }),
      OPTIONS,
    );
    expect(onlyPanel(dashboard).fieldConfig.overrides).toEqual([{ matcher: { id: "byName", options: "Value" }, properties: [{ id: "displayName", value: "Requests" }, { id: "unit", value: "reqps" }] }]);
    expect(report.map((e) => e.path)).toEqual(["panels[0].styles[2]"]);
  });

  it("Grafana macros Orrery expands stay; others are reported", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({ panels: [{ type: "timeseries", id: 1, gridPos: gp, targets: [{ refId: "A", expr: "rate(x[$__rate_interval]) * $__range_s / ${__interval_ms}" }, { refId: "B", expr: 'up{dashboard="$__dashboard", user="${__user.login}"}' }] }] }),
      OPTIONS,
    );
    expect(onlyPanel(dashboard).targets[0]!.expr).toBe("rate(x[$__rate_interval]) * $__range_s / ${__interval_ms}");
    expect(report.map((e) => [e.path, e.reason])).toEqual([
      ["panels[0].targets[1].expr", "$__dashboard is not a variable Orrery expands"],
      ["panels[0].targets[1].expr", "$__user is not a variable Orrery expands"],
    ]);
  });

  it("repeat over a variable that was not imported is reported; row repeat is kept", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({
        templating: { list: [{ type: "custom", name: "pod", query: "a,b", multi: true }, { type: "adhoc", name: "filters" }] },
        panels: [{ type: "row", id: 1, gridPos: { x: 0, y: 0, w: 24, h: 1 }, repeat: "pod", panels: [] }, { type: "stat", id: 2, gridPos: { ...gp, y: 1 }, repeat: "filters" }],
      }),
      OPTIONS,
    );
    expect(dashboard.panels[0]).toMatchObject({ type: "row", repeat: "pod" });
    expect(dashboard.panels[1]).not.toHaveProperty("repeat");
    expect(report.map((e) => e.path)).toEqual(["templating.list[1]", "panels[1].repeat"]);
  });
});

describe("variables", () => {
  it("are ordered after the variables they refer to; an already valid order is kept", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({
        templating: {
          list: [
            { type: "query", name: "tenant", datasource: "$ds", query: { query: 'label_values(up{job=~"$job"}, tenant)', refId: "A" }, sort: 1, refresh: 2 },
            { type: "datasource", name: "ds", query: "prometheus" },
            { type: "query", name: "job", datasource: "$ds", query: "label_values(up, job)", multi: true, includeAll: true, allValue: ".+", current: { text: ["All"], value: ["$__all"] } },
            { type: "interval", name: "iv", query: "$__auto_interval_iv,1m,10m", auto: true, auto_count: 50, auto_min: "30s" },
            { type: "constant", name: "k", query: "v", hide: 2 },
            { type: "textbox", name: "tb", query: "free", label: "Free text" },
          ],
        },
      }),
      OPTIONS,
    );
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["ds", "job", "tenant", "iv", "k", "tb"]);
    expect(dashboard.templating.list.find((v) => v.name === "tenant")).toMatchObject({ query: 'label_values(up{job=~"$job"}, tenant)', datasource: "$ds", sort: "alpha-asc", refresh: "time" });
    expect(dashboard.templating.list.find((v) => v.name === "job")).toMatchObject({ multi: true, includeAll: true, allValue: ".+", current: { value: ["$__all"] } });
    expect(dashboard.templating.list.find((v) => v.name === "iv")).toMatchObject({ type: "interval", query: "1m,10m", auto: true, auto_count: 50, auto_min: "30s" });
    expect(dashboard.templating.list.find((v) => v.name === "k")).toMatchObject({ type: "constant", hide: "variable" });
    expect(report).toEqual([]);
  });

  it("reports what Orrery cannot do and drops variables it cannot hold", () => {
    const { dashboard, report } = importGrafanaDashboard(
      dash({
        templating: {
          list: [
            { type: "query", name: "a", query: "label_values(up, job)", sort: 7, refresh: 0 },
            { type: "datasource", name: "logs", query: "loki" },
            { type: "query", name: "b", datasource: { type: "elasticsearch", uid: "es" }, query: "{}" },
            { type: "adhoc", name: "f" },
            { type: "query", name: "__bad", query: "up" },
            { type: "groupby", name: "g" },
            { type: "query", name: "c", query: "query_result(topk(5, max_over_time(x[$__range])) and y[$__rate_interval])" },
          ],
        },
      }),
      OPTIONS,
    );
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["a", "c"]);
    expect(report.map((e) => e.path)).toEqual([
      "templating.list[0].sort", "templating.list[0].refresh", "templating.list[1].query", "templating.list[2].datasource", "templating.list[3]", "templating.list[4].name", "templating.list[5].type", "templating.list[6].query",
    ]);
    expect(report.at(-1)!.reason).toContain("$__rate_interval");
  });
});
