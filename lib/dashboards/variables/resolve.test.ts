import { describe, expect, it } from "vitest";
import errorBadQuery from "@/test/fixtures/prometheus/error_bad_query.json";
import clusterValues from "@/test/fixtures/prometheus/label_cluster_values.json";
import instantQuery from "@/test/fixtures/prometheus/query.json";
import series from "@/test/fixtures/prometheus/series.json";
import { variableSchema, type Variable } from "../schema";
import { dependentsOf } from "./dependencies";
import { interpolatePromQL } from "./interpolate";
import { resolveVariables, type ResolveVariablesInput, type VariableFetcher } from "./resolve";
import { ALL_VALUE, AUTO_VALUE } from "./types";

const NOW = 1_795_713_796_091;
const H = 3_600_000;
const TIME_RANGE = { startMs: NOW - 24 * H, endMs: NOW };

const datasources = [
  { id: "central", name: "Central", type: "prometheus", default: true, scrapeInterval: "5s" },
  { id: "thanos", name: "Thanos", type: "thanos" },
];

interface Call {
  datasource: string;
  path: string;
  params: Record<string, string>;
}

/**
 * A Prometheus 2.42 stand-in built from the recorded payloads: label values are taken from the
 * recorded series, filtered by a `label=~"regex"` or `label="value"` in match[].
 */
function fakePrometheus(overrides: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  const fetcher: VariableFetcher = async (datasource, path, params) => {
    calls.push({ datasource, path, params });
    if (path in overrides) return overrides[path];
    if (path === "/api/v1/label/cluster/values" && !params["match[]"]) return clusterValues;
    const label = /^\/api\/v1\/label\/(\w+)\/values$/.exec(path)?.[1];
    if (label) {
      const filters = [...(params["match[]"] ?? "").matchAll(/(\w+)(=~?)"([^"]*)"/g)];
      const rows = series.data.filter((s) =>
        filters.every(([, name, op, value]) => {
          const actual = (s as Record<string, string>)[name!] ?? "";
          return op === "=" ? actual === value : new RegExp(`^(?:${value!.replace(/\\\\/g, "\\")})$`).test(actual);
        }),
      );
      const values = [...new Set(rows.map((s) => (s as Record<string, string>)[label]).filter((v): v is string => !!v))];
      return { status: "success", data: values.sort() };
    }
    if (path === "/api/v1/series") return series;
    if (path === "/api/v1/query") return instantQuery;
    throw new Error(`unexpected request ${path}`);
  };
  return { fetcher, calls };
}

const v = (raw: Record<string, unknown>): Variable => variableSchema.parse(raw);

// Out of file order on purpose: `job` needs `cluster`, which needs `datasource`.
const dashboardVariables: Variable[] = [
  v({ type: "query", name: "job", datasource: "$datasource", query: 'label_values(up{cluster=~"$cluster"}, job)', multi: true, includeAll: true, sort: "alpha-asc" }),
  v({ type: "query", name: "cluster", datasource: "${datasource}", query: "label_values(up, cluster)", includeAll: true, multi: true, refresh: "time" }),
  v({ type: "datasource", name: "datasource", query: "prometheus" }),
  v({ type: "interval", name: "interval", query: "1m,5m,1h", auto: true, auto_count: 30, auto_min: "10s" }),
  v({ type: "custom", name: "resolution", query: "Low : 5m, High : 1m", current: { value: "1m" } }),
  v({ type: "constant", name: "prefix", query: "demo_" }),
  v({ type: "textbox", name: "filter", query: ".*" }),
];

function input(overrides: Partial<ResolveVariablesInput> = {}): ResolveVariablesInput {
  return { variables: dashboardVariables, fetcher: fakePrometheus().fetcher, datasources, timeRange: TIME_RANGE, nowMs: NOW, ...overrides };
}

