import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callProxy } from "../proxy-helpers";
import { type RecordedRequest, type Reply, startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { useQueryConfig } from "./helpers";

// A fake upstream that evaluates "one series per dedup value": every grid point of the asked
// range gets the value `<dedup>:<t>`, so a wrong cache hit shows in the values.
const rangeReply =
  (opts: { delayMs?: number; warnings?: string[]; cacheControl?: string; series?: number } = {}): Reply =>
  (req: RecordedRequest, res) => {
    const u = new URL(req.url, "http://x");
    const p = req.method === "POST" ? new URLSearchParams(req.body) : u.searchParams;
    const start = Number(p.get("start"));
    const end = Number(p.get("end"));
    const step = Number(p.get("step"));
    const dedup = p.get("dedup") ?? "none";
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, `${dedup}:${t}`]);
    const result = Array.from({ length: opts.series ?? 1 }, (_, i) => ({ metric: { __name__: "m", i: String(i) }, values }));
    const body = JSON.stringify({ status: "success", data: { resultType: "matrix", result }, ...(opts.warnings ? { warnings: opts.warnings } : {}) });
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json", ...(opts.cacheControl ? { "cache-control": opts.cacheControl } : {}) });
      res.end(body);
    }, opts.delayMs ?? 0);
  };

const rangeOf = (r: RecordedRequest) => {
  const p = new URL(r.url, "http://x").searchParams;
  return { start: Number(p.get("start")), end: Number(p.get("end")), step: Number(p.get("step")), dedup: p.get("dedup") };
};

let up: RecordingUpstream;
// Fixed past times, far from "now", so the freshness cut never applies unless a test wants it.
const T = 1_700_000_000 - (1_700_000_000 % 3600);

beforeAll(async () => {
  up = await startRecordingUpstream(rangeReply());
});
afterAll(() => up.close());
beforeEach(() => {
  up.requests.length = 0;
  up.setReply(rangeReply());
  useQueryConfig([
    { id: "prom", type: "prometheus", url: up.url },
    { id: "thanos", type: "thanos", url: up.url, thanos: { dedup: true } },
  ]);
});

const q = (start: number, end: number, step = 60, extra = "") => `query=up&start=${start}&end=${end}&step=${step}${extra}`;

describe("coalescing", () => {
  it("50 concurrent identical query_range requests cause one upstream request", async () => {
    up.setReply(rangeReply({ delayMs: 100 }));
    const answers = await Promise.all(Array.from({ length: 50 }, () => callProxy("prom", "query_range", { query: q(T, T + 3600) })));
    expect(up.requests.length).toBe(1);
    const first = answers[0]!.text;
    for (const a of answers) expect(a).toMatchObject({ status: 200, text: first });
  });

  it("50 concurrent identical instant queries cause one upstream request", async () => {
    up.setReply((_r, res) => setTimeout(() => res.end('{"status":"success","data":{"resultType":"vector","result":[]}}'), 100));
    const answers = await Promise.all(Array.from({ length: 50 }, () => callProxy("prom", "query", { query: `query=up&time=${T}` })));
    expect(up.requests.length).toBe(1);
    for (const a of answers) expect(a.status).toBe(200);
  });

  it("identical reads other than queries (label values, series) in flight share one upstream request; another label's values do not", async () => {
    up.setReply((r, res) => {
      const label = /label\/([^/]+)\/values/.exec(r.url)?.[1] ?? "series";
      setTimeout(() => res.end(JSON.stringify({ status: "success", data: [`${label}-1`, `${label}-2`] })), 100);
    });
    const range = `start=${T}&end=${T + 3600}`;
    const [jobs, instances, series] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => callProxy("prom", "label/job/values", { query: range }))),
      Promise.all(Array.from({ length: 5 }, () => callProxy("prom", "label/instance/values", { query: range }))),
      Promise.all(Array.from({ length: 5 }, () => callProxy("prom", "series", { query: `match[]=up&${range}` }))),
    ]);
    expect(up.requests.map((r) => new URL(r.url, "http://x").pathname).sort()).toEqual(["/api/v1/label/instance/values", "/api/v1/label/job/values", "/api/v1/series"]);
    for (const a of jobs) expect(a.body).toEqual({ status: "success", data: ["job-1", "job-2"] });
    for (const a of instances) expect(a.body).toEqual({ status: "success", data: ["instance-1", "instance-2"] });
    for (const a of series) expect(a.status).toBe(200);
    // Over: the next identical request asks again (nothing is kept after the answer).
    await callProxy("prom", "label/job/values", { query: range });
    expect(up.requests).toHaveLength(4);
  });

  it("a client leaving a shared read does not fail the others", async () => {
    up.setReply((_r, res) => setTimeout(() => res.end('{"status":"success","data":["a"]}'), 150));
    const leaving = new AbortController();
    const left = callProxy("prom", "label/job/values", { query: "start=1", signal: leaving.signal });
    const stays = callProxy("prom", "label/job/values", { query: "start=1" });
    setTimeout(() => leaving.abort(), 30);
    expect((await left).status).toBe(499);
    expect(await stays).toMatchObject({ status: 200, body: { status: "success", data: ["a"] } });
    expect(up.requests).toHaveLength(1);
  });

  it("different queries in flight are not coalesced", async () => {
    up.setReply((_r, res) => setTimeout(() => res.end('{"status":"success","data":{"resultType":"vector","result":[]}}'), 50));
    await Promise.all([callProxy("prom", "query", { query: "query=a" }), callProxy("prom", "query", { query: "query=b" })]);
    expect(up.requests.length).toBe(2);
  });
});

