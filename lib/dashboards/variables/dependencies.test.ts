import { describe, expect, it } from "vitest";
import { variableSchema, type Variable } from "../schema";
import { dependentsOf, refreshOnTimeRangeChange, variableDependencies, variableGraph } from "./dependencies";

const query = (name: string, q: string, extra: Record<string, unknown> = {}): Variable =>
  variableSchema.parse({ type: "query", name, query: q, ...extra });
const custom = (name: string, q: string) => variableSchema.parse({ type: "custom", name, query: q });

// Shaped like thanos-receive.json: `tenant` refers to `job`, which is defined after it.
const receive: Variable[] = [
  variableSchema.parse({ type: "datasource", name: "datasource", query: "prometheus" }),
  query("tenant", 'label_values(prometheus_tsdb_head_series{job=~"$job"}, tenant)', { datasource: "$datasource" }),
  variableSchema.parse({ type: "interval", name: "interval", query: "5m,10m,30m,1h", auto: true }),
  query("job", "label_values(up, job)", { datasource: "${datasource}" }),
];

// Shaped like the Knative scaling dashboard: namespace -> configuration -> revision.
const knative: Variable[] = [
  query("revision", 'label_values(autoscaler_desired_pods{namespace="$namespace", configuration="$configuration"}, revision)'),
  query("configuration", 'label_values(autoscaler_desired_pods{namespace="$namespace"}, configuration)', { refresh: "time" }),
  query("namespace", "label_values(autoscaler_desired_pods, namespace)"),
  custom("resolution", "1m,5m"),
];

describe("variableDependencies", () => {
  const names = new Set(["a", "b", "ds", "cluster", "cluster_name"]);
  it.each([
    [query("x", 'label_values(up{a="$a", b="${b:regex}"}, job)'), ["a", "b"]],
    [query("x", "label_values(up, job)", { datasource: "$ds" }), ["ds"]],
    [query("x", "label_values(up, job)", { regex: "/$cluster_name-(.*)/" }), ["cluster_name"]],
    [query("x", 'label_values(up{c="$cluster"}, job)'), ["cluster"]],
    [query("x", 'query_result(sum(rate(x[$__rate_interval])) by ($unknown))'), []],
    [custom("x", "$a,b,c"), ["a"]],
    [variableSchema.parse({ type: "datasource", name: "x", regex: "/$cluster/" }), ["cluster"]],
    [variableSchema.parse({ type: "constant", name: "x", query: "$a" }), []],
    [variableSchema.parse({ type: "textbox", name: "x", query: "$a" }), []],
  ])("%#", (variable, expected) => {
    expect(variableDependencies(variable, names)).toEqual(expected);
  });
});

describe("variableGraph", () => {
  it("resolves a variable after one defined later in the file", () => {
    const graph = variableGraph(receive);
    expect(graph.order).toEqual(["datasource", "interval", "job", "tenant"]);
    expect(graph.waves).toEqual([["datasource", "interval"], ["job"], ["tenant"]]);
    expect(graph.dependsOn.tenant).toEqual(["job", "datasource"]);
    expect(graph.cycles).toEqual({});
  });

  it("orders a chain written backwards", () => {
    expect(variableGraph(knative).order).toEqual(["namespace", "resolution", "configuration", "revision"]);
  });

  it("reports cycles, naming the variables, and still orders the rest", () => {
    const vars = [query("a", "label_values(x{b='$b'}, a)"), query("b", "label_values(x{c='$c'}, b)"), query("c", "label_values(x{a='$a'}, c)"), query("d", "label_values(x{a='$a'}, d)"), query("e", "label_values(e)")];
    const graph = variableGraph(vars);
    const message = "Variables refer to each other in a cycle: $a → $b → $c → $a";
    expect(graph.cycles).toEqual({ a: message, b: message, c: message });
    expect(graph.order).toEqual(["a", "b", "c", "e", "d"]);
  });

  it("reports a variable that refers to itself", () => {
    expect(variableGraph([query("a", "label_values(x{a='$a'}, a)")]).cycles).toEqual({
      a: "Variables refer to each other in a cycle: $a → $a",
    });
  });

  it("gives every order a dependency-respecting sequence", () => {
    const vars = [...knative].reverse();
    const { order, dependsOn } = variableGraph(vars);
    order.forEach((name, i) => {
      for (const dep of dependsOn[name]!) expect(order.indexOf(dep)).toBeLessThan(i);
    });
  });
});

describe("dependentsOf", () => {
  it.each([
    [["namespace"], ["configuration", "revision"]],
    [["configuration"], ["revision"]],
    [["revision"], []],
    [["resolution"], []],
    [["namespace", "configuration"], ["revision"]],
  ])("changing %j refreshes %j", (changed, expected) => {
    expect(dependentsOf(knative, changed)).toEqual(expected);
  });

  it("follows datasource references", () => {
    expect(dependentsOf(receive, ["datasource"])).toEqual(["job", "tenant"]);
  });
});

describe("refreshOnTimeRangeChange", () => {
  it("takes time-refreshing queries, Auto intervals and their dependents", () => {
    expect(refreshOnTimeRangeChange(knative)).toEqual(["configuration", "revision"]);
    expect(refreshOnTimeRangeChange(receive)).toEqual(["interval"]);
  });
});
