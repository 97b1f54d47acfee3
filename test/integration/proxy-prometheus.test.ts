import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "@/scripts/stack";
import { callProxy, useDatasources } from "@/test/proxy-helpers";
import { startScratchPrometheus, stackUrls, type ScratchPrometheus } from "@/test/stack";

// The proxy against real Prometheus 2.42 servers: the federation stack and a private one we stop.
let urls: ReturnType<typeof stackUrls>;
let scratch: ScratchPrometheus;
let t: number; // a fixed evaluation time, far enough back that no sample for it is still arriving

async function direct(base: string, path: string, query: string, method: "GET" | "POST" = "GET") {
  const res =
    method === "GET"
      ? await fetch(`${base}/api/v1/${path}?${query}`)
      : await fetch(`${base}/api/v1/${path}`, { method, body: query, headers: { "content-type": "application/x-www-form-urlencoded" } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  urls = stackUrls();
  scratch = await startScratchPrometheus();
  useDatasources([
    { id: "global", type: "prometheus", url: urls.global, default: true, scrapeInterval: "5s" },
    { id: "east", type: "prometheus", url: urls.east },
    { id: "scratch", type: "prometheus", url: scratch.url, timeout: "5s" },
  ]);
  // Wait until the global server holds federated samples from both leaves at t. Leaves scrape and
  // global federates every 5 s, so nothing stamped 12 s ago is still on its way.
  await pollUntil("federated data at the evaluation time", async () => {
    // A multiple of 10 s: the proxy aligns query_range start/end down to the step (5 s and 10 s here),
    // so an aligned range must come back exactly as Prometheus answers it (alignment: test/perf).
    t = Math.floor((Date.now() / 1000 - 12) / 10) * 10;
    const r = await direct(urls.global, "query", `query=${encodeURIComponent("count by (cluster) (up)")}&time=${t}`);
    const clusters = (r.body.data as { result: Array<{ metric: { cluster?: string } }> }).result.map((x) => x.metric.cluster);
    return clusters.includes("east") && clusters.includes("west") ? true : undefined;
  }, { timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => scratch?.dispose());

const q = (s: string) => encodeURIComponent(s);

describe("the proxy's data equals the upstream's", () => {
  const cases: Array<[string, string, () => string]> = [
    ["instant vector", "query", () => `query=up&time=${t}`],
    ["aggregation by cluster", "query", () => `query=${q("sum by (cluster) (up)")}&time=${t}`],
    ["scalar", "query", () => `query=${q("scalar(count(up))")}&time=${t}`],
    ["string", "query", () => `query=${q('"hello"')}&time=${t}`],
    ["range matrix", "query_range", () => `query=${q("rate(prometheus_http_requests_total[30s])")}&start=${t - 60}&end=${t}&step=5`],
    ["range with RFC3339 times", "query_range", () => `query=up&start=${new Date((t - 30) * 1000).toISOString()}&end=${new Date(t * 1000).toISOString()}&step=10s`],
    ["series", "series", () => `match[]=up&match[]=${q('{__name__="demo_sine"}')}&start=${t - 60}&end=${t}`],
    ["labels", "labels", () => `start=${t - 60}&end=${t}`],
    ["label values", "label/cluster/values", () => `start=${t - 60}&end=${t}`],
    ["metric names", "label/__name__/values", () => `start=${t - 60}&end=${t}`],
    ["exemplars", "query_exemplars", () => `query=up&start=${t - 60}&end=${t}`],
    ["build info", "status/buildinfo", () => ""],
    ["flags", "status/flags", () => ""],
    ["config", "status/config", () => ""],
    ["rules", "rules", () => ""],
    ["alerts", "alerts", () => ""],
  ];

  it.each(cases)("%s (%s)", async (_name, path, query) => {
    const want = await direct(urls.global, path, query());
    const got = await callProxy("global", path, { query: query() });
    expect(want.status).toBe(200);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(want.body);
  });

  it("returns both clusters for sum by (cluster) (up)", async () => {
    const got = await callProxy("global", "query", { query: `query=${q("sum by (cluster) (up)")}&time=${t}` });
    const clusters = (got.body?.data as { result: Array<{ metric: { cluster?: string } }> }).result.map((r) => r.metric.cluster);
    expect(clusters).toEqual(expect.arrayContaining(["east", "west"]));
  });

  it("answers a form-encoded POST like a GET", async () => {
    const query = `query=${q("sum by (job) (up)")}&time=${t}`;
    const got = await callProxy("global", "query", { form: query });
    expect(got.body).toEqual((await direct(urls.global, "query", query, "POST")).body);
  });

  it("metadata: the same entries (Prometheus orders them by map iteration)", async () => {
    type Meta = Record<string, Array<{ type: string; help: string; unit: string }>>;
    const sorted = (b: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(b?.data as Meta).map(([k, v]) => [k, v.map((m) => JSON.stringify(m)).sort()]));
    const got = await callProxy("global", "metadata");
    const want = await direct(urls.global, "metadata", "");
    expect(got.status).toBe(200);
    expect(sorted(got.body)).toEqual(sorted(want.body));
    expect(Object.keys(sorted(got.body)).length).toBeGreaterThan(0);
  });

  it("targets: the same scrape URLs", async () => {
    const urlsOf = (b: Record<string, unknown> | undefined) =>
      ((b?.data as { activeTargets: Array<{ scrapeUrl: string }> }).activeTargets.map((x) => x.scrapeUrl)).sort();
    const got = await callProxy("east", "targets");
    expect(urlsOf(got.body)).toEqual(urlsOf((await direct(urls.east, "targets", "")).body));
    expect(urlsOf(got.body).length).toBeGreaterThan(0);
  });
});

describe("errors from a real Prometheus", () => {
  it.each([
    ["query", "unclosed brace", () => `query=${q("up{")}`],
    ["query", "unclosed paren", () => `query=${q("sum(rate(up[5m])")}`],
    ["query_range", "end before start", () => `query=up&start=${t}&end=${t - 60}&step=5`],
    ["query_range", "zero step", () => `query=up&start=${t - 60}&end=${t}&step=0`],
  ])("%s, %s -> the upstream's 400 bad_data and message", async (path, _name, query) => {
    const want = await direct(urls.global, path, query());
    const got = await callProxy("global", path, { query: query() });
    expect(want.status).toBe(400);
    expect(got.status).toBe(400);
    expect(got.body).toEqual(want.body);
    expect(got.body).toMatchObject({ status: "error", errorType: "bad_data" });
  });

  it("a 7-day range at a 1 s step: Prometheus refuses it directly, the proxy clamps the step and answers", async () => {
    const query = `query=up&start=${t - 7 * 86_400}&end=${t}&step=1`;
    const want = await direct(urls.global, "query_range", query);
    expect(want.status).toBe(400);
    expect(String(want.body.error)).toContain("exceeded maximum resolution of 11,000 points");
    const got = await callProxy("global", "query_range", { query });
    expect(got.status).toBe(200);
    expect(got.body?.status).toBe("success");
    expect(Number(got.headers.get("x-orrery-step-clamped")?.split("->")[1])).toBeGreaterThanOrEqual((7 * 86_400) / 11_000);
  });

  it("a stopped upstream gives 502 naming the datasource; it recovers when the server returns", async () => {
    expect((await callProxy("scratch", "query", { query: "query=1" })).status).toBe(200);
    await scratch.stop();
    const down = await callProxy("scratch", "query", { query: "query=1" });
    expect(down.status).toBe(502);
    expect(down.body).toEqual({ status: "error", errorType: "unavailable", error: 'datasource "scratch" is unreachable: connection refused (ECONNREFUSED)' });
    await scratch.start();
    expect((await callProxy("scratch", "query", { query: "query=1" })).status).toBe(200);
  });
});