describe("alignment and the extents cache", () => {
  it("aligns start and end down to multiples of the step", async () => {
    await callProxy("prom", "query_range", { query: q(T + 17, T + 3600 + 59) });
    expect(rangeOf(up.requests[0]!)).toMatchObject({ start: T, end: T + 3600 });
  });

  it("serves a repeated range from the cache and fetches only the missing sub-range of a shifted one", async () => {
    const a = await callProxy("prom", "query_range", { query: q(T, T + 3600) });
    expect(a.headers.get("x-orrery-cache")).toBe("miss");
    const b = await callProxy("prom", "query_range", { query: q(T, T + 3600) });
    expect(b.headers.get("x-orrery-cache")).toBe("hit");
    expect(b.body).toEqual(a.body);
    expect(up.requests.length).toBe(1);
    const c = await callProxy("prom", "query_range", { query: q(T + 600, T + 4200) });
    expect(c.headers.get("x-orrery-cache")).toBe("partial");
    expect(up.requests.length).toBe(2);
    expect(rangeOf(up.requests[1]!)).toMatchObject({ start: T + 3660, end: T + 4200 });
    // the merged answer is what the upstream gives for the whole range
    const values = (c.body as { data: { result: { values: [number, string][] }[] } }).data.result[0]!.values;
    expect(values.map(([t]) => t)).toEqual(Array.from({ length: 61 }, (_, i) => T + 600 + i * 60));
    expect(values.every(([t, v]) => v === `none:${t}`)).toBe(true);
  });

  it("a repeated full hit reuses its answer, and frames per width: each equals what a cold request encodes", async () => {
    const frames = (width: number) => callProxy("prom", "query_range", { query: `${q(T, T + 7200)}&format=frames&width=${width}` });
    const cold10 = await frames(10);
    expect(cold10.headers.get("x-orrery-cache")).toBe("miss");
    const hit10 = await frames(10);
    const hit10again = await frames(10);
    const hit1000 = await frames(1000);
    expect(hit10.headers.get("x-orrery-cache")).toBe("hit");
    expect(hit10.text).toBe(cold10.text);
    expect(hit10again.text).toBe(cold10.text);
    expect(hit1000.text).not.toBe(hit10.text);
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }]);
    expect((await frames(1000)).text).toBe(hit1000.text);
    // a Prometheus client of the same cached range gets the same data as JSON
    const plain = await callProxy("prom", "query_range", { query: q(T, T + 7200) });
    expect(plain.headers.get("x-orrery-cache")).toBe("hit");
    expect((plain.body as { data: { result: unknown[] } }).data.result).toHaveLength(1);
  });

  it("a full hit after the entry grew answers from the grown entry", async () => {
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    const first = await callProxy("prom", "query_range", { query: q(T, T + 600) });
    await callProxy("prom", "query_range", { query: q(T + 660, T + 1200) }); // extends the same extent
    const again = await callProxy("prom", "query_range", { query: q(T, T + 600) });
    const wide = await callProxy("prom", "query_range", { query: q(T, T + 1200) });
    expect([first, again, wide].map((r) => r.headers.get("x-orrery-cache"))).toEqual(["hit", "hit", "hit"]);
    expect(again.body).toEqual(first.body);
    const values = (wide.body as { data: { result: { values: [number, string][] }[] } }).data.result[0]!.values;
    expect(values.map(([t]) => t)).toEqual(Array.from({ length: 21 }, (_, i) => T + i * 60));
    expect(up.requests.length).toBe(2);
  });

  it("fills a gap between two cached extents with one request for the gap only", async () => {
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    await callProxy("prom", "query_range", { query: q(T + 1800, T + 2400) });
    await callProxy("prom", "query_range", { query: q(T, T + 2400) });
    expect(up.requests.map(rangeOf).map((r) => [r.start, r.end])).toEqual([
      [T, T + 600],
      [T + 1800, T + 2400],
      [T + 660, T + 1740],
    ]);
  });

  it("never caches the newest minute (coalescing window off)", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { coalesceWindow: "0s" });
    const now = Math.floor(Date.now() / 1000 / 60) * 60;
    await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    expect(up.requests.length).toBe(2);
    const second = rangeOf(up.requests[1]!);
    expect(second.end).toBe(now);
    expect(second.start).toBeGreaterThanOrEqual(now - 120);
  });

  it("splits a long range by day and fetches each day once", async () => {
    const day = 86_400;
    const start = Math.floor(T / day) * day - 3600;
    await callProxy("prom", "query_range", { query: q(start, start + 2 * day, 300) });
    const ranges = up.requests.map(rangeOf).sort((x, y) => x.start - y.start);
    expect(ranges.length).toBe(3);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end + 300);
    expect(ranges[0]!.start).toBe(start);
    expect(ranges.at(-1)!.end).toBe(start + 2 * day);
  });
});

