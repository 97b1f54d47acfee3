import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/queries/route";
import * as proxyRoute from "@/app/api/ds/[ds]/api/v1/[...path]/route";
import { resetConfig } from "@/lib/config";
import { PartReader, type Part } from "@/lib/promql/batch/framing";
import { BATCH_MEDIA_TYPE, type BatchQuery } from "@/lib/promql/batch/schema";
import { resetQueryLayer } from "@/lib/promql/query-layer";
import { EXPLORE_HEADER } from "@/lib/promql/api";
import { pollUntil } from "@/scripts/stack";
import { testBearer } from "@/test/auth/test-principal";
import { startFaultProxy, type FaultLogEntry, type FaultProxy } from "@/test/reliability/fault-proxy";
import { APP_ORIGIN, useApp, within, type AppEnv } from "@/test/reliability/harness";
import { stackUrls } from "@/test/stack";

// POST /api/queries through its real route handler, against the real Prometheus stack: each query's
// part is what its single request answers (byte for byte), a failing query fails only its own part,
// parts stream in completion order, the client leaving releases upstream work, and the rate limit
// counts every query. A fault proxy in front of the stack's global server holds answers back on demand.

let app: AppEnv;
let fp: FaultProxy;
let viewer: string;
let t: number;
const datasources = () => [
  { id: "global", type: "prometheus", url: stackUrls().global, default: true, scrapeInterval: "5s" },
  { id: "held", type: "prometheus", url: fp.url, timeout: "60s" },
];

