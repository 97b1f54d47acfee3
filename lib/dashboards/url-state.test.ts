import { describe, expect, it } from "vitest";
import { dashboardSchema, type Dashboard } from "./schema";
import { REFRESH_CHOICES } from "./time";
import { addressMovedOn, decodeDashboardUrlState, defaultDashboardUrlState, encodeDashboardUrlState, slugify, type DashboardUrlState } from "./url-state";

const dashboard: Dashboard = dashboardSchema.parse({
  schemaVersion: 1,
  uid: "knative",
  title: "Knative Serving",
  time: { from: "now-6h", to: "now" },
  timezone: "browser",
  refresh: "30s",
  templating: {
    list: [
      { type: "datasource", name: "datasource", query: "prometheus" },
      { type: "query", name: "namespace", query: "label_values(up, namespace)" },
      { type: "query", name: "revision", query: "label_values(up, revision)", multi: true, includeAll: true },
      { type: "custom", name: "env", query: "a,b", includeAll: true, allValue: ".*" },
      { type: "interval", name: "interval", query: "1m,5m", auto: true },
      { type: "textbox", name: "filter" },
      { type: "constant", name: "prefix", query: "knative_" },
    ],
  },
  panels: [
    { type: "timeseries", id: 2, gridPos: { x: 0, y: 0, w: 12, h: 8 } },
    { type: "row", id: 3, collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [{ type: "stat", id: 7, gridPos: { x: 0, y: 9, w: 6, h: 4 } }] },
  ],
});

const DEFAULTS = defaultDashboardUrlState(dashboard);
const decode = (search: string, nowMs?: number) => decodeDashboardUrlState(search, dashboard, { nowMs });