describe("coalescing window", () => {
  it("shares a clean answer of the newest part with identical requests arriving within query.coalesceWindow", async () => {
    const now = Math.floor(Date.now() / 1000 / 60) * 60;
    const first = await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    // The older part is in the cache now; the uncached newest part comes from the first answer's tail.
    const again = await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    expect(up.requests.length).toBe(1);
    expect(again.status).toBe(200);
    expect(again.headers.get("x-orrery-cache")).toBe("hit");
    expect(again.body).toEqual(first.body);
  });

  it("staggered viewers of the same dashboard within the window cause one upstream request per distinct query", async () => {
    up.setReply(rangeReply({ delayMs: 20 }));
    const now = Math.floor(Date.now() / 1000 / 60) * 60;
    const queries = ["a", "b", "c", "d", "e"];
    const viewers = 8;
    const refresh = () => Promise.all(queries.map((name) => callProxy("prom", "query_range", { query: `query=${name}&start=${now - 3600}&end=${now}&step=60` })));
    // The first viewer's answers are stored (all but the newest minute); the others arrive after it,
    // staggered by 15 ms, so their missing range is only the uncached tail (and some overlap in flight).
    const first = await refresh();
    const later = await Promise.all(
      Array.from({ length: viewers - 1 }, async (_, v) => {
        await new Promise((r) => setTimeout(r, v * 15));
        return refresh();
      }),
    );
    const answers = [first, ...later];
    const upstreamQueries = up.requests.map((r) => new URL(r.url, "http://x").searchParams.get("query"));
    expect(upstreamQueries.sort()).toEqual(queries);
    for (const viewer of answers) {
      viewer.forEach((a, i) => {
        expect(a.status).toBe(200);
        expect(a.body).toEqual(answers[0]![i]!.body);
      });
    }
  });

  it("never reuses a tail answer after the window: the next request fetches the newest part again", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { coalesceWindow: "300ms" });
    const now = Math.floor(Date.now() / 1000 / 60) * 60;
    await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    expect(up.requests.length).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    const late = await callProxy("prom", "query_range", { query: q(now - 3600, now) });
    expect(up.requests.length).toBe(2);
    const tail = rangeOf(up.requests[1]!);
    expect(tail.end).toBe(now);
    expect(tail.start).toBeGreaterThanOrEqual(now - 120);
    expect(late.headers.get("x-orrery-cache")).toBe("partial");
  });

  it("never shares dedup=false or warning answers within the window", async () => {
    await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=false") });
    await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=false") });
    expect(up.requests.length).toBe(2);
  });
});