describe("resolveVariables", () => {
  it("resolves every type in dependency order", async () => {
    const { fetcher, calls } = fakePrometheus();
    const { values, errors } = await resolveVariables(input({ fetcher }));
    expect(errors).toEqual({});
    expect(values.datasource).toMatchObject({ value: "central", text: "Central", options: [{ text: "Central", value: "central" }] });
    expect(values.cluster).toMatchObject({ value: [ALL_VALUE], text: ["All"], options: [{ value: "east" }, { value: "west" }] });
    expect(values.job!.options.map((o) => o.value)).toEqual(["demo-exporter", "node", "prometheus"]);
    expect(values.job!.value).toEqual([ALL_VALUE]);
    expect(values.interval).toMatchObject({ value: "1m", text: "1m" });
    expect(values.resolution).toMatchObject({ value: "1m", text: "High" });
    expect(values.prefix).toMatchObject({ value: "demo_" });
    expect(values.filter).toMatchObject({ value: ".*" });
    // The job query saw cluster's All as the escaped alternation of its options.
    expect(calls.map((c) => [c.datasource, c.path, c.params["match[]"]])).toEqual([
      ["central", "/api/v1/label/cluster/values", "up"],
      ["central", "/api/v1/label/job/values", 'up{cluster=~"(east|west)"}'],
    ]);
  });

  it("asks a time-refreshed variable for the dashboard range and an on-load one for the last 6 hours", async () => {
    const { fetcher, calls } = fakePrometheus();
    await resolveVariables(input({ fetcher }));
    const seconds = (ms: number) => String(Math.ceil(ms / 1000));
    expect(calls[0]!.params).toMatchObject({ start: seconds(TIME_RANGE.startMs), end: seconds(NOW) });
    expect(calls[1]!.params).toMatchObject({ start: seconds(NOW - 6 * H), end: seconds(NOW) });
  });

  it("keeps URL values that are still options and replaces the others", async () => {
    const { fetcher, calls } = fakePrometheus();
    const urlValues = { cluster: ["west"], job: ["node", "gone"], resolution: ["5m"], interval: ["$__auto"], filter: ["up.*"], datasource: ["nope"] };
    const { values } = await resolveVariables(input({ fetcher, urlValues }));
    expect(values.cluster).toMatchObject({ value: ["west"], text: ["west"] });
    expect(values.job).toMatchObject({ value: [ALL_VALUE] }); // no recorded series has job="node" in west
    expect(calls[1]!.params["match[]"]).toBe('up{cluster=~"west"}');
    expect(values.resolution).toMatchObject({ value: "5m", text: "Low" });
    expect(values.interval).toMatchObject({ value: AUTO_VALUE, text: "Auto", computed: "1h" }); // 24h / 30 = 48m -> 1h
    expect(values.filter).toMatchObject({ value: "up.*" });
    expect(values.datasource).toMatchObject({ value: "central" });
  });

  it("maps legacy All and a custom All value in the URL to All", async () => {
    const vars = [
      v({ type: "custom", name: "a", query: "x,y", includeAll: true }),
      v({ type: "custom", name: "b", query: "x,y", includeAll: true, allValue: ".*" }),
    ];
    const { values } = await resolveVariables(input({ variables: vars, urlValues: { a: ["All"], b: [".*"] } }));
    expect(values.a!.value).toBe(ALL_VALUE);
    expect(values.b!.value).toBe(ALL_VALUE);
  });

  it("interpolates the resolved values into panel queries", async () => {
    const { values } = await resolveVariables(input({ urlValues: { cluster: ["east", "west"], job: ["node"] } }));
    expect(interpolatePromQL('rate(up{cluster=~"$cluster", job=~"$job"}[$resolution])', values)).toBe(
      'rate(up{cluster=~"(east|west)", job=~"node"}[1m])',
    );
  });

  it("applies regex, sort and query_result formatting", async () => {
    const vars = [v({ type: "query", name: "up", query: "query_result(sum by (cluster, job) (up))", regex: '/job="(?<value>[^"]+)"/', sort: "alpha-desc" })];
    const { values } = await resolveVariables(input({ variables: vars }));
    expect(values.up!.options.map((o) => o.value)).toEqual(["prometheus", "node", "federate", "demo-exporter"]);
  });

  it("reports a failing variable and resolves the others", async () => {
    const { fetcher } = fakePrometheus({ "/api/v1/label/job/values": errorBadQuery });
    const { values, errors } = await resolveVariables(input({ fetcher, urlValues: { job: ["node"] } }));
    expect(errors).toEqual({ job: "bad_data: invalid parameter \"query\": 1:5: parse error: unexpected left brace '{'" });
    expect(values.job).toMatchObject({ value: ["node"], options: [] }); // the requested value is kept
    expect(values.cluster!.options).toHaveLength(2);
  });

  it("reports network failures, unknown datasources and cycles", async () => {
    const vars = [
      v({ type: "query", name: "a", query: "label_values(x{b='$b'}, a)" }),
      v({ type: "query", name: "b", query: "label_values(x{a='$a'}, b)" }),
      v({ type: "query", name: "c", datasource: "missing", query: "label_values(c)" }),
      v({ type: "query", name: "d", query: "label_values(d)", includeAll: true }),
      v({ type: "datasource", name: "e", query: "thanos", regex: "/nomatch/" }),
    ];
    const fetcher: VariableFetcher = async () => {
      throw new TypeError("fetch failed");
    };
    const { values, errors } = await resolveVariables(input({ variables: vars, fetcher }));
    expect(errors).toEqual({
      a: "Variables refer to each other in a cycle: $a → $b → $a",
      b: "Variables refer to each other in a cycle: $a → $b → $a",
      c: 'Datasource "missing" not found',
      d: "fetch failed",
      e: "No data sources found",
    });
    expect(values.d).toMatchObject({ value: ALL_VALUE, options: [] });
  });

  it("re-resolves only the dependents of a changed variable", async () => {
    const first = await resolveVariables(input());
    const { fetcher, calls } = fakePrometheus();
    const previous = { ...first.values, cluster: { ...first.values.cluster!, value: ["east"], text: ["east"] } };
    const only = dependentsOf(dashboardVariables, ["cluster"]);
    const { values } = await resolveVariables(input({ fetcher, previous, only }));
    expect(only).toEqual(["job"]);
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/label/job/values"]);
    expect(calls[0]!.params["match[]"]).toBe('up{cluster=~"east"}');
    expect(values.job!.options.map((o) => o.value)).toEqual(["demo-exporter", "node", "prometheus"]);
    expect(values.cluster!.value).toEqual(["east"]);
  });

  it("uses the datasource a datasource variable selects", async () => {
    const { fetcher, calls } = fakePrometheus();
    const vars = [v({ type: "datasource", name: "ds", query: "" }), v({ type: "query", name: "c", datasource: "$ds", query: "label_values(cluster)" })];
    // label_values(label) without a selector: the recorded /api/v1/label/cluster/values payload.
    await resolveVariables(input({ variables: vars, fetcher, urlValues: { ds: ["Thanos"] } }));
    expect(calls[0]!.datasource).toBe("thanos");
  });

  it("passes the datasource scrape interval as $__interval to variable queries", async () => {
    const { fetcher, calls } = fakePrometheus();
    const vars = [v({ type: "query", name: "q", query: "query_result(rate(up[$__interval]) * $__range_s)" })];
    await resolveVariables(input({ variables: vars, fetcher }));
    expect(calls[0]!.params.query).toBe("rate(up[5s]) * 21600");
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const fetcher: VariableFetcher = async () => {
      controller.abort();
      throw new DOMException("The operation was aborted.", "AbortError");
    };
    await expect(resolveVariables(input({ fetcher, signal: controller.signal }))).rejects.toThrow(/abort/i);
  });
});
