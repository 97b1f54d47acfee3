import { describe, expect, it } from "vitest";
import { variableSchema } from "../schema";
import { parseCustomQuery } from "./custom";
import { datasourceOptions, findDatasource } from "./datasource";
import { autoInterval, intervalOptions, isAutoInterval, selectInterval } from "./interval";
import { selectValue, type Selection } from "./select";
import { ALL_VALUE, AUTO_VALUE } from "./types";

const options = [
  { text: "East", value: "east" },
  { text: "West", value: "west" },
  { text: "North", value: "north" },
];
const ask = (value: string | string[], text: string | string[] = value): Selection => ({ value, text });

describe("selectValue", () => {
  const single = { multi: false, includeAll: false };
  const singleAll = { multi: false, includeAll: true };
  const multi = { multi: true, includeAll: false };
  const multiAll = { multi: true, includeAll: true };
  it.each<[string, typeof single, Selection | undefined, Selection]>([
    ["keeps a valid single value", single, ask("west"), ask("west", "West")],
    ["matches by text when the value is unknown", single, ask("West"), ask("west", "West")],
    ["falls back to the first option", single, ask("south"), ask("east", "East")],
    ["falls back to All with includeAll", singleAll, ask("south"), ask(ALL_VALUE, "All")],
    ["starts at the first option", single, undefined, ask("east", "East")],
    ["starts at All with includeAll", singleAll, undefined, ask(ALL_VALUE, "All")],
    ["keeps All with includeAll", singleAll, ask(ALL_VALUE), ask(ALL_VALUE, "All")],
    ["drops All without includeAll", single, ask(ALL_VALUE), ask("east", "East")],
    ["keeps the valid values of a multi", multi, ask(["north", "gone", "east"]), ask(["north", "east"], ["North", "East"])],
    ["turns a single requested value into a list", multi, ask("west"), ask(["west"], ["West"])],
    ["falls back to the first option as a list", multi, ask(["gone"]), ask(["east"], ["East"])],
    ["falls back to All as a list", multiAll, ask(["gone"]), ask([ALL_VALUE], ["All"])],
    ["keeps All in a multi", multiAll, ask([ALL_VALUE]), ask([ALL_VALUE], ["All"])],
    ["takes the first of several values for a single", single, ask(["west", "east"]), ask("west", "West")],
  ])("%s", (_name, rules, requested, expected) => {
    expect(selectValue(rules, options, requested)).toEqual(expected);
  });

  it.each([
    [{ multi: false, includeAll: false }, ask("", "")],
    [{ multi: true, includeAll: false }, ask([], [])],
    [{ multi: false, includeAll: true }, ask(ALL_VALUE, "All")],
    [{ multi: true, includeAll: true }, ask([ALL_VALUE], ["All"])],
  ])("with no options %j selects %j", (rules, expected) => {
    expect(selectValue(rules, [], ask("east"))).toEqual(expected);
  });
});

describe("parseCustomQuery", () => {
  it.each([
    ["a,b,c", [["a", "a"], ["b", "b"], ["c", "c"]]],
    [" 1m, 5m ,1h ", [["1m", "1m"], ["5m", "5m"], ["1h", "1h"]]],
    ["Production : prod,Staging : stage", [["Production", "prod"], ["Staging", "stage"]]],
    ["a\\,b,c", [["a,b", "a,b"], ["c", "c"]]],
    ["key:value,a : b : c", [["key:value", "key:value"], ["a : b", "c"]]], // spaces around ":" required; the last one splits
    ["a,,b", [["a", "a"], ["b", "b"]]],
    ["", []],
  ])("%j", (query, expected) => {
    expect(parseCustomQuery(query)).toEqual(expected.map(([text, value]) => ({ text, value })));
  });
});

describe("interval variables", () => {
  const variable = variableSchema.parse({ type: "interval", name: "interval", query: "5m,10m,30m,1h,6h,12h", auto: true, auto_count: 300, auto_min: "1m" });
  if (variable.type !== "interval") throw new Error("schema");

  it("offers Auto first", () => {
    expect(intervalOptions(variable).map((o) => o.value)).toEqual([AUTO_VALUE, "5m", "10m", "30m", "1h", "6h", "12h"]);
  });

  it.each([
    // Thanos dashboards: auto_count 300, auto_min 1m.
    [3_600_000, "1m"], // 12 s -> 10s, raised to 1m
    [86_400_000, "5m"], // 288 s -> 5m
    [7 * 86_400_000, "30m"], // 2016 s -> 30m
    [30 * 86_400_000, "2h"], // 8640 s -> 2h
  ])("Auto over %d ms is %s", (rangeMs, expected) => {
    expect(autoInterval(variable, rangeMs)).toBe(expected);
  });

  it.each([
    ["$__auto", AUTO_VALUE],
    ["$__auto_interval_interval", AUTO_VALUE],
    ["auto", AUTO_VALUE],
    ["10m", "10m"],
    ["2m", "2m"], // Grafana keeps an unlisted interval
    ["banana", "5m"],
    [undefined, "5m"],
  ])("selects %j as %j", (requested, expected) => {
    expect(selectInterval(variable, requested)).toBe(expected);
    expect(isAutoInterval(expected)).toBe(expected === AUTO_VALUE);
  });

  it("ignores an old $__auto_interval entry in the list, and Auto when disabled", () => {
    const old = variableSchema.parse({ type: "interval", name: "i", query: "1m,5m" });
    if (old.type !== "interval") throw new Error("schema");
    expect(selectInterval(old, "$__auto")).toBe("1m");
  });
});

describe("datasource variables", () => {
  const datasources = [
    { id: "central", name: "Central", type: "prometheus", default: true },
    { id: "thanos", name: "Thanos global", type: "thanos" },
    { id: "east", name: "East leaf", type: "prometheus" },
  ];
  it.each([
    ["", "", ["central", "thanos", "east"]],
    ["prometheus", "", ["central", "east"]],
    ["thanos", "", ["thanos"]],
    ["", "/leaf/", ["east"]],
    ["", "/LEAF/gi", ["east"]],
    ["", "Central|Thanos global", ["central", "thanos"]], // a bare pattern matches the whole name
  ])("type %j regex %j", (type, regex, expected) => {
    expect(datasourceOptions(datasources, type, regex).map((o) => o.value)).toEqual(expected);
  });

  it("finds a datasource by id, by name, or the default", () => {
    expect(findDatasource(datasources, "east")?.id).toBe("east");
    expect(findDatasource(datasources, "Thanos global")?.id).toBe("thanos");
    expect(findDatasource(datasources, "")?.id).toBe("central");
    expect(findDatasource(datasources, "nope")).toBeUndefined();
  });
});