beforeAll(async () => {
  fp = await startFaultProxy({ target: stackUrls().global });
  app = await useApp(datasources(), { auth: { viewersCanExplore: false } });
  viewer = await testBearer("viewer");
  // A fixed evaluation time far enough back that no sample for it is still arriving (federation: 5 s).
  await pollUntil("federated samples at the evaluation time", async () => {
    t = Math.floor((Date.now() / 1000 - 12) / 10) * 10;
    const r = await single(app.bearer, query("a", "query", { query: "count by (cluster) (up)", time: String(t) }));
    return r.text.includes('"east"') && r.text.includes('"west"') ? true : undefined;
  }, { timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await fp?.setFault({ kind: "none" });
  await app?.cleanup();
  await fp?.close();
});

function query(id: string, endpoint: BatchQuery["endpoint"], params: Record<string, string>, extra: Partial<BatchQuery> = {}): BatchQuery {
  return { id, datasource: "global", endpoint, params, ...extra };
}

const range = (expr: string, extra: Record<string, string> = {}) => ({ query: expr, start: String(t - 600), end: String(t), step: "10", ...extra });

/** The query's single request through the proxy route, as the browser sends it today. */
async function single(bearer: string, q: BatchQuery) {
  const headers: Record<string, string> = { authorization: bearer, "content-type": "application/x-www-form-urlencoded" };
  if (q.explore) headers[EXPLORE_HEADER] = "1";
  const url = `${APP_ORIGIN}/api/ds/${encodeURIComponent(q.datasource)}/api/v1/${q.endpoint}`;
  const res = await proxyRoute.POST(new Request(url, { method: "POST", headers, body: new URLSearchParams(q.params) }), {
    params: Promise.resolve({ ds: q.datasource, path: [q.endpoint] }),
  } as never);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, contentType: res.headers.get("content-type"), bytes, text: new TextDecoder().decode(bytes) };
}

interface Batch {
  status: number;
  /** Parts in arrival order. */
  parts: Part[];
  /** Resolves when `n` parts have arrived. */
  partsReached(n: number): Promise<Part[]>;
  ended: Promise<void>;
  isEnded(): boolean;
  abort(): void;
}

async function batch(bearer: string, queries: BatchQuery[]): Promise<Batch> {
  const controller = new AbortController();
  const res = await batchRoute.POST(
    new Request(`${APP_ORIGIN}/api/queries`, { method: "POST", headers: { authorization: bearer, "content-type": "application/json" }, body: JSON.stringify({ queries }), signal: controller.signal }),
    {} as never,
  );
  const parts: Part[] = [];
  const waiters: Array<{ n: number; resolve: (p: Part[]) => void }> = [];
  let ended = false;
  const done = (async () => {
    if (!(res.headers.get("content-type") ?? "").startsWith(BATCH_MEDIA_TYPE)) return;
    const reader = new PartReader();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      parts.push(...reader.push(chunk));
      for (const w of waiters) if (parts.length >= w.n) w.resolve(parts.slice());
    }
    reader.end();
  })().finally(() => (ended = true));
  return {
    status: res.status,
    parts,
    partsReached: (n) => (parts.length >= n ? Promise.resolve(parts.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    ended: done,
    isEnded: () => ended,
    abort: () => controller.abort(),
  };
}

const byId = (parts: Part[]) => new Map(parts.map((p) => [p.header.id, p]));

describe("POST /api/queries", () => {
  it("answers each query with exactly its single request's status, content type and bytes", async () => {
    const queries = [
      query("binary", "query_range", range("rate(prometheus_http_requests_total[30s])", { format: "frames-bin" })),
      query("json-frames", "query_range", range("sum by (cluster) (up)", { format: "frames" })),
      query("m4", "query_range", range("demo_sine", { format: "frames-bin", width: "128" })),
      query("envelope", "query_range", range("count(up)")),
      query("instant", "query", { query: "sum by (cluster) (up)", time: String(t) }),
      query("scalar", "query", { query: "scalar(count(up))", time: String(t) }),
    ];
    const b = await batch(app.bearer, queries);
    expect(b.status).toBe(200);
    await within(60_000, "the batch", b.ended);
    expect(b.parts.map((p) => p.header.id).sort()).toEqual(queries.map((q) => q.id).sort());
    const got = byId(b.parts);
    for (const q of queries) {
      const want = await single(app.bearer, q);
      const part = got.get(q.id)!;
      expect(want.status, q.id).toBe(200);
      expect(part.header.status, q.id).toBe(want.status);
      expect(part.header.headers["content-type"], q.id).toBe(want.contentType);
      expect(Buffer.from(part.body).equals(Buffer.from(want.bytes)), `${q.id}: part bytes equal the single answer's`).toBe(true);
    }
    // Not all answers alike: the test would pass vacuously otherwise.
    expect(new Set(b.parts.map((p) => Buffer.from(p.body).toString("base64"))).size).toBe(queries.length);
  });

  it("a failing query (PromQL error, unknown datasource, forbidden Explore query) answers only its own part", async () => {
    const queries = [
      query("ok", "query", { query: "count(up)", time: String(t) }),
      query("parse", "query_range", range("sum(", { format: "frames-bin" })),
      query("unknown-ds", "query", { query: "up", time: String(t) }, { datasource: "nope" }),
      query("explore", "query", { query: "count(up) + 1", time: String(t) }, { explore: true }),
      query("fine-too", "query_range", range("up", { format: "frames-bin" })),
    ];
    const b = await batch(viewer, queries);
    await within(60_000, "the batch", b.ended);
    const got = byId(b.parts);
    expect(Object.fromEntries(queries.map((q) => [q.id, got.get(q.id)?.header.status]))).toEqual({ ok: 200, parse: 400, "unknown-ds": 404, explore: 403, "fine-too": 200 });
    for (const q of queries) {
      const want = await single(viewer, q);
      expect(got.get(q.id)!.header.status, q.id).toBe(want.status);
      expect(new TextDecoder().decode(got.get(q.id)!.body), q.id).toBe(want.text);
    }
    expect(JSON.parse(new TextDecoder().decode(got.get("explore")!.body))).toMatchObject({ status: "error", errorType: "forbidden", error: expect.stringMatching(/query:explore/) });
  });

  it("streams: a fast query's part arrives while a held one is pending; the client leaving closes the held upstream request", async () => {
    await fp.setFault({ kind: "hang" });
    const expr = "count(up) + 7001";
    const b = await batch(app.bearer, [query("held", "query", { query: expr, time: String(t) }, { datasource: "held" }), query("fast", "query", { query: "count(up)", time: String(t) })]);
    const [first] = await within(30_000, "the fast part", b.partsReached(1));
    expect(first!.header.id).toBe("fast");
    expect(first!.header.status).toBe(200);
    const entry = await pollUntil<FaultLogEntry>("the held query upstream", async () => fp.log.find((e) => new URLSearchParams(e.body || e.url.split("?")[1]).get("query") === expr), { timeoutMs: 20_000 });
    expect(b.isEnded()).toBe(false);
    expect(entry.closedAt).toBeUndefined();
    const leftAt = performance.now();
    b.abort();
    const closedAt = await pollUntil("the held upstream request closes", async () => entry.closedAt, { timeoutMs: 20_000 });
    expect(closedAt).toBeGreaterThanOrEqual(leftAt);
    expect(entry.answered).toBe(false);
    await within(20_000, "the batch stream ends", b.ended.catch(() => undefined));
    // The held query's own answer is the single request's for a client that left (499), never data.
    expect(b.parts.map((p) => [p.header.id, p.header.status])).toEqual([
      ["fast", 200],
      ["held", 499],
    ]);
  });

  it("a slow part comes after the fast ones, and the stream ends once every part is written", async () => {
    await fp.setFault({ kind: "slow", latencyMs: 1500 });
    const b = await batch(app.bearer, [
      query("slow", "query", { query: "count(up) + 7002", time: String(t) }, { datasource: "held" }),
      query("fast1", "query", { query: "count(up) + 1", time: String(t) }),
      query("fast2", "query", { query: "count(up) + 2", time: String(t) }),
    ]);
    await within(60_000, "the batch", b.ended);
    expect(b.parts.map((p) => p.header.id).at(-1)).toBe("slow");
    expect(b.parts.map((p) => p.header.status)).toEqual([200, 200, 200]);
    await fp.setFault({ kind: "none" });
  });

  it("refuses a bad batch as a whole with 400 naming the field, and an unauthenticated one with 401", async () => {
    const bad = await batchRoute.POST(
      new Request(`${APP_ORIGIN}/api/queries`, { method: "POST", headers: { authorization: app.bearer, "content-type": "application/json" }, body: JSON.stringify({ queries: [query("a", "query", {}), query("a", "query", {})] }) }),
      {} as never,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("queries: query ids must be unique") } });
    const anon = await batchRoute.POST(new Request(`${APP_ORIGIN}/api/queries`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ queries: [query("a", "query", {})] }) }), {} as never);
    expect(anon.status).toBe(401);
  });
});

