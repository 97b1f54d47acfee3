import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importGrafanaDashboard } from "@/lib/dashboards/import/grafana";
import { parseDashboard } from "@/lib/dashboards/parse";
import { dashboardSchema, type Dashboard } from "@/lib/dashboards/schema";
import { exportGrafanaDashboard, GRAFANA_SCHEMA_VERSION } from "./export";

const DATASOURCES = [
  { id: "global", name: "Global Prometheus", type: "prometheus" },
  { id: "east", name: "East", type: "prometheus" },
  { id: "thanos", name: "Thanos", type: "thanos" },
];
const OPTIONS = { datasources: DATASOURCES, defaultDatasource: "global" };
const DEMO_DIR = path.join(process.cwd(), "dashboards");

function roundTrip(dashboard: Dashboard) {
  const grafana = JSON.parse(JSON.stringify(exportGrafanaDashboard(dashboard, OPTIONS))) as unknown;
  return importGrafanaDashboard(grafana, OPTIONS);
}

describe("export → import on every demo dashboard", () => {
  const files = readdirSync(DEMO_DIR).filter((f) => f.endsWith(".json"));

  it("finds the demo dashboards", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)("%s comes back unchanged, with an empty report", (file) => {
    const parsed = parseDashboard(JSON.parse(readFileSync(path.join(DEMO_DIR, file), "utf8")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const result = roundTrip(parsed.dashboard);
    expect(result.report).toEqual([]);
    expect(result.dashboard).toEqual(parsed.dashboard);
  });

  it("writes Grafana's current classic format", () => {
    const parsed = parseDashboard(JSON.parse(readFileSync(path.join(DEMO_DIR, "federation-overview.json"), "utf8")));
    if (!parsed.ok) throw new Error("fixture");
    const out = exportGrafanaDashboard(parsed.dashboard, OPTIONS);
    expect(out.schemaVersion).toBe(GRAFANA_SCHEMA_VERSION);
    expect(Array.isArray(out.panels)).toBe(true);
    expect(out.panels.every((p) => typeof (p.gridPos as { w: number }).w === "number")).toBe(true);
    expect(out.templating.list.map((v) => v.name)).toEqual(parsed.dashboard.templating.list.map((v) => v.name));
  });
});

// ---- generated dashboards: every option Orrery supports, in valid combinations ----

const text = fc.string({ maxLength: 20 });
const color = fc.constantFrom("red", "green", "#73BF69", "orange", "transparent", "#abcdef80");
const unit = fc.constantFrom("short", "none", "percent", "percentunit", "bytes", "s", "ms", "reqps", "ops", "celsius");
const dsRef = fc.option(fc.constantFrom("global", "east", "thanos", "$ds"), { nil: undefined });
const thresholds = fc
  .record({ mode: fc.constantFrom("absolute", "percentage"), base: color, steps: fc.array(fc.tuple(fc.integer({ min: -100, max: 1000 }), color), { maxLength: 3 }) })
  .map(({ mode, base, steps }) => ({ mode, steps: [{ value: null, color: base }, ...[...steps].sort((a, b) => a[0] - b[0]).map(([value, c]) => ({ value, color: c }))] }));
const defaults = fc.record(
  {
    unit,
    decimals: fc.integer({ min: 0, max: 10 }),
    min: fc.integer({ min: -10, max: 0 }),
    max: fc.integer({ min: 1, max: 1000 }),
    thresholds,
    color: fc.oneof(fc.record({ mode: fc.constantFrom("palette-classic", "thresholds") }), fc.record({ mode: fc.constant("fixed"), fixedColor: color })),
    displayName: fc.string({ minLength: 1, maxLength: 20 }),
  },
  { requiredKeys: ["unit"] },
);
const override = fc.record({
  matcher: fc.oneof(fc.record({ id: fc.constant("byName"), options: text }), fc.record({ id: fc.constant("byRegexp"), options: fc.constantFrom("/5../", "^a.*", "x|y") })),
  properties: fc.array(fc.oneof(fc.record({ id: fc.constant("unit"), value: unit }), fc.record({ id: fc.constant("decimals"), value: fc.integer({ min: 0, max: 10 }) }), fc.record({ id: fc.constant("color"), value: fc.record({ mode: fc.constant("fixed"), fixedColor: color }) }), fc.record({ id: fc.constant("displayName"), value: fc.string({ minLength: 1, maxLength: 10 }) })), { minLength: 1, maxLength: 3 }),
});
const target = (refId: string) =>
  fc.record({
    refId: fc.constant(refId),
    expr: fc.constantFrom("up", 'sum(rate(x_total{job="$job"}[$__rate_interval]))', "histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))", ""),
    legendFormat: fc.constantFrom("", "{{job}}", "p90"),
    instant: fc.boolean(),
    minStep: fc.constantFrom("", "30s", "1m", "$__rate_interval", "$interval"),
    hide: fc.boolean(),
    intervalFactor: fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
  });
const reduce = fc.constantFrom("last", "lastNotNull", "first", "mean", "max", "min", "total", "count");
const options = fc.oneof(
  fc.record({ type: fc.constant("timeseries"), options: fc.record({ drawStyle: fc.constantFrom("line", "bars", "points"), lineWidth: fc.integer({ min: 0, max: 10 }), fillOpacity: fc.integer({ min: 0, max: 100 }), showPoints: fc.constantFrom("auto", "always", "never"), stacking: fc.constantFrom("none", "normal", "percent"), legend: fc.record({ displayMode: fc.constantFrom("list", "table", "hidden"), placement: fc.constantFrom("bottom", "right"), calcs: fc.subarray(["min", "max", "mean", "last", "total"]) }), tooltip: fc.record({ mode: fc.constantFrom("single", "multi", "none") }), thresholdsStyle: fc.record({ mode: fc.constantFrom("off", "line", "area", "line+area") }) }) }),
  fc.record({ type: fc.constant("stat"), options: fc.record({ reduce, graphMode: fc.constantFrom("none", "area"), colorMode: fc.constantFrom("value", "background", "none"), textSize: fc.integer({ min: 8, max: 200 }) }, { requiredKeys: ["reduce"] }) }),
  fc.record({ type: fc.constant("gauge"), options: fc.record({ reduce, showThresholdMarkers: fc.boolean() }) }),
  fc.record({ type: fc.constant("bargauge"), options: fc.record({ reduce, orientation: fc.constantFrom("horizontal", "vertical"), displayMode: fc.constantFrom("basic", "gradient") }) }),
  fc.record({ type: fc.constant("table"), options: fc.record({ showHeader: fc.boolean(), sortBy: fc.record({ column: fc.string({ minLength: 1, maxLength: 10 }), desc: fc.boolean() }) }, { requiredKeys: ["showHeader"] }) }),
  fc.record({ type: fc.constant("heatmap"), options: fc.record({ colorScheme: fc.constantFrom("blues", "greens", "oranges", "reds", "spectral", "viridis"), hideEmptyBuckets: fc.boolean() }) }),
  fc.record({ type: fc.constant("text"), options: fc.record({ content: fc.string({ maxLength: 50 }) }) }),
  fc.record({ type: fc.constant("knative-concurrency"), options: fc.record({ namespace: fc.constantFrom("$namespace", "default"), revision: fc.constantFrom("$revision", "hello-00001"), chart: fc.constantFrom("concurrency", "pods") }) }),
);
const link = fc.record({ title: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ""), url: fc.constantFrom("https://example.com/x?a=1", "/d/abc", "mailto:a@b.c", "#top"), targetBlank: fc.boolean() });
const panelAt = (id: number, y: number) =>
  fc
    .record({
      body: options,
      title: text,
      description: text,
      x: fc.integer({ min: 0, max: 12 }),
      w: fc.integer({ min: 1, max: 12 }),
      h: fc.integer({ min: 1, max: 20 }),
      datasource: dsRef,
      targets: fc.array(fc.constantFrom("A", "B", "C"), { maxLength: 3 }).chain((ids) => fc.tuple(...[...new Set(ids)].map(target))),
      defaults,
      overrides: fc.array(override, { maxLength: 2 }),
      links: fc.array(link, { maxLength: 2 }),
      repeat: fc.option(fc.constantFrom("job", "ds"), { nil: undefined }),
      repeatDirection: fc.constantFrom("h", "v"),
      maxPerRow: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      maxDataPoints: fc.option(fc.integer({ min: 1, max: 11_000 }), { nil: undefined }),
      interval: fc.option(fc.constantFrom("1m", "30s", "$interval"), { nil: undefined }),
    })
    .map((p) => ({
      id, type: p.body.type, options: p.body.options, title: p.title, description: p.description, gridPos: { x: p.x, y, w: p.w, h: p.h },
      ...(p.datasource ? { datasource: p.datasource } : {}), targets: p.targets, fieldConfig: { defaults: p.defaults, overrides: p.overrides }, links: p.links,
      ...(p.repeat ? { repeat: p.repeat } : {}), repeatDirection: p.repeatDirection,
      ...(p.maxPerRow !== undefined ? { maxPerRow: p.maxPerRow } : {}), ...(p.maxDataPoints !== undefined ? { maxDataPoints: p.maxDataPoints } : {}), ...(p.interval !== undefined ? { interval: p.interval } : {}),
    }));
// Listed in dependency order ($job refers to $cluster): the importer moves forward references.
const variables = fc.tuple(
  fc.record({ name: fc.constant("ds"), type: fc.constant("datasource"), query: fc.constantFrom("", "thanos"), regex: fc.constantFrom("", "/east|global/"), multi: fc.boolean(), includeAll: fc.boolean(), current: fc.constantFrom(undefined, { value: "east" }), hide: fc.constantFrom("none", "label", "variable") }),
  fc.record({ name: fc.constant("cluster"), type: fc.constant("custom"), query: fc.constantFrom("east,west", "East : east, West : west"), multi: fc.boolean(), includeAll: fc.boolean(), current: fc.constantFrom(undefined, { value: "east" }, { value: ["east", "west"] }) }),
  fc.record({ name: fc.constant("job"), type: fc.constant("query"), datasource: fc.constantFrom("$ds", "global"), query: fc.constantFrom("label_values(up, job)", 'label_values(up{cluster="$cluster"}, job)', "query_result(up)", "metrics(up.*)"), regex: fc.constantFrom("", "/(.*)-x/"), sort: fc.constantFrom("none", "alpha-asc", "num-desc", "alpha-ci-desc"), refresh: fc.constantFrom("load", "time"), multi: fc.boolean(), includeAll: fc.boolean(), allValue: fc.constantFrom(undefined, ".+"), label: fc.constantFrom(undefined, "Job"), description: fc.constantFrom(undefined, "the job") }),
  fc.record({ name: fc.constant("interval"), type: fc.constant("interval"), query: fc.constantFrom("1m,5m,1h", "30s"), auto: fc.boolean(), auto_count: fc.integer({ min: 1, max: 500 }), auto_min: fc.constantFrom("10s", "1m") }),
  fc.record({ name: fc.constant("k"), type: fc.constant("constant"), query: text, hide: fc.constant("variable") }),
  fc.record({ name: fc.constant("filter"), type: fc.constant("textbox"), query: text }),
);
const dashboardArb = fc
  .record({
    uid: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).filter((u) => u !== "schema"),
    title: fc.string({ minLength: 1, maxLength: 30 }).filter((t) => t.trim() === t && t !== ""),
    description: text,
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,10}$/), { maxLength: 3 }),
    time: fc.constantFrom({ from: "now-6h", to: "now" }, { from: "now-1h", to: "now" }, { from: "now/d", to: "now/d" }),
    refresh: fc.constantFrom("", "5s", "1m", "1h"),
    timezone: fc.constantFrom("browser", "utc", "Europe/Berlin"),
    graphTooltip: fc.constantFrom("default", "crosshair", "tooltip"),
    variables,
    links: fc.array(link, { maxLength: 2 }),
    layout: fc.array(fc.constantFrom("panel", "row", "collapsed"), { minLength: 1, maxLength: 6 }),
  })
  .chain((d) => {
    // Positions follow the array order, as Grafana sorts panels by position on load.
    let id = 1;
    let y = 0;
    const items = d.layout.map((kind) => {
      const rowY = y;
      y += kind === "panel" ? 20 : 1;
      if (kind === "panel") return panelAt(id++, rowY);
      const rowId = id++;
      if (kind === "row") return fc.record({ title: text, repeat: fc.option(fc.constant("cluster"), { nil: undefined }) }).map((r) => ({ type: "row", id: rowId, title: r.title, gridPos: { x: 0, y: rowY, w: 24, h: 1 }, collapsed: false, panels: [], ...(r.repeat ? { repeat: r.repeat } : {}) }));
      const childY = y;
      y += 20;
      return panelAt(id++, childY).map((child) => ({ type: "row", id: rowId, title: "c", gridPos: { x: 0, y: rowY, w: 24, h: 1 }, collapsed: true, panels: [child] }));
    });
    return fc.tuple(fc.constant(d), ...items);
  })
  .map(([d, ...panels]) =>
    dashboardSchema.parse({
      schemaVersion: 1, uid: d.uid, title: d.title, description: d.description, tags: d.tags, time: d.time, refresh: d.refresh, timezone: d.timezone,
      graphTooltip: d.graphTooltip, templating: { list: d.variables.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined))) }, panels, links: d.links,
    }),
  );

describe("export → import on generated dashboards", () => {
  it("is lossless for everything Orrery supports", () => {
    fc.assert(
      fc.property(dashboardArb, (dashboard) => {
        const result = roundTrip(dashboard);
        expect(result.report).toEqual([]);
        expect(result.dashboard).toEqual(dashboard);
      }),
      { numRuns: 150 },
    );
  });
});
