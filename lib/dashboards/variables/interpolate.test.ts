import { describe, expect, it } from "vitest";
import { ALL_VALUE as SCHEMA_ALL_VALUE } from "../schema";
import { escapeRegex, prometheusFormat } from "./formats";
import { interpolate, interpolatePromQL, variableReferences } from "./interpolate";
import { ALL_VALUE, type VariableScope, type VariableState } from "./types";

const opts = (...values: string[]) => values.map((v) => ({ text: v, value: v }));
const single = (value: string, text = value): VariableState => ({ value, text, options: opts(value), multi: false, includeAll: false });

const FROM = Date.UTC(2024, 2, 13, 14, 25, 36, 789);

const scope: VariableScope = {
  job: single("node"),
  dotted: single("a.b"),
  quoted: single("it's\\here"),
  instance: { value: ["a:9100", "b.c:9100"], text: ["A", "B.C"], options: opts("a:9100", "b.c:9100"), multi: true, includeAll: false },
  one: { value: ["x.y"], text: ["x.y"], options: opts("x.y", "z"), multi: true, includeAll: true },
  none: { value: [], text: [], options: opts("p", "q"), multi: true, includeAll: false },
  backslash: { value: ["a\\b"], text: ["a\\b"], options: opts("a\\b"), multi: true, includeAll: false },
  cluster: { value: ALL_VALUE, text: "All", options: opts("east", "west"), multi: false, includeAll: true },
  ns: { value: [ALL_VALUE], text: ["All"], options: opts("default", "kube-system"), multi: true, includeAll: true, allValue: ".*" },
  scoped: { value: ALL_VALUE, text: "All", options: opts("x"), multi: false, includeAll: true, allValue: "$job-.*" },
  cluster_name: single("prod-eu"),
  interval: { value: "$__auto", text: "Auto", options: opts("1m", "5m"), multi: false, includeAll: false, computed: "5m" },
  ds: single("thanos", "Thanos"),
  __interval: "20s",
  __rate_interval: "1m0s",
  __range: "21600s",
  __from: String(FROM),
};

describe("interpolatePromQL (Grafana's Prometheus interpolateQueryExpr)", () => {
  it.each([
    ['up{job="$job"}', 'up{job="node"}'],
    ['up{job="${job}"}', 'up{job="node"}'],
    ['up{job="[[job]]"}', 'up{job="node"}'],
    ['up{job="$dotted"}', 'up{job="a.b"}'], // single values are not regex-escaped
    ["label_values(up{job='$quoted'}, x)", "label_values(up{job='it\\\\'s\\\\here'}, x)"],
    ['up{instance=~"$instance"}', 'up{instance=~"(a:9100|b\\\\.c:9100)"}'],
    ['up{x=~"$one"}', 'up{x=~"x\\\\.y"}'], // one selected value: no parentheses
    ['up{x=~"$none"}', 'up{x=~"()"}'],
    ['up{x=~"$backslash"}', 'up{x=~"a\\\\\\\\b"}'],
    ['up{cluster=~"$cluster"}', 'up{cluster=~"(east|west)"}'], // All without allValue: every option
    ['up{namespace=~"$ns"}', 'up{namespace=~".*"}'], // allValue goes in as written
    ['up{x=~"$scoped"}', 'up{x=~"node-.*"}'], // an allValue may refer to other variables
    ['up{env="$cluster_name"}', 'up{env="prod-eu"}'], // longest name wins
    ["rate(x[$interval])", "rate(x[5m])"], // interval on Auto
    ["rate(x[$__rate_interval]) / $__interval", "rate(x[1m0s]) / 20s"],
    ['up{instance=~"${instance:csv}"}', 'up{instance=~"a:9100,b.c:9100"}'], // explicit formats win
    ['label_replace(up, "a", "$1", "b", "(.*)")', 'label_replace(up, "a", "$1", "b", "(.*)")'],
    ["$unknown $__all $constructor", "$unknown $__all $constructor"],
  ])("%s", (expr, expected) => {
    expect(interpolatePromQL(expr, scope)).toBe(expected);
  });
});