describe("POST /api/queries under the per-user rate limit", () => {
  beforeAll(() => {
    writeFileSync(app.configFile, JSON.stringify({ datasources: datasources(), auth: { viewersCanExplore: false }, query: { rateLimit: { requests: 3, window: "1h" } } }));
    resetConfig();
    resetQueryLayer();
  });

  it("counts every query of a batch: the ones over the limit answer their own 429, and the next single request is refused too", async () => {
    const bearer = await testBearer("viewer");
    const queries = Array.from({ length: 5 }, (_, i) => query(`q${i}`, "query", { query: `count(up) + ${i}`, time: String(t) }));
    const b = await batch(bearer, queries);
    await within(60_000, "the batch", b.ended);
    const statuses = b.parts.map((p) => p.header.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = b.parts.find((p) => p.header.status === 429)!;
    expect(limited.header.headers["retry-after"]).toMatch(/^\d+$/);
    expect(JSON.parse(new TextDecoder().decode(limited.body))).toMatchObject({ status: "error", errorType: "too_many_requests" });
    expect((await single(bearer, queries[0]!)).status).toBe(429);
  });
});

describe("the client's transparent batching (lib/promql/batch/client.ts)", () => {
  // The browser's fetch, served by the real route handlers (same-origin paths, the test token as credentials).
  const realFetch = globalThis.fetch;
  const sent: string[] = [];
  beforeAll(() => {
    writeFileSync(app.configFile, JSON.stringify({ datasources: datasources() }));
    resetConfig();
    resetQueryLayer();
    globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = String(input);
      sent.push(path);
      const headers = new Headers(init.headers);
      headers.set("authorization", app.bearer);
      const req = new Request(`${APP_ORIGIN}${path}`, { ...init, headers });
      if (path === "/api/queries") return batchRoute.POST(req, {} as never);
      const m = /^\/api\/ds\/([^/]+)\/api\/v1\/(.+)$/.exec(path)!;
      return proxyRoute.POST(req, { params: Promise.resolve({ ds: decodeURIComponent(m[1]!), path: m[2]!.split("/") }) } as never);
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  const rangeParams = (expr: string, datasource = "global") => ({ datasource, expr, startS: t - 600, endS: t, stepS: 10 });
  const withoutTiming = <T extends { timing?: unknown }>({ timing: _timing, ...rest }: T) => rest;

  it("sends the calls of one tick as one POST /api/queries, each caller getting what its single request gives", async () => {
    const { fetchRangeFrames } = await import("@/lib/promql/frames/client");
    const { fetchInstantQuery } = await import("@/lib/promql/api");
    const calls = [
      () => fetchRangeFrames(rangeParams("sum by (cluster) (up)"), 256),
      () => fetchRangeFrames(rangeParams("demo_sine"), undefined, undefined, "json"),
      () => fetchInstantQuery({ datasource: "global", expr: "count(up)", timeS: t }),
      () => fetchRangeFrames(rangeParams("sum("), 256).catch((e: Error) => ({ error: `${e.name}: ${e.message}` })),
    ];
    sent.length = 0;
    const batched = await Promise.all(calls.map((call) => call()));
    // JSON frames (the debugging switch) go alone, at once; the other three in one batch.
    expect(sent).toEqual(["/api/ds/global/api/v1/query_range", "/api/queries"]);
    // One at a time: each goes alone, as its single request.
    sent.length = 0;
    const alone: unknown[] = [];
    for (const call of calls) alone.push(await call());
    expect(sent).toEqual(["/api/ds/global/api/v1/query_range", "/api/ds/global/api/v1/query_range", "/api/ds/global/api/v1/query", "/api/ds/global/api/v1/query_range"]);
    const norm = (xs: unknown[]) => xs.map((x) => (x && typeof x === "object" && "timing" in x ? withoutTiming(x as { timing: unknown }) : x));
    expect(norm(batched)).toEqual(norm(alone));
    expect((batched[3] as { error: string }).error).toMatch(/^PromQLError: .*parse error/);
  });

  it("aborting one caller rejects it at once with its AbortError while the others get their answers; when all leave, the batch is aborted and the held upstream request closes", async () => {
    const { fetchInstantQuery } = await import("@/lib/promql/api");
    await fp.setFault({ kind: "hang" });
    const held = "count(up) + 7101";
    const a = new AbortController();
    const b = new AbortController();
    sent.length = 0;
    const pa = fetchInstantQuery({ datasource: "held", expr: held, timeS: t }, a.signal).catch((e: unknown) => e);
    const pb = fetchInstantQuery({ datasource: "global", expr: "count(up) + 3", timeS: t }, b.signal);
    const pc = fetchInstantQuery({ datasource: "held", expr: held, timeS: t }, b.signal).catch((e: unknown) => e);
    expect((await within(30_000, "the free query's answer", pb)).data.resultType).toBe("vector");
    expect(sent).toEqual(["/api/queries"]);
    const entry = await pollUntil<FaultLogEntry>("the held query upstream", async () => fp.log.find((e) => new URLSearchParams(e.body || e.url.split("?")[1]).get("query") === held), { timeoutMs: 20_000 });
    a.abort();
    const errA = await within(5_000, "a's rejection", pa);
    expect(errA).toBeInstanceOf(DOMException);
    expect((errA as DOMException).name).toBe("AbortError");
    // c still waits (same query as a: one upstream request for both), so the upstream stays open.
    expect(entry.closedAt).toBeUndefined();
    const leftAt = performance.now();
    b.abort();
    expect(((await within(5_000, "c's rejection", pc)) as DOMException).name).toBe("AbortError");
    const closedAt = await pollUntil("the held upstream request closes", async () => entry.closedAt, { timeoutMs: 20_000 });
    expect(closedAt).toBeGreaterThanOrEqual(leftAt);
    await fp.setFault({ kind: "none" });
  });
});
