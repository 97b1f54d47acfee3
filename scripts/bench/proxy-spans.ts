// The proxy's own work per request, stage by stage, in one process (no Next, no network noise beyond
// loopback): `npx tsx --conditions=react-server scripts/bench/proxy-spans.ts`. Complements
// profile-proxy.ts (a V8 profile of the real server, where start-up and Next's own code dominate).
// The upstream is a loopback server answering a captured ~2 KB Prometheus matrix, gzip-encoded.
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import { fmt, median } from "./stats";

process.env.ORRERY_LOG_LEVEL ??= "silent";
const N = Number(process.env.SPANS_N ?? 3000);
const SECRET = "bench-secret-bench-secret-bench-secret-0123";

function matrixBody(points: number): string {
  const t0 = 1_700_000_000;
  const values = Array.from({ length: points }, (_, i) => [t0 + 60 * i, String(1 + (i % 7) / 10)]);
  return JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "m", job: "x", instance: "h:9090" }, values }] } });
}

async function time(name: string, fn: () => Promise<unknown> | unknown, n = N): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const m = median(samples);
  console.log(`${name.padEnd(58)} ${fmt(m * 1000, 1).padStart(8)} µs`);
  return m;
}

async function main() {
  const body = matrixBody(91);
  const gz = gzipSync(body);
  const upstream = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": gz.length });
    res.end(gz);
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  const port = (upstream.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), "orrery-spans-"));
  const cfg = (query: Record<string, unknown>) => {
    const file = join(dir, `c-${Math.random()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        datasources: [{ id: "prom", type: "prometheus", url: `http://127.0.0.1:${port}` }],
        auth: { secret: SECRET, anonymous: { enabled: true, role: "viewer" }, users: [{ username: "bench", passwordHash: `scrypt$32768$8$1$${"A".repeat(22)}$${"A".repeat(43)}`, role: "viewer" }] },
        query,
      }),
    );
    return file;
  };
  process.env.ORRERY_DATA_DIR = join(dir, "data");
  process.env.ORRERY_CONFIG = cfg({ alignRangeWithStep: false, coalesce: false, cache: { enabled: false } });

  const { authorize } = await import("@/lib/auth/session");
  const { decode } = await import("next-auth/jwt");
  const { localUserRole } = await import("@/lib/auth/users");
  const { getAuthContext } = await import("@/lib/auth/context");
  const { observeRequest } = await import("@/lib/ops/request-log");
  const { requestUpstream } = await import("@/lib/promql/proxy/upstream");
  const { fetchUpstream } = await import("@/lib/promql/query-layer/fetch");
  const { handleProxyRequest } = await import("@/lib/promql/proxy/handle");
  const { resetConfig } = await import("@/lib/config");
  const { resetQueryLayer } = await import("@/lib/promql/query-layer");
  const { resolveEndpoint } = await import("@/lib/promql/proxy/endpoints");
  const { GET } = await import("@/app/api/ds/[ds]/api/v1/[...path]/route");

  const token = await encode({ token: { sub: "bench", name: "bench", role: "viewer", provider: "credentials" }, secret: SECRET, maxAge: 3600 });
  const cookie = `next-auth.session-token=${token}`;
  const qs = `query=m&start=1700000000&end=1700005400&step=60`;
  const url = `http://127.0.0.1:3000/api/ds/prom/api/v1/query_range?${qs}`;
  const ctx = { params: Promise.resolve({ ds: "prom", path: ["query_range"] }) } as never;
  const ds = { id: "prom", type: "prometheus", url: `http://127.0.0.1:${port}`, timeoutMs: 30_000, headers: {}, thanos: {} } as never;
  const endpoint = resolveEndpoint(["query_range"], "prometheus")!;
  const params = new URLSearchParams(qs);

  console.log(`${N} iterations each, median per call; answer ${body.length} bytes (${gz.length} gzip)`);
  await time("authorize: anonymous", () => authorize(new Request(url), "query:run"));
  await time("authorize: session cookie (JWT decode + local user lookup)", () => authorize(new Request(url, { headers: { cookie } }), "query:run"));
  await time("  next-auth decode alone (HKDF + JWE decrypt)", () => decode({ token, secret: SECRET }));
  const a = getAuthContext();
  await time("  local user lookup alone (users file read + zod)", () => localUserRole(a.settings.dir, a.settings.users, "bench"));
  await time("observeRequest around a no-op (id, log line, histogram)", () => observeRequest(new Request(url), "/x", async () => new Response("x")));
  await time("requestUpstream: the loopback round trip alone", () => requestUpstream(ds, { method: "GET", path: "query_range", params }));
  await time("fetchUpstream: + gunzip + JSON.parse + envelope check", () => fetchUpstream(ds, endpoint, "GET", params));
  await time("handleProxyRequest, pass-through (body read)", async () => (await handleProxyRequest(new Request(url), "prom", ["query_range"])).arrayBuffer());
  await time("route GET, pass-through, anonymous (body read)", async () => (await GET(new Request(url), ctx)).arrayBuffer());
  await time("route GET, pass-through, session (body read)", async () => (await GET(new Request(url, { headers: { cookie } }), ctx)).arrayBuffer());

  process.env.ORRERY_CONFIG = cfg({});
  resetConfig();
  resetQueryLayer();
  await (await GET(new Request(url), ctx)).arrayBuffer();
  await time("route GET, query layer on, full cache hit, anonymous", async () => (await GET(new Request(url), ctx)).arrayBuffer());
  const frames = `${url}&format=frames&width=1200`;
  await time("route GET, full cache hit, frames width=1200", async () => (await GET(new Request(frames), ctx)).arrayBuffer());

  // A warm refresh of one B2 panel: a 6 h range at step 20 s (one series, 1,081 points) ending now,
  // cached but for the newest minute, which is fetched (as in every B2 refresh after the coalescing
  // window): cache lookup, tail request, store, merge, JSON.stringify, Response.
  const rangeUpstream = http.createServer((req, res) => {
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    const [start, end, step] = ["start", "end", "step"].map((k) => Number(q.get(k)));
    const values: [number, string][] = [];
    for (let t = start!; t <= end!; t += step!) values.push([t, (50 + 40 * Math.sin(t / 3000)).toFixed(3)]);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { __name__: "orrery_prop_gauge", s: "s0" }, values }] } }));
  });
  await new Promise<void>((r) => rangeUpstream.listen(0, "127.0.0.1", r));
  const rangePort = (rangeUpstream.address() as { port: number }).port;
  const warmFile = join(dir, "warm.json");
  writeFileSync(warmFile, JSON.stringify({ datasources: [{ id: "prom", type: "prometheus", url: `http://127.0.0.1:${rangePort}` }], auth: { secret: SECRET, anonymous: { enabled: true, role: "viewer" } }, query: { coalesce: false } }));
  process.env.ORRERY_CONFIG = warmFile;
  resetConfig();
  resetQueryLayer();
  const warmUrl = () => {
    const t = Date.now() / 1000;
    return `http://127.0.0.1:3000/api/ds/prom/api/v1/query_range?${new URLSearchParams({ query: 'orrery_prop_gauge{s="s0"}', start: String(t - 6 * 3600), end: String(t), step: "20" })}`;
  };
  await (await GET(new Request(warmUrl()), ctx)).arrayBuffer();
  await time("route GET, warm refresh: 6 h cached + the newest minute fetched", async () => (await GET(new Request(warmUrl()), ctx)).arrayBuffer(), Math.min(N, 1000));
  rangeUpstream.close();
  upstream.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