describe("decodeDashboardUrlState", () => {
  it("falls back to the dashboard's defaults for an empty query", () => {
    expect(decode("")).toEqual({
      state: { time: { from: "now-6h", to: "now" }, timezone: "browser", variables: {}, refresh: "30s", viewPanel: null, editPanel: null, kiosk: false, theme: null },
      notices: [],
    });
  });

  it("reads Grafana's parameters", () => {
    const { state, notices } = decode(
      "orgId=1&from=now-24h&to=now-1h&timezone=Europe%2FBerlin&var-namespace=default&var-revision=r1&var-revision=r2&refresh=1m&viewPanel=7&editPanel=2&kiosk&theme=light",
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      time: { from: "now-24h", to: "now-1h" },
      timezone: "Europe/Berlin",
      variables: { namespace: ["default"], revision: ["r1", "r2"] },
      refresh: "1m",
      viewPanel: 7,
      editPanel: 2,
      kiosk: true,
      theme: "light",
    });
  });

  it.each([
    ["from=20240313&to=20240314", { from: "2024-03-13T00:00:00.000Z", to: "2024-03-14T00:00:00.000Z" }],
    ["from=20240313T080000&to=20240313T100000", { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" }],
    ["from=2024-03-13 08:00:00&to=2024-03-13 10:00:00", { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" }],
    ["from=1710316800000&to=1710324000000", { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" }],
    ["from=2024-03-13T08:00:00.000Z&to=now", { from: "2024-03-13T08:00:00.000Z", to: "now" }],
    ["time=1710320400000&time.window=7200000", { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" }],
    ["time=1710320400000&time.window=2h", { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" }],
    ["from=now/d&to=now/d", { from: "now/d", to: "now/d" }],
  ])("reads the time forms of %s", (search, time) => {
    expect(decode(search)).toMatchObject({ state: { time }, notices: [] });
  });

  it.each([
    ["from=yesterday-ish", 'Ignored from="yesterday-ish": not a valid time', DEFAULTS.time],
    ["to=later", 'Ignored to="later": not a valid time', DEFAULTS.time],
    [
      "from=20240314&to=20240313",
      'Ignored from="2024-03-14T00:00:00.000Z" to="2024-03-13T00:00:00.000Z": "from" must be before "to"',
      DEFAULTS.time,
    ],
    ["timezone=Mars%2FOlympus", 'Ignored timezone="Mars/Olympus": not a time zone', DEFAULTS.time],
    ["refresh=soon", 'Ignored refresh="soon": not a refresh interval', DEFAULTS.time],
    ["refresh=2m", 'Changed refresh="2m" to "5s": not an allowed refresh interval', DEFAULTS.time],
    ["viewPanel=99", 'Ignored viewPanel="99": no panel with that id on this dashboard', DEFAULTS.time],
    ["editPanel=abc", 'Ignored editPanel="abc": no panel with that id on this dashboard', DEFAULTS.time],
    ["var-nope=1", 'Ignored var-nope: the dashboard has no variable "nope"', DEFAULTS.time],
    ["var-prefix=x", 'Ignored var-prefix: "prefix" is a constant', DEFAULTS.time],
    ["var-namespace=a&var-namespace=b", 'Ignored all but the first value of var-namespace: "namespace" takes one value', DEFAULTS.time],
    ["theme=blue", 'Ignored theme="blue": must be "light" or "dark"', DEFAULTS.time],
  ])("explains what it ignored in %s", (search, notice, time) => {
    const { state, notices } = decode(search);
    expect(notices).toEqual([notice]);
    expect(state.time).toEqual(time);
  });

  it("refuses an empty relative range when it knows the time", () => {
    expect(decode("from=now&to=now-1h", Date.now()).notices).toEqual(['Ignored from="now" to="now-1h": "from" must be before "to"']);
    expect(decode("from=now&to=now-1h").notices).toEqual([]);
  });

  it.each([
    ["var-revision=All", { revision: ["$__all"] }], // the text All from old links
    ["var-revision=%24__all", { revision: ["$__all"] }],
    ["var-env=.*", { env: ["$__all"] }], // the custom All value itself
    ["var-namespace=All", { namespace: ["All"] }], // no includeAll: just a value
    ["var-interval=%24__auto", { interval: ["$__auto"] }],
    ["var-filter=", { filter: [""] }],
    ["var-namespace=a", { namespace: ["a"] }],
  ])("reads %s", (search, variables) => {
    expect(decode(search).state.variables).toEqual(variables);
  });

  it("accepts the older tz and panel-<id> forms", () => {
    expect(decode("tz=utc&viewPanel=panel-2").state).toMatchObject({ timezone: "utc", viewPanel: 2 });
  });

  it("reads refresh= as off and keeps the minimum, naming it", () => {
    expect(decode("refresh=").state.refresh).toBe("");
    expect(decode("refresh=1s")).toMatchObject({ state: { refresh: "5s" }, notices: ['Changed refresh="1s" to "5s": the minimum refresh interval is 5s'] });
  });

  it("applies the server's minimum refresh interval to the URL and to the dashboard's own refresh", () => {
    const withMin = (search: string, minRefresh: string) => decodeDashboardUrlState(search, dashboard, { minRefresh });
    expect(withMin("refresh=10s", "1m")).toMatchObject({ state: { refresh: "1m" }, notices: ['Changed refresh="10s" to "1m": the minimum refresh interval is 1m'] });
    expect(withMin("refresh=5m", "1m")).toEqual(expect.objectContaining({ notices: [] }));
    expect(withMin("refresh=5m", "1m").state.refresh).toBe("5m");
    // The dashboard saves 30s; a 1m minimum raises it even without refresh= in the URL.
    expect(withMin("", "1m")).toMatchObject({ state: { refresh: "1m" }, notices: [`Changed the dashboard's refresh "30s" to "1m": the minimum refresh interval is 1m`] });
    expect(withMin("", "30s")).toMatchObject({ state: { refresh: "30s" }, notices: [] });
    expect(withMin("refresh=1m", "2h")).toMatchObject({ state: { refresh: "" }, notices: ['Changed refresh="1m" to off: the minimum refresh interval is 2h'] });
  });

  it("reads theme= case-insensitively, and none as following the viewer", () => {
    expect(decode("theme=DARK").state.theme).toBe("dark");
    expect(decode("theme=").state.theme).toBeNull();
  });
});

describe("encodeDashboardUrlState", () => {
  it("always writes from and to, and only what differs from the dashboard otherwise", () => {
    expect(encodeDashboardUrlState(DEFAULTS, dashboard).toString()).toBe("from=now-6h&to=now");
  });

  it("writes Grafana's shape", () => {
    const state: DashboardUrlState = {
      ...DEFAULTS,
      time: { from: "1710316800000", to: "2024-03-13T10:00:00Z" },
      timezone: "utc",
      variables: { revision: ["r1", "r2"], namespace: ["default"], env: ["$__all"] },
      refresh: "",
      viewPanel: 7,
      kiosk: true,
      theme: "dark",
    };
    expect(encodeDashboardUrlState(state, dashboard).toString()).toBe(
      "from=2024-03-13T08%3A00%3A00.000Z&to=2024-03-13T10%3A00%3A00.000Z&timezone=utc&var-namespace=default&var-revision=r1&var-revision=r2&var-env=%24__all&refresh=&viewPanel=7&kiosk=&theme=dark",
    );
  });
});

describe("round trip: decode(encode(state)) = state", () => {
  // A small deterministic generator, so a failure names a reproducible state.
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const times = [
    { from: "now-6h", to: "now" },
    { from: "now-7d/d", to: "now/d" },
    { from: "now-1h", to: "now+5m" },
    { from: "2024-03-13T08:00:00.000Z", to: "2024-03-13T10:00:00.000Z" },
    { from: "2024-03-13T08:00:00.000Z", to: "now" },
  ];
  const variableChoices: Array<Record<string, string[]>> = [
    {},
    { namespace: ["default"] },
    { revision: ["$__all"] },
    { revision: ["a", "b c", "d&e=f", "ü/%"] },
    { env: ["$__all"], interval: ["$__auto"], filter: [""] },
    { datasource: ["thanos"], interval: ["5m"], filter: ['job=~"a|b"'] },
  ];
  const states: DashboardUrlState[] = Array.from({ length: 200 }, () => ({
    time: pick(times),
    timezone: pick(["browser", "utc", "Europe/Berlin", "America/New_York"]),
    variables: pick(variableChoices),
    refresh: pick(REFRESH_CHOICES),
    viewPanel: pick([null, 2, 3, 7]),
    editPanel: pick([null, 2]),
    kiosk: pick([false, true]),
    theme: pick([null, "light", "dark"] as const),
  }));

  it.each(states.map((s, i) => [i, s] as const))("state %i", (_i, state) => {
    const search = encodeDashboardUrlState(state, dashboard).toString();
    expect(decode(search)).toEqual({ state, notices: [] });
  });
});

describe("slugify", () => {
  it.each([
    ["Knative Serving - Scaling Debugging", "knative-serving---scaling-debugging"],
    ["Thanos / Query", "thanos-2f-query"],
    ["  Node Exporter Full  ", "node-exporter-full"],
    ["K8s (views) v1.2, global?", "k8s-views-v12-global"],
    ["Café & Crème @ Zürich", "cafe-and-creme-at-zuerich"],
    ["Straße", "strasse"],
    ["日本", "e697a5e69cac"],
    ["", "dashboard"],
    ["()", "dashboard"],
    ["a".repeat(60), "a".repeat(50)],
  ])("%j -> %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe("addressMovedOn", () => {
  const rendered = { pathname: "/d/abc/x", search: "from=now-1h&to=now&var-cluster=%24__all" };
  it("is false for the rendered URL, however it is encoded", () => {
    expect(addressMovedOn(rendered, { pathname: "/d/abc/x", search: "?from=now-1h&to=now&var-cluster=$__all" })).toBe(false);
    expect(addressMovedOn({ pathname: "/d", search: "q=a+b" }, { pathname: "/d", search: "?q=a%20b" })).toBe(false);
  });
  it("is true once a push changed a value, added one, or left the page", () => {
    expect(addressMovedOn(rendered, { pathname: "/d/abc/x", search: "?from=now-1h&to=now&var-cluster=west" })).toBe(true);
    expect(addressMovedOn(rendered, { pathname: "/d/abc/x", search: "?from=now-1h&to=now&var-cluster=%24__all&viewPanel=2" })).toBe(true);
    expect(addressMovedOn(rendered, { pathname: "/d/other/y", search: "?from=now-1h&to=now&var-cluster=%24__all" })).toBe(true);
  });
});
