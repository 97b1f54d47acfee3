// Every fixture dashboard of test/fixtures/grafana (copied from ../shared/fixtures/grafana-dashboards) imports; per fixture the panel
// layout, the variables and exactly the reported (unsupported) parts, written from reading each file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Dashboard, DashboardPanel } from "@/lib/dashboards/schema";
import { importGrafanaDashboard, type ImportReportEntry } from "./index";

// Copies of ../shared/fixtures/grafana-dashboards (with their .source.txt): the project never reads ../shared at test time.
const DIR = path.resolve(process.cwd(), "test/fixtures/grafana");
const OPTIONS = { datasources: [{ id: "prom", name: "Prometheus", type: "prometheus" }], defaultDatasource: "prom" };

function load(file: string): unknown {
  return JSON.parse(readFileSync(path.join(DIR, file), "utf8"));
}

const ABBR: Record<string, string> = { timeseries: "ts", row: "row", stat: "stat", table: "table", unsupported: "unsupported" };
/** "row ts ts row[ts ts]": top-level panels in order, a collapsed row's own panels in brackets. */
function layout(d: Dashboard): string {
  const one = (p: DashboardPanel): string => (p.type === "row" && p.collapsed ? `row[${p.panels.map(one).join(" ")}]` : (ABBR[p.type] ?? p.type));
  return d.panels.map(one).join(" ");
}
const times = (n: number, s: string) => Array.from({ length: n }, () => s).join(" ");

type Expected = Array<[path: string, reasonContains: string]>;
function expectReport(report: ImportReportEntry[], expected: Expected): void {
  const actual = report.map((e) => e.path).sort();
  expect(actual).toEqual(expected.map(([p]) => p).sort());
  for (const [p, fragment] of expected) expect(report.find((e) => e.path === p && e.reason.includes(fragment)), `${p}: ${fragment}`).toBeDefined();
}

// Thanos mixin (schemaVersion 14): every graph draws nulls as zero; overview panels link to other
// dashboards by title; query's "Duration" panels fill their quantile overrides and carry a stray
// logBase on each target.
function thanosOverviewReport(): Expected {
  const out: Expected = [];
  [3, 3, 3, 3, 3, 3, 2].forEach((n, r) => {
    for (let p = 0; p < n; p++) out.push([`rows[${r}].panels[${p}].nullPointMode`, "null as zero"], [`rows[${r}].panels[${p}].links[0]`, "by title"]);
  });
  return out;
}
function thanosQueryReport(): Expected {
  const out: Expected = [];
  [3, 3, 3, 3, 2, 1, 3].forEach((n, r) => {
    for (let p = 0; p < n; p++) out.push([`rows[${r}].panels[${p}].nullPointMode`, "null as zero"]);
  });
  for (let r = 0; r < 4; r++) {
    for (let o = 0; o < 3; o++) out.push([`rows[${r}].panels[2].seriesOverrides[${o}].fill`, "fill"], [`rows[${r}].panels[2].seriesOverrides[${o}].fillGradient`, "fillGradient"]);
    for (let t = 0; t < 3; t++) out.push([`rows[${r}].panels[2].targets[${t}].logBase`, "logBase"]);
  }
  return out;
}
// Knative autoscaler graphs: stepped lines, desc-sorted tooltips, a dashed/stepped right-axis
// "Panic Mode" override with its second y-axis.
const panicOverrides = (p: string): Expected => [
  ...["dashes", "fill", "linewidth", "steppedLine"].map((k): [string, string] => [`${p}.seriesOverrides[0].${k}`, k]),
  [`${p}.seriesOverrides[0].yaxis`, "right y-axis"],
  [`${p}.seriesOverrides[1].dashes`, "dashes"],
  [`${p}.seriesOverrides[1].steppedLine`, "steppedLine"],
  [`${p}.yaxes[1]`, "second (right) y-axis"],
];
const stepped = (p: string): [string, string] => [`${p}.steppedLine`, "stepped"];
const tooltipSort = (p: string): [string, string] => [`${p}.tooltip.sort`, "tooltip sorting"];
const exemplars = (p: string, n: number): Expected => Array.from({ length: n }, (_, t): [string, string] => [`${p}.targets[${t}].exemplar`, "exemplars"]);
const gradient = (p: string): [string, string] => [`${p}.fieldConfig.defaults.custom.gradientMode`, "gradientMode"];
const spanNulls = (p: string): [string, string] => [`${p}.fieldConfig.defaults.custom.spanNulls`, "spanNulls"];

