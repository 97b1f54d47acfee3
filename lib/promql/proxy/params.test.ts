import { describe, expect, it } from "vitest";
import type { Datasource } from "@/lib/config/schema";
import { resolveEndpoint } from "./endpoints";
import { buildUpstreamParams, parseApiTime } from "./params";

function ds(overrides: Partial<Datasource> = {}): Datasource {
  return {
    id: "t", name: "t", type: "thanos", url: "http://x", default: true, timeoutMs: 30_000, scrapeIntervalMs: 15_000,
    headers: {}, thanos: {}, ...overrides,
  };
}
const endpoint = (name: string) => resolveEndpoint(name.split("/"), "thanos")!;
const build = (query: string, d: Datasource, ep = "query_range") => buildUpstreamParams(new URLSearchParams(query), d, endpoint(ep));

describe("parseApiTime", () => {
  it.each([
    ["1700000000", 1_700_000_000],
    ["1700000000.5", 1_700_000_000.5],
    ["2026-11-28T00:00:00Z", 1_795_824_000],
    ["2026-11-28T01:00:00+01:00", 1_795_824_000],
    ["2026-11-28T00:00:00.250Z", 1_795_824_000.25],
  ])("%s -> %d", (text, s) => expect(parseApiTime(text)).toBe(s));
  it.each(["", "now", "2026-11-28", "Nov 28 2026", "NaN", null])("rejects %j", (t) => expect(parseApiTime(t)).toBeNull());
});

describe("Thanos parameter merging", () => {
  const thanos = ds({ thanos: { dedup: false, partialResponse: true, maxSourceResolution: "5m", replicaLabels: ["replica", "rule_replica"], engine: "thanos" } });

  it("adds the datasource defaults when the request leaves them out", () => {
    const { params } = build("query=up&start=0&end=60&step=15", thanos);
    expect(params.get("dedup")).toBe("false");
    expect(params.get("partial_response")).toBe("true");
    expect(params.get("max_source_resolution")).toBe("5m");
    expect(params.getAll("replicaLabels[]")).toEqual(["replica", "rule_replica"]);
    expect(params.get("engine")).toBe("thanos");
  });

  it("lets request values override every default", () => {
    const { params } = build(
      "query=up&start=0&end=60&step=15&dedup=true&partial_response=false&max_source_resolution=auto&replicaLabels[]=r&engine=prometheus",
      thanos,
    );
    expect(params.get("dedup")).toBe("true");
    expect(params.get("partial_response")).toBe("false");
    expect(params.get("max_source_resolution")).toBe("auto");
    expect(params.getAll("replicaLabels[]")).toEqual(["r"]);
    expect(params.get("engine")).toBe("prometheus");
  });

  it("passes other parameters through untouched, repeated keys included", () => {
    const { params } = build("match[]=up&match[]=%7Bjob%3D%22a%22%7D&storeMatch[]=x&analyze=true", thanos, "series");
    expect(params.getAll("match[]")).toEqual(["up", '{job="a"}']);
    expect(params.getAll("storeMatch[]")).toEqual(["x"]);
    expect(params.get("analyze")).toBe("true");
  });

  it("only puts evaluation parameters on evaluating endpoints", () => {
    const { params } = build("match[]=up", thanos, "series");
    expect(params.get("dedup")).toBe("false");
    expect(params.has("max_source_resolution")).toBe(false);
    expect(params.has("engine")).toBe(false);
    expect(params.has("timeout")).toBe(false);
    expect([...build("", thanos, "targets").params.keys()]).toEqual([]);
  });

  it("adds nothing Thanos-specific for a Prometheus datasource", () => {
    const { params } = build("query=up&start=0&end=60&step=15", ds({ type: "prometheus", thanos: { dedup: true } }));
    expect([...params.keys()].sort()).toEqual(["end", "query", "start", "step", "timeout"]);
  });

  it("sets the datasource timeout as the query timeout unless the request has one", () => {
    expect(build("query=up", ds({ timeoutMs: 90_000 }), "query").params.get("timeout")).toBe("1m30s");
    expect(build("query=up&timeout=5s", ds(), "query").params.get("timeout")).toBe("5s");
  });
});

describe("query_range step clamping", () => {
  it("raises a step that would exceed 11,000 points per series", () => {
    const week = 7 * 86_400;
    const { params, stepClamp } = build(`query=up&start=0&end=${week}&step=15s`, ds());
    expect(Number(params.get("step"))).toBeCloseTo(week / 11_000, 2);
    expect(week / Number(params.get("step"))).toBeLessThanOrEqual(11_000);
    expect(stepClamp).toEqual({ requestedSeconds: 15, usedSeconds: Number(params.get("step")) });
  });

  it("works with RFC3339 times", () => {
    const { stepClamp } = build("query=up&start=2026-11-01T00:00:00Z&end=2026-11-28T00:00:00Z&step=60", ds());
    expect(stepClamp?.usedSeconds).toBeGreaterThan(60);
  });

  it.each([
    "query=up&start=0&end=3600&step=15",
    "query=up&start=0&end=3600&step=abc",
    "query=up&start=3600&end=0&step=1",
    "query=up&start=x&end=3600&step=1",
    "query=up&start=0&end=3600&step=0",
    "query=up&start=0&end=3600",
  ])("leaves %s alone (fine, or the upstream's to reject)", (q) => {
    const before = new URLSearchParams(q).get("step");
    const { params, stepClamp } = build(q, ds());
    expect(stepClamp).toBeUndefined();
    expect(params.get("step")).toBe(before);
  });

  it("does not clamp instant queries", () => {
    expect(build("query=up&start=0&end=999999&step=1", ds(), "query").stepClamp).toBeUndefined();
  });
});
