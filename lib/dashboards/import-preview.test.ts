import { describe, expect, it } from "vitest";
import { initialDatasourceMap, summarizeDashboard, uidProblem, withIdentity } from "./import-preview";
import { dashboardSchema } from "./schema";

const gridPos = (y: number) => ({ x: 0, y, w: 12, h: 8 });
const dashboard = dashboardSchema.parse({
  schemaVersion: 1,
  uid: "imp",
  title: "Imported",
  templating: {
    list: [
      { type: "query", name: "cluster", label: "Cluster", query: "label_values(up, cluster)" },
      { type: "interval", name: "interval", query: "1m,5m" },
    ],
  },
  panels: [
    { id: 1, type: "stat", title: "Top", gridPos: gridPos(0) },
    { id: 2, type: "row", title: "Open row", gridPos: gridPos(8) },
    { id: 3, type: "timeseries", title: "In open row", gridPos: gridPos(9) },
    { id: 4, type: "row", title: "", collapsed: true, gridPos: gridPos(17), panels: [{ id: 5, type: "unsupported", title: "Pie", gridPos: gridPos(18), options: { grafanaType: "piechart" } }] },
  ],
});

describe("summarizeDashboard", () => {
  it("lists panels in order with their rows (collapsed ones included), placeholders with their Grafana type, and variables", () => {
    expect(summarizeDashboard(dashboard)).toEqual({
      rows: 2,
      panels: [
        { id: 1, title: "Top", type: "stat" },
        { id: 3, title: "In open row", type: "timeseries", row: "Open row" },
        { id: 5, title: "Pie", type: "unsupported", grafanaType: "piechart", row: "(untitled row)" },
      ],
      variables: [
        { name: "cluster", type: "query", label: "Cluster" },
        { name: "interval", type: "interval" },
      ],
    });
  });
});

describe("initialDatasourceMap", () => {
  const ds = [
    { id: "global", name: "Global", default: true },
    { id: "east", name: "East leaf" },
  ];
  it.each([
    ["a reference named like a datasource id", "east", "east"],
    ["a reference named like a datasource name", "East leaf", "east"],
  ])("maps %s", (_label, key, id) => {
    expect(initialDatasourceMap([{ key }], ds)).toEqual({ [key]: id });
  });

  it.each([
    ["an unknown reference", "${DS_PROMETHEUS}"],
    ["the default reference", "default"],
    ["a reference naming the default datasource", "global"],
  ])("leaves %s unmapped: it goes to the default without pinning it", (_label, key) => {
    expect(initialDatasourceMap([{ key }], ds)).toEqual({});
  });

  it("takes the first datasource as the default when none is marked, and maps nothing without datasources", () => {
    expect(initialDatasourceMap([{ key: "a" }, { key: "B" }], [{ id: "a", name: "A" }, { id: "b", name: "B" }])).toEqual({ B: "b" });
    expect(initialDatasourceMap([{ key: "x" }], [])).toEqual({});
  });
});

describe("uid and title", () => {
  it.each([
    ["abc-DEF_1", null],
    ["", "must be 1-40 letters, digits, '-' or '_'"],
    ["has space", "must be 1-40 letters, digits, '-' or '_'"],
    ["x".repeat(41), "must be 1-40 letters, digits, '-' or '_'"],
    ["import", '"import" is reserved'],
  ])("uid %j: %s", (uid, problem) => {
    expect(uidProblem(uid)).toBe(problem);
  });

  it("applies the chosen uid and title, keeping the converted title when the field is blank", () => {
    expect(withIdentity(dashboard, { uid: " new-uid ", title: " New " })).toMatchObject({ uid: "new-uid", title: "New", panels: dashboard.panels });
    expect(withIdentity(dashboard, { uid: "imp", title: "  " }).title).toBe("Imported");
  });
});