describe("what is never cached", () => {
  it("never serves a dedup=false answer for dedup=true, nor the reverse", async () => {
    const t = await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=true") });
    const f = await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=false") });
    const f2 = await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=false") });
    const t2 = await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&dedup=true") });
    const d = await callProxy("thanos", "query_range", { query: q(T, T + 600, 60) }); // datasource default dedup=true
    const first = (r: typeof t) => (r.body as { data: { result: { values: [number, string][] }[] } }).data.result[0]!.values[0]![1];
    expect([first(t), first(f), first(f2), first(t2), first(d)]).toEqual([`true:${T}`, `false:${T}`, `false:${T}`, `true:${T}`, `true:${T}`]);
    // dedup=true is cached (t2 and d hit); dedup=false goes upstream every time
    expect(up.requests.map((r) => rangeOf(r).dedup)).toEqual(["true", "false", "false"]);
    expect(f2.headers.get("x-orrery-cache")).toBe("bypass");
  });

  it("never caches storeMatch[], warnings or Cache-Control: no-store", async () => {
    await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&storeMatch[]=x") });
    await callProxy("thanos", "query_range", { query: q(T, T + 600, 60, "&storeMatch[]=x") });
    expect(up.requests.length).toBe(2);
    up.setReply(rangeReply({ warnings: ["partial response: store down"] }));
    const w = await callProxy("prom", "query_range", { query: q(T, T + 600) });
    expect(w.body).toMatchObject({ warnings: ["partial response: store down"] });
    up.setReply(rangeReply({ cacheControl: "no-store" }));
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    up.setReply(rangeReply());
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    expect(up.requests.length).toBe(5); // the last one was cached after a clean answer
  });

  it("never stores or replays upstream headers", async () => {
    up.setReply((req, res) => {
      res.setHeader("set-cookie", "upstream=secret");
      rangeReply()(req, res);
    });
    await callProxy("prom", "query_range", { query: q(T, T + 600) });
    const hit = await callProxy("prom", "query_range", { query: q(T, T + 600) });
    expect(hit.headers.get("x-orrery-cache")).toBe("hit");
    expect(hit.headers.get("set-cookie")).toBeNull();
  });
});

describe("limits", () => {
  it("answers 400 naming the limit for a range over query.maxRange, before any upstream request", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { maxRange: "1d" });
    const r = await callProxy("prom", "query_range", { query: q(T, T + 2 * 86_400, 300) });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: "error", errorType: "bad_data" });
    expect(String(r.body!.error)).toContain("query.maxRange");
    expect(up.requests.length).toBe(0);
  });

  it("answers 422 naming the limit when a query returns more than query.maxSeries", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { maxSeries: 3 });
    up.setReply(rangeReply({ series: 4 }));
    const r = await callProxy("prom", "query_range", { query: q(T, T + 600) });
    expect(r.status).toBe(422);
    expect(String(r.body!.error)).toContain("query.maxSeries");
    up.setReply(rangeReply({ series: 3 }));
    expect((await callProxy("prom", "query_range", { query: q(T + 3600, T + 4200) })).status).toBe(200);
  });

  it("keeps at most query.maxConcurrentPerDatasource upstream requests in flight", async () => {
    useQueryConfig([{ id: "prom", type: "prometheus", url: up.url }], { maxConcurrentPerDatasource: 2 });
    let active = 0;
    let peak = 0;
    up.setReply((req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
      }, 30);
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => callProxy("prom", "query", { query: `query=q${i}` })));
    expect(up.requests.length).toBe(8);
    expect(peak).toBe(2);
  });

  it("rejects an invalid query section at start-up with the field's path", async () => {
    const { loadConfig } = await import("@/lib/config");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/orrery-perf-`);
    writeFileSync(`${dir}/c.json`, JSON.stringify({ datasources: [], query: { cache: { maxFreshness: "soon" } } }));
    expect(() => loadConfig({ ORRERY_CONFIG: `${dir}/c.json` }, dir)).toThrow(/query\.cache\.maxFreshness/);
  });
});