const CASES: Array<{ file: string; layout: string; variables: string[]; report: () => Expected; datasourceKeys?: string[] }> = [
  {
    file: "thanos-query.json",
    layout: `${times(4, `row ${times(3, "ts")}`)} row ts ts row ts row[ts ts ts]`,
    variables: ["datasource", "interval", "job"],
    report: thanosQueryReport,
  },
  {
    file: "thanos-overview.json",
    layout: `${times(5, `row ${times(3, "ts")}`)} row[ts ts ts] row[ts ts]`,
    variables: ["datasource", "interval"],
    report: thanosOverviewReport,
  },
  {
    file: "knative-serving-scaling-debugging.json",
    layout: "row ts ts row ts ts row ts ts row[ts ts ts]",
    variables: ["datasource", "namespace", "configuration", "revision"],
    report: () => [
      stepped("panels[1]"), stepped("panels[2]"), tooltipSort("panels[4]"), tooltipSort("panels[5]"), stepped("panels[7]"), stepped("panels[8]"),
      ...panicOverrides("panels[8]"), stepped("panels[9].panels[2]"), ...panicOverrides("panels[9].panels[2]"),
    ],
  },
  {
    file: "knative-serving-scaling-debugging-v0.16.json",
    layout: "row[ts ts] row[ts ts] row ts ts ts ts ts row ts ts ts",
    variables: ["namespace", "configuration", "revision"],
    datasourceKeys: ["prometheus"],
    report: () => [
      stepped("panels[0].panels[0]"), stepped("panels[0].panels[1]"), tooltipSort("panels[1].panels[0]"), tooltipSort("panels[1].panels[1]"),
      stepped("panels[3]"), stepped("panels[4]"), ...panicOverrides("panels[4]"), stepped("panels[5]"), stepped("panels[7]"),
      ["panels[7].seriesOverrides[0].linewidth", "linewidth"], ["panels[7].seriesOverrides[0].yaxis", "right y-axis"], ["panels[7].yaxes[1]", "second (right) y-axis"],
      stepped("panels[11]"), ...panicOverrides("panels[11]"),
    ],
  },
  {
    file: "knative-serving-revision-http-requests.json",
    layout: "row stat stat stat stat row ts ts row ts ts",
    variables: ["datasource", "namespace", "configuration", "revision"],
    report: () => [
      ...[1, 2, 3, 4].flatMap((i): Expected => [[`panels[${i}].options.orientation`, "orientation"], ...exemplars(`panels[${i}]`, 1)]),
      tooltipSort("panels[6]"), ...exemplars("panels[6]", 1), tooltipSort("panels[7]"), ...exemplars("panels[7]", 1),
      tooltipSort("panels[9]"), ...exemplars("panels[9]", 4), tooltipSort("panels[10]"), ...exemplars("panels[10]", 8),
    ],
  },
  {
    file: "knative-serving-control-plane-efficiency-otel.json",
    layout: times(4, `row ${times(4, "ts")}`),
    variables: ["datasource"],
    // Each block: CPU, Memory, Memory Allocations (a byFrameRefID override), Goroutines; all "hue" gradients.
    report: () => [1, 6, 11, 16].flatMap((b): Expected => [
      gradient(`panels[${b}]`), gradient(`panels[${b + 1}]`), gradient(`panels[${b + 2}]`), gradient(`panels[${b + 3}]`),
      [`panels[${b + 2}].fieldConfig.overrides[0].matcher`, "byFrameRefID"],
    ]),
  },
  {
    file: "kube-prometheus-alertmanager-overview.json",
    layout: "row ts ts row ts ts",
    variables: ["datasource", "namespace", "service", "integration"],
    report: () => [],
  },
  {
    file: "kube-prometheus-k8s-resources-cluster.json",
    layout: `${times(6, "stat")} ts table ts table table ${times(10, "ts")} table`,
    variables: ["datasource", "cluster"],
    // Time series span nulls; table cells link to other dashboards; packets/s and IOPS have no Orrery unit;
    // the dashboard links to the kubernetes-mixin dashboards by tag.
    report: () => [
      ...[6, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((i) => spanNulls(`panels[${i}]`)),
      ["panels[7].fieldConfig.overrides[1].properties[0]", '"links"'], ["panels[9].fieldConfig.overrides[4].properties[0]", '"links"'],
      ["panels[10].fieldConfig.overrides[1].properties[0]", '"pps"'], ["panels[10].fieldConfig.overrides[2].properties[0]", '"links"'],
      ...[15, 16, 17, 18].map((i): [string, string] => [`panels[${i}].fieldConfig.defaults.unit`, '"pps"']),
      ["panels[19].fieldConfig.defaults.unit", '"iops"'], ["panels[21].fieldConfig.overrides[0].properties[0]", '"iops"'],
      ["panels[21].fieldConfig.overrides[2].properties[0]", '"links"'], ["links[0]", "by tag"],
    ],
  },
  {
    file: "kube-prometheus-prometheus.json",
    layout: "row table row ts ts row ts ts ts row ts ts row ts ts",
    variables: ["datasource", "cluster", "job", "instance"],
    // The stats table aligns and hides columns; the time series sort their tooltips.
    report: () => [
      ...[[0, 1], [0, 2], [1, 0], [2, 0], [3, 1], [4, 1], [5, 1], [5, 4], [6, 1]].map(([o, p]): [string, string] => [`panels[1].fieldConfig.overrides[${o}].properties[${p}]`, "custom."]),
      ...[3, 4, 6, 7, 8, 10, 11, 13, 14].map((i): [string, string] => [`panels[${i}].options.tooltip.sort`, "sort"]),
    ],
  },
];

describe("the nine fixture dashboards", () => {
  it("are all covered", () => {
    expect(CASES).toHaveLength(9);
  });

  describe.each(CASES)("$file", ({ file, layout: expectedLayout, variables, report, datasourceKeys }) => {
    const result = importGrafanaDashboard(load(file), OPTIONS);

    it("has the panels and rows of the Grafana dashboard, in order", () => {
      expect(layout(result.dashboard)).toBe(expectedLayout);
    });

    it("has the variables in dependency order", () => {
      expect(result.dashboard.templating.list.map((v) => v.name)).toEqual(variables);
    });

    it("reports exactly the parts Orrery cannot carry over", () => {
      expectReport(result.report, report());
    });

    it("lists the concrete datasource references for mapping", () => {
      expect(result.datasourceRefs.map((r) => r.key).filter((k) => k !== "default")).toEqual(datasourceKeys ?? []);
    });
  });
});

/** Every non-row panel of a Grafana document, walked without recursion. */
function grafanaPanels(doc: unknown): Array<{ title: string; type: string }> {
  const out: Array<{ title: string; type: string }> = [];
  const d = doc as { rows?: Array<{ panels: unknown[] }>; panels?: unknown[] };
  const stack: unknown[] = [...(d.panels ?? []), ...(d.rows ?? []).flatMap((r) => r.panels)];
  while (stack.length > 0) {
    const p = stack.pop() as { type: string; title?: string; panels?: unknown[] };
    if (p.type === "row") stack.push(...(p.panels ?? []));
    else out.push({ title: p.title ?? "", type: p.type });
  }
  return out;
}

describe("nothing is dropped silently", () => {
  it.each(CASES.map((c) => c.file))("%s: every Grafana panel is converted or placeholdered, titles kept", (file) => {
    const doc = load(file);
    const { dashboard, report } = importGrafanaDashboard(doc, OPTIONS);
    const orrery = dashboard.panels.flatMap((p) => (p.type === "row" ? p.panels : [p]));
    const titles = (ps: Array<{ title: string }>) => ps.map((p) => p.title).sort();
    expect(titles(orrery)).toEqual(titles(grafanaPanels(doc)));
    // Only panels whose type has no Orrery equivalent become placeholders, each reported.
    const placeholders = orrery.filter((p) => p.type === "unsupported");
    expect(placeholders.length).toBe(report.filter((e) => e.path.endsWith(".type")).length);
  });
});

describe("conversions on the fixtures", () => {
  it("thanos-query: legacy rows become rows with Grafana's grid positions (row height 250px → 7 cells, span 4 → w 8)", () => {
    const { dashboard } = importGrafanaDashboard(load("thanos-query.json"), OPTIONS);
    const [row0, a, b, c, row1] = dashboard.panels;
    expect(row0).toMatchObject({ type: "row", title: "Instant Query API", gridPos: { x: 0, y: 0, w: 24, h: 1 } });
    expect([a, b, c].map((p) => p!.gridPos)).toEqual([{ x: 0, y: 1, w: 8, h: 7 }, { x: 8, y: 1, w: 8, h: 7 }, { x: 16, y: 1, w: 8, h: 7 }]);
    expect(row1).toMatchObject({ type: "row", gridPos: { y: 8 } });
  });

  it("thanos-query: graph → time series with stacking, fill, unit, $interval variable and intervalFactor", () => {
    const { dashboard } = importGrafanaDashboard(load("thanos-query.json"), OPTIONS);
    const rate = dashboard.panels[1]!;
    if (rate.type !== "timeseries") throw new Error("expected a time series");
    expect(rate.options).toMatchObject({ stacking: "normal", fillOpacity: 100, lineWidth: 0, drawStyle: "line" });
    expect(rate.datasource).toBe("$datasource");
    expect(rate.targets[0]).toMatchObject({ refId: "A", intervalFactor: 2, legendFormat: "{{job}} {{handler}} {{code}}" });
    expect(rate.fieldConfig.overrides[0]).toEqual({ matcher: { id: "byRegexp", options: "/1../" }, properties: [{ id: "color", value: { mode: "fixed", fixedColor: "#EAB839" } }] });
    const interval = dashboard.templating.list.find((v) => v.name === "interval");
    expect(interval).toMatchObject({ type: "interval", auto: true, auto_count: 300, auto_min: "10s", query: "5m,10m,30m,1h,6h,12h" });
    expect(dashboard.timezone).toBe("utc");
    expect(dashboard.refresh).toBe("10s");
  });

  it("thanos-overview: legacy thresholds become threshold steps drawn as line+area", () => {
    const { dashboard } = importGrafanaDashboard(load("thanos-overview.json"), OPTIONS);
    const withThresholds = dashboard.panels.flatMap((p) => (p.type === "row" ? [p, ...p.panels] : [p])).filter((p) => p.type === "timeseries" && p.options.thresholdsStyle.mode !== "off");
    expect(withThresholds.length).toBeGreaterThan(0);
    const p = withThresholds[0]!;
    if (p.type !== "timeseries") throw new Error("unreachable");
    expect(p.options.thresholdsStyle.mode).toBe("line+area");
    expect(p.fieldConfig.defaults.thresholds.steps[0]).toEqual({ value: null, color: "transparent" });
  });

  it("k8s-resources-cluster: instant tables join their queries and rename columns through organize", () => {
    const { dashboard } = importGrafanaDashboard(load("kube-prometheus-k8s-resources-cluster.json"), OPTIONS);
    const quota = dashboard.panels.find((p) => p.title === "CPU Quota");
    if (quota?.type !== "table") throw new Error("expected a table");
    expect(quota.targets).toHaveLength(7);
    expect(quota.targets.every((t) => t.instant)).toBe(true);
    expect(quota.targets.map((t) => t.refId)).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
    const renames = quota.fieldConfig.overrides.filter((o) => o.properties.some((p) => p.id === "displayName"));
    expect(renames.map((o) => [o.matcher.options, o.properties[0]!.value])).toContainEqual(["Value #A", "Pods"]);
    expect(renames.map((o) => [o.matcher.options, o.properties[0]!.value])).toContainEqual(["namespace", "Namespace"]);
    // "-- Mixed --" with every query on ${datasource}: the panel uses that variable.
    expect(quota.datasource).toBe("$datasource");
  });

  it("alertmanager-overview: panel repeat over a multi-value variable is kept", () => {
    const { dashboard } = importGrafanaDashboard(load("kube-prometheus-alertmanager-overview.json"), OPTIONS);
    const repeated = dashboard.panels.filter((p) => p.type !== "row" && p.repeat === "integration");
    expect(repeated.length).toBe(2);
    const integration = dashboard.templating.list.find((v) => v.name === "integration");
    expect(integration).toMatchObject({ type: "query", hide: "variable", includeAll: true, datasource: "$datasource" });
  });

  it("knative http requests: multi-value All variables and stat reductions", () => {
    const { dashboard } = importGrafanaDashboard(load("knative-serving-revision-http-requests.json"), OPTIONS);
    expect(dashboard.templating.list.find((v) => v.name === "revision")).toMatchObject({ multi: true, includeAll: true, sort: "alpha-desc" });
    const stat = dashboard.panels[1]!;
    if (stat.type !== "stat") throw new Error("expected a stat");
    expect(stat.options.reduce).toBe("mean");
  });
});
