import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import series from "@/test/fixtures/prometheus/series.json";
import { variableSchema, type Variable } from "../schema";
import { resolveVariables, type ResolveVariablesResult, type VariableFetcher } from "./resolve";
import { resolutionStillHolds, reusableResolution, urlValueOf, variablesQueryKey } from "./reuse";

const NOW = 1_795_713_796_091;
const RANGE = { startMs: NOW - 3_600_000, endMs: NOW };
const datasources = [{ id: "central", name: "Central", type: "prometheus", default: true, scrapeInterval: "5s" }];
const v = (raw: Record<string, unknown>): Variable => variableSchema.parse(raw);

// Every variable type; `job` depends on `cluster`, which depends on `datasource`.
const VARIABLES: Variable[] = [
  v({ type: "datasource", name: "datasource", query: "prometheus" }),
  v({ type: "query", name: "cluster", datasource: "$datasource", query: "label_values(up, cluster)", includeAll: true, multi: true, refresh: "time" }),
  v({ type: "query", name: "job", datasource: "$datasource", query: 'label_values(up{cluster=~"$cluster"}, job)', multi: true, includeAll: true, sort: "alpha-asc" }),
  v({ type: "query", name: "instance", datasource: "$datasource", query: 'label_values(up{job=~"$job"}, instance)' }),
  v({ type: "interval", name: "interval", query: "1m,5m,1h", auto: true, auto_count: 30, auto_min: "10s" }),
  v({ type: "custom", name: "resolution", query: "Low : 5m, High : 1m", current: { value: "1m" } }),
  v({ type: "constant", name: "prefix", query: "demo_" }),
  v({ type: "textbox", name: "filter", query: ".*" }),
];

/** Label values from the recorded series, filtered by the `label=~"regex"` matchers of match[]; counts its calls. */
function fakePrometheus() {
  const calls: string[] = [];
  const fetcher: VariableFetcher = async (_ds, path, params) => {
    calls.push(`${path} ${params["match[]"]}`);
    const label = /^\/api\/v1\/label\/(\w+)\/values$/.exec(path)![1]!;
    const filters = [...(params["match[]"] ?? "").matchAll(/(\w+)=~"([^"]*)"/g)];
    const rows = series.data.filter((s) => filters.every(([, name, re]) => new RegExp(`^(?:${re!.replace(/\\\\/g, "\\")})$`).test((s as Record<string, string>)[name!] ?? "")));
    return { status: "success", data: [...new Set(rows.map((s) => (s as Record<string, string>)[label]).filter(Boolean))].sort() };
  };
  return { fetcher, calls };
}

const resolve = (urlValues: Record<string, string[]>, fetcher = fakePrometheus().fetcher) =>
  resolveVariables({ variables: VARIABLES, urlValues, fetcher, datasources, timeRange: RANGE, nowMs: NOW });

/** What the dashboard page writes into the URL once resolved: the URL's values, then every resolved one. */
const writtenBack = (urlValues: Record<string, string[]>, result: ResolveVariablesResult) => ({
  ...urlValues,
  ...Object.fromEntries(Object.entries(result.values).map(([name, state]) => [name, urlValueOf(state)])),
});

// Opened without var-*, with valid values, with values no longer among the options, with legacy All.
const LANDING_URLS: Array<Record<string, string[]>> = [
  {},
  { cluster: ["west"], job: ["prometheus"], resolution: ["5m"] },
  { cluster: ["gone"], job: ["node", "gone"], instance: ["nope"], interval: ["$__auto"], datasource: ["nope"], resolution: ["x"] },
  { cluster: ["All"], filter: ["up.*"], unknown: ["kept"] },
];

describe("variable resolutions written back into the URL", () => {
  it.each(LANDING_URLS)("resolve again to the same result, and are recognised as holding (%j)", async (landing) => {
    const first = await resolve(landing);
    const url = writtenBack(landing, first);
    expect(await resolve(url)).toEqual(first);
    expect(resolutionStillHolds(VARIABLES, { urlValues: landing, result: first }, url)).toBe(true);
  });

  it("do not hold for another value, a value dropped from the URL, or a resolution with errors", async () => {
    const first = await resolve({ cluster: ["west"] });
    const earlier = { urlValues: { cluster: ["west"] }, result: first };
    const url = writtenBack({ cluster: ["west"] }, first);
    expect(resolutionStillHolds(VARIABLES, earlier, { ...url, cluster: ["east"] })).toBe(false);
    expect(resolutionStillHolds(VARIABLES, earlier, { ...url, job: [...urlValueOf(first.values.job!), "node"] })).toBe(false);
    const { cluster: _dropped, ...withoutCluster } = url;
    expect(resolutionStillHolds(VARIABLES, earlier, withoutCluster)).toBe(false);
    expect(resolutionStillHolds(VARIABLES, { ...earlier, result: { ...first, errors: { job: "upstream down" } } }, url)).toBe(false);
    // A variable the dashboard gained since (not in the earlier result).
    expect(resolutionStillHolds([...VARIABLES, v({ type: "constant", name: "new", query: "x" })], earlier, url)).toBe(false);
  });

  it("take the cached resolution under the new key instead of fetching the options again", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const { fetcher, calls } = fakePrometheus();
    // As useDashboardVariables asks: the key, and a cached resolution that still holds as initial data.
    const load = (urlValues: Record<string, string[]>, range = RANGE, version = 3) => {
      const queryKey = variablesQueryKey("uid-1", version, urlValues, range);
      return client.fetchQuery({
        queryKey,
        queryFn: () => resolveVariables({ variables: VARIABLES, urlValues, fetcher, datasources, timeRange: range, nowMs: NOW }),
        initialData: () => reusableResolution(VARIABLES, client.getQueriesData<ResolveVariablesResult>({ queryKey: queryKey.slice(0, 5) }), queryKey),
      });
    };
    const first = await load({});
    const fetched = calls.length;
    expect(fetched).toBe(3);
    // The page writes what it resolved into the URL: the same result, no request.
    expect(await load(writtenBack({}, first))).toBe(first);
    expect(calls).toHaveLength(fetched);
    // Another range, another version or another value resolve again.
    await load(writtenBack({}, first), { startMs: RANGE.startMs - 60_000, endMs: RANGE.endMs });
    expect(calls).toHaveLength(2 * fetched);
    await load(writtenBack({}, first), RANGE, 4);
    expect(calls).toHaveLength(3 * fetched);
    await load({ ...writtenBack({}, first), cluster: ["west"] });
    expect(calls).toHaveLength(4 * fetched);
  });
});
