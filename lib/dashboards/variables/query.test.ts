import { describe, expect, it } from "vitest";
import errorBadQuery from "@/test/fixtures/prometheus/error_bad_query.json";
import nameValues from "@/test/fixtures/prometheus/label___name___values.json";
import clusterValues from "@/test/fixtures/prometheus/label_cluster_values.json";
import labels from "@/test/fixtures/prometheus/labels.json";
import instantQuery from "@/test/fixtures/prometheus/query.json";
import rangeQuery from "@/test/fixtures/prometheus/query_range.json";
import series from "@/test/fixtures/prometheus/series.json";
import { parseVariableQuery, planVariableQuery, readVariableResponse, type VariableQuery } from "./query";

const RANGE = { startMs: 1_795_692_196_091, endMs: 1_795_713_796_091 };

describe("parseVariableQuery", () => {
  it.each<[string, VariableQuery | null]>([
    ["label_names()", { kind: "label_names" }],
    ["label_names() ", { kind: "label_names" }],
    ["label_names(up)", { kind: "label_names", match: "up" }],
    ["label_values(job)", { kind: "label_values", label: "job" }],
    ["label_values(up, job)", { kind: "label_values", label: "job", match: "up" }],
    ['label_values(up{cluster="$cluster"},instance)', { kind: "label_values", label: "instance", match: 'up{cluster="$cluster"}' }],
    ["label_values({}, job)", { kind: "label_values", label: "job" }], // `{}` counts as no filter
    ["label_values( , job)", { kind: "label_values", label: "job" }],
    ['label_values(rate(x{a="b, c"}[5m]), job)', { kind: "label_values", label: "job", match: 'rate(x{a="b, c"}[5m])' }],
    ["metrics(^go_.*)", { kind: "metrics", regex: "^go_.*" }],
    ["query_result(topk(5, up))", { kind: "query_result", expr: "topk(5, up)" }],
    ["query_result(sum by (job) (\n  up\n))", { kind: "query_result", expr: "sum by (job) (  up)" }],
    ['up{job="node"}', { kind: "series", match: 'up{job="node"}' }],
    ["", null],
    ["label_values()", null],
    ["metrics()", null],
    ["query_result()", null],
  ])("%j", (text, expected) => {
    expect(parseVariableQuery(text)).toEqual(expected);
  });
});

describe("planVariableQuery", () => {
  const span = { start: "1795692197", end: "1795713797" }; // whole seconds, rounded up
  it.each<[string, string, Record<string, string>]>([
    ["label_names()", "/api/v1/labels", span],
    ["label_names(up)", "/api/v1/labels", { "match[]": '{__name__=~".*up.*"}', ...span }],
    ["label_values(cluster)", "/api/v1/label/cluster/values", span],
    ['label_values(up{job="node"}, cluster)', "/api/v1/label/cluster/values", { "match[]": 'up{job="node"}', ...span }],
    ["metrics(demo_.*)", "/api/v1/label/__name__/values", span],
    ["query_result(sum by (cluster, job) (up))", "/api/v1/query", { query: "sum by (cluster, job) (up)", time: span.end }],
    ["up", "/api/v1/series", { "match[]": "up", ...span }],
  ])("%s -> %s", (text, path, params) => {
    expect(planVariableQuery(parseVariableQuery(text)!, RANGE)).toEqual({ path, params });
  });
});

describe("readVariableResponse (real Prometheus 2.42 payloads)", () => {
  it("reads label values", () => {
    expect(readVariableResponse({ kind: "label_values", label: "cluster" }, clusterValues)).toEqual([{ text: "east" }, { text: "west" }]);
  });

  it("reads label names, sorted", () => {
    const values = readVariableResponse({ kind: "label_names" }, labels).map((v) => v.text);
    expect(values).toEqual([...labels.data].sort());
    expect(values).toContain("cluster");
  });

  it("filters metric names by an unanchored regex", () => {
    const values = readVariableResponse({ kind: "metrics", regex: "^demo_" }, nameValues).map((v) => v.text);
    expect(values).toEqual(["demo_http_requests_total", "demo_scrapes_total", "demo_sine", "demo_uptime_seconds"]);
    expect(readVariableResponse({ kind: "metrics", regex: "sine" }, nameValues)).toEqual([{ text: "demo_sine" }]);
  });

  it("formats query_result samples as Grafana does: name{labels} value timestamp-ms", () => {
    const values = readVariableResponse({ kind: "query_result", expr: "sum by (cluster, job) (up)" }, instantQuery).map((v) => v.text);
    expect(values[0]).toBe(`{cluster="east",job="prometheus"} 1 ${1795713796.091 * 1000}`);
    expect(values[5]).toBe(`{job="prometheus"} 1 ${1795713796.091 * 1000}`);
    expect(values).toHaveLength(7);
  });

  it("keeps the metric name in front of the labels", () => {
    const body = { status: "success", data: { resultType: "vector", result: [{ metric: { __name__: "up", job: "a" }, value: [1700000000, "1"] }] } };
    expect(readVariableResponse({ kind: "query_result", expr: "up" }, body)).toEqual([{ text: 'up{job="a"} 1 1700000000000' }]);
  });

  it("reads scalar and string results as their value", () => {
    expect(readVariableResponse({ kind: "query_result", expr: "1" }, { status: "success", data: { resultType: "scalar", result: [1, "42"] } })).toEqual([{ text: "42" }]);
    expect(readVariableResponse({ kind: "query_result", expr: '"a"' }, { status: "success", data: { resultType: "string", result: [1, "a"] } })).toEqual([{ text: "a" }]);
  });

  it("refuses a matrix, as Grafana does", () => {
    expect(() => readVariableResponse({ kind: "query_result", expr: "up[5m]" }, rangeQuery)).toThrow("Unknown/Unhandled result type: [matrix]");
  });

  it("turns series into name{labels}", () => {
    const values = readVariableResponse({ kind: "series", match: "up" }, series).map((v) => v.text);
    expect(values[0]).toBe('up{cluster="east",instance="127.0.0.1:19091",job="prometheus",replica="a"}');
    expect(values).toHaveLength(8);
  });

  it("accepts a bare payload without the envelope", () => {
    expect(readVariableResponse({ kind: "label_values", label: "x" }, ["a"])).toEqual([{ text: "a" }]);
  });

  it("throws the upstream's error", () => {
    expect(() => readVariableResponse({ kind: "query_result", expr: "{" }, errorBadQuery)).toThrow(
      "bad_data: invalid parameter \"query\": 1:5: parse error: unexpected left brace '{'",
    );
  });

  it("throws on a payload of the wrong shape", () => {
    expect(() => readVariableResponse({ kind: "label_values", label: "x" }, { status: "success", data: { a: 1 } })).toThrow("expected a list of strings");
    expect(() => readVariableResponse({ kind: "series", match: "x" }, { status: "success", data: ["a"] })).toThrow("expected a list of series");
  });
});