describe("interpolate with formats", () => {
  it.each([
    ["${instance}", "{a:9100,b.c:9100}"], // glob is the default
    ["${instance:raw}", "a:9100,b.c:9100"],
    ["${instance:regex}", "(a:9100|b\\.c:9100)"],
    ["${dotted:regex}", "a\\.b"],
    ["${instance:pipe}", "a:9100|b.c:9100"],
    ["${instance:csv}", "a:9100,b.c:9100"],
    ["${instance:json}", '["a:9100","b.c:9100"]'],
    ["${job:json}", "node"],
    ["${instance:doublequote}", '"a:9100","b.c:9100"'],
    ["${quoted:singlequote}", "'it\\'s\\here'"],
    ["${instance:singlequote}", "'a:9100','b.c:9100'"],
    ["${instance:percentencode}", "%7Ba%3A9100%2Cb.c%3A9100%7D"],
    ["${quoted:percentencode}", "it%27s%5Chere"],
    ["${instance:text}", "A + B.C"],
    ["${ds:text}", "Thanos"],
    ["${cluster:text}", "All"],
    ["${ns:text}", "All"],
    ["${instance:queryparam}", "var-instance=a:9100&var-instance=b.c:9100"],
    ["${cluster:queryparam}", "var-cluster=$__all"],
    ["${ns:queryparam}", "var-ns=$__all"],
    ["${ns:percentencode}", ".%2A"], // encoded allValue, as Grafana does
    ["${instance:distributed}", "a:9100,instance=b.c:9100"],
    ["${instance:join: OR }", "a:9100 OR b.c:9100"],
    ["${instance:lucene}", '("a\\:9100" OR "b.c\\:9100")'],
    ["${cluster:csv}", "east,west"],
    ["${cluster}", "{east,west}"],
    ["${job:nope}", "node"], // unknown format: glob, as in Grafana
    ["[[job:regex]]", "node"],
    ["$cluster_name/$cluster", "prod-eu/{east,west}"],
    ["${__from}", String(FROM)],
    ["${__from:date}", "2024-03-13T14:25:36.789Z"],
    ["${__from:date:iso}", "2024-03-13T14:25:36.789Z"],
    ["${__from:date:seconds}", "1710339937"],
    ["${__from:date:ms}", String(FROM)],
    ["$__range", "21600s"],
    ["${none}", ""],
  ])("%s", (text, expected) => {
    expect(interpolate(text, scope)).toBe(expected);
  });

  it("formats dates in the viewer's local time for moment-style patterns", () => {
    const d = new Date(FROM);
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}`;
    expect(interpolate("${__from:date:YYYY-MM-DD HH}", scope)).toBe(expected);
  });

  it("takes a default format for references that name none", () => {
    expect(interpolate("$instance / ${instance:csv}", scope, { format: "pipe" })).toBe("a:9100|b.c:9100 / a:9100,b.c:9100");
  });

  it("stops expanding an allValue that refers to itself", () => {
    const loop: VariableScope = { a: { value: ALL_VALUE, text: "All", options: [], multi: false, includeAll: true, allValue: "x$a" } };
    expect(interpolate("$a", loop)).toBe("xxxxxx$a");
  });
});

describe("helpers", () => {
  it("lists references in order, once each", () => {
    expect(variableReferences('sum(rate(x{a="$a", b=~"${b:regex}", c="[[c]]"}[$__rate_interval])) by ($a)')).toEqual([
      "a",
      "b",
      "c",
      "__rate_interval",
    ]);
  });

  it("escapes every regex metacharacter Grafana does", () => {
    expect(escapeRegex("a.b*c+d?e^f$g(h)i[j]k{l}m|n\\o/p")).toBe("a\\.b\\*c\\+d\\?e\\^f\\$g\\(h\\)i\\[j\\]k\\{l\\}m\\|n\\\\o\\/p");
  });

  it("escapes for PromQL regex matchers by context", () => {
    expect(prometheusFormat("a.b", { multi: false, includeAll: false })).toBe("a.b");
    expect(prometheusFormat("a.b", { multi: true, includeAll: false })).toBe("a\\\\.b");
    expect(prometheusFormat(["a", "b"], { multi: false, includeAll: true })).toBe("(a|b)");
  });

  it("uses the schema's All value", () => {
    expect(ALL_VALUE).toBe(SCHEMA_ALL_VALUE);
  });
});
