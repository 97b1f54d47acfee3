// B1 (proxy overhead), B2 (viewers) and B3 (sliding refresh) of `npm run bench` (`--only=proxy` runs
// just these). Starts its own Prometheus (backfilled history + a live exporter), a latency-adding
// forwarder and production `next start` servers, and stops them all at the end.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { createService, REPO_ROOT, type Service, startSinglePrometheus } from "../stack";
import { backfill } from "./backfill";
import { startDelayProxy } from "./delay-proxy";
import { type LoadResult, runLoad } from "./load";
import { fmt, median, percentile, table } from "./stats";

export interface ProxyBenchOptions {
  /** Ports: base Prometheus, +1 forwarder, +2 next, +3 exporter. */
  base: number;
  work: string;
  /** Seconds per B1 cell. */
  seconds: number;
  refreshS: number;
  delayMs: number;
  refreshes: number;
  quick: boolean;
  log: (msg: string) => void;
  /** Node flags for `next start` (e.g. --cpu-prof for profiling; Node refuses it in NODE_OPTIONS). */
  nodeArgs?: string[];
}

interface LoadRow {
  size: string;
  bytes: number;
  connections: number;
  direct: LoadResult;
  proxy: LoadResult;
  /** The same proxied request with a signed-in user's session cookie (JWT decode + user lookup). */
  session?: LoadResult;
  cached?: LoadResult;
}

interface B2Row {
  viewers: number;
  mode: "direct" | "orrery";
  phases: "together" | "spread";
  /** Upstream requests in each refresh period (the first is cold). */
  upstreamPerRefresh: number[];
  /** Distinct queries (expression + step-aligned range) the viewers asked for in each period. */
  distinctPerRefresh: number[];
  latencies: number[][];
}

export interface ProxyBenchResult {
  b1: LoadRow[];
  floor: { connections: number; result: LoadResult }[];
  b2: B2Row[];
  b3: { fetched: number; full: number; cache: string }[];
  prometheusVersion: string;
  opts: Omit<ProxyBenchOptions, "log" | "nodeArgs">;
}

const SERIES = Array.from({ length: 20 }, (_, i) => `s${i}`);
const SCRAPE_S = 10;
const SECRET = "bench-secret-bench-secret-bench-secret-0123";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rps = (r: LoadResult) => r.requests / r.seconds;

/** The live half of the history: the same gauge and counter families, scraped every SCRAPE_S. */
async function startExporter(port: number, from: number) {
  const server = http.createServer((_req, res) => {
    const t = Math.floor(Date.now() / 1000);
    const lines = ["# TYPE orrery_prop_gauge gauge"];
    SERIES.forEach((s, i) => lines.push(`orrery_prop_gauge{s="${s}"} ${(50 + 40 * Math.sin(t / 3000 + i)).toFixed(3)}`));
    lines.push("# TYPE orrery_prop_total counter");
    SERIES.forEach((s, i) => lines.push(`orrery_prop_total{s="${s}"} ${Math.floor((t - from) * (i + 1) * 0.7)}`));
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    res.end(`${lines.join("\n")}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return { close: () => new Promise<void>((r) => server.close(() => r())) };
}

function startNext(opts: ProxyBenchOptions, configFile: string): Service {
  const port = opts.base + 2;
  return createService({
    name: `next:${port}`,
    port,
    command: process.execPath,
    args: [...(opts.nodeArgs ?? []), join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ORRERY_CONFIG: configFile,
      ORRERY_DATA_DIR: join(opts.work, "data"),
      NODE_ENV: "production",
      PORT: String(port),
    },
    logFile: join(opts.work, `next-${port}.log`),
    readyUrl: `http://127.0.0.1:${port}/api/datasources`,
    readyTimeoutMs: 60_000,
    owner: opts.work,
  });
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).split("\n")[0]!.trim();
  } catch {
    return "unknown";
  }
}

/** A next-auth session cookie for the configured local user `bench` (what a signed-in browser sends). */
async function sessionCookie(): Promise<string> {
  const token = await encode({ token: { sub: "bench", name: "bench", role: "viewer", provider: "credentials" }, secret: SECRET, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

// A well-formed scrypt hash nobody can sign in with: the bench user exists only for its session cookie.
const UNUSABLE_HASH = `scrypt$32768$8$1$${"A".repeat(22)}$${"A".repeat(43)}`;

/** Distinct (query, aligned start, aligned end, step) in a set of query_range parameter strings. */
function distinctAligned(asked: URLSearchParams[]): number {
  const keys = new Set<string>();
  for (const p of asked) {
    const step = Number(p.get("step"));
    const a = (x: string | null) => Math.floor(Number(x) / step) * step;
    keys.add(`${p.get("query")}|${a(p.get("start"))}|${a(p.get("end"))}|${step}`);
  }
  return keys.size;
}

export async function runProxyBench(opts: ProxyBenchOptions): Promise<ProxyBenchResult> {
  const { base, work, seconds, refreshS, delayMs, refreshes, quick, log } = opts;
  mkdirSync(work, { recursive: true });
  const services: Service[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    const now = Math.floor(Date.now() / 1000);
    const to = Math.floor((now - 60) / 30) * 30;
    const from = to - 50 * 3600;
    log(`backfilling ${SERIES.length} series × 2 families, 50 h at 30 s (promtool)`);
    await backfill(join(work, "prometheus", "data"), join(work, "om"), { from, to, intervalS: 30, series: SERIES });
    const exporter = await startExporter(base + 3, from);
    closers.push(exporter.close);
    const prometheus = await startSinglePrometheus({
      dir: join(work, "prometheus"),
      port: base,
      retention: "30d",
      name: "bench-prometheus",
      owner: work,
      scrapeJobs: [{ job_name: "bench", scrape_interval: `${SCRAPE_S}s`, static_configs: [{ targets: [`127.0.0.1:${base + 3}`] }] }],
    });
    services.push(prometheus);
    const slow = await startDelayProxy(prometheus.url, base + 1, delayMs);
    closers.push(slow.close);
    const nextUrl = `http://127.0.0.1:${base + 2}`;
    const datasources = [
      { id: "prom", type: "prometheus", url: prometheus.url },
      { id: "slow", type: "prometheus", url: slow.url },
    ];
    // Production start-up needs an auth secret. The load generator is anonymous (viewers may run
    // queries), except the session rows, which send a local user's next-auth cookie.
    const auth = {
      secret: SECRET,
      url: nextUrl,
      anonymous: { enabled: true, role: "viewer" },
      users: [{ username: "bench", passwordHash: UNUSABLE_HASH, role: "viewer" }],
    };
    const passConfig = join(work, "pass.json");
    writeFileSync(passConfig, JSON.stringify({ datasources, auth, query: { alignRangeWithStep: false, coalesce: false, cache: { enabled: false } } }));
    const layerConfig = join(work, "layer.json");
    writeFileSync(layerConfig, JSON.stringify({ datasources, auth }));
    const cookie = await sessionCookie();
    const connectionsList = quick ? [1, 10] : [1, 10, 50];

    // ---- B1 ----
    const end = to - 3600;
    const sizes = [
      { size: "~2 KB", query: 'orrery_prop_gauge{s="s0"}', start: end - 90 * 60, step: 60 },
      { size: "~130 KB", query: 'orrery_prop_gauge{s=~"s[0-3]"}', start: end - 24 * 3600, step: 60 },
      { size: "~2.6 MB", query: "orrery_prop_gauge", start: end - 48 * 3600, step: 30 },
    ];
    const qs = (s: (typeof sizes)[number]) => new URLSearchParams({ query: s.query, start: String(s.start), end: String(end), step: String(s.step) }).toString();
    const b1: LoadRow[] = [];
    const floor: { connections: number; result: LoadResult }[] = [];
    let next = startNext(opts, passConfig);
    services.push(next);
    log("next start (query layer in pass-through)");
    await next.start();
    for (const s of sizes) {
      const direct = `${prometheus.url}/api/v1/query_range?${qs(s)}`;
      const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
      const bytes = (await (await fetch(direct)).arrayBuffer()).byteLength;
      await runLoad(proxy, 2, 1); // warm-up: JIT, keep-alive pools
      for (const connections of connectionsList) {
        log(`B1 ${s.size} × ${connections} connections`);
        const d = await runLoad(direct, connections, seconds);
        const p = await runLoad(proxy, connections, seconds);
        const row: LoadRow = { size: s.size, bytes, connections, direct: d, proxy: p };
        if (s.size === "~2 KB") row.session = await runLoad(proxy, connections, seconds, { cookie });
        b1.push(row);
      }
    }
    for (const connections of connectionsList) {
      log(`B1 floor × ${connections}`);
      floor.push({ connections, result: await runLoad(`${nextUrl}/api/datasources`, connections, seconds) });
    }
    await next.stop();
    services.pop();

    next = startNext(opts, layerConfig);
    services.push(next);
    log("next start (query layer on: defaults)");
    await next.start();
    for (const row of b1) {
      const s = sizes.find((x) => x.size === row.size)!;
      const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
      if (row.connections === 1) await runLoad(proxy, 1, 1);
      log(`B1 cached ${row.size} × ${row.connections}`);
      row.cached = await runLoad(proxy, row.connections, seconds);
    }

    // ---- B2 ----
    const b2: B2Row[] = [];
    const dashboard = (tag: string) =>
      Array.from({ length: 20 }, (_, i) =>
        i < 10 ? `orrery_prop_gauge{s="s${i}",s!="${tag}"}` : `rate(orrery_prop_total{s="s${i}",s!="${tag}"}[5m])`,
      );
    // One viewer's refresh: its 20 queries at once, each over the last 6 h at step 20 s as of now.
    const viewerRefresh = async (baseUrl: string, queries: string[], latencies: number[], asked: URLSearchParams[]) => {
      const t = Date.now() / 1000;
      await Promise.all(
        queries.map(async (query) => {
          const p = new URLSearchParams({ query, start: String(t - 6 * 3600), end: String(t), step: "20" });
          asked.push(p);
          const t0 = performance.now();
          const res = await fetch(`${baseUrl}/query_range?${p}`);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`B2: HTTP ${res.status} for ${query}`);
          latencies.push(performance.now() - t0);
        }),
      );
    };
    // Every viewer refreshes at the same instant (a wall of synchronised screens: the worst case).
    const together = async (baseUrl: string, queries: string[], viewers: number, periods: number) => {
      const out = { upstream: [] as number[], distinct: [] as number[], latencies: [] as number[][] };
      for (let i = 0; i < periods; i++) {
        if (i > 0) await sleep(refreshS * 1000);
        const before = slow.counts.total;
        const latencies: number[] = [];
        const asked: URLSearchParams[] = [];
        await Promise.all(Array.from({ length: viewers }, () => viewerRefresh(baseUrl, queries, latencies, asked)));
        out.upstream.push(slow.counts.total - before);
        out.distinct.push(distinctAligned(asked));
        out.latencies.push(latencies);
      }
      return out;
    };
    // Viewers' refresh phases spread uniformly over the period (real screens are not synchronised):
    // viewer v refreshes at v/viewers of each period. Upstream requests are counted per period.
    const spread = async (baseUrl: string, queries: string[], viewers: number, periods: number) => {
      const out = { upstream: [] as number[], distinct: [] as number[], latencies: [] as number[][] };
      const periodMs = refreshS * 1000;
      for (let i = 0; i < periods; i++) {
        const startedAt = performance.now();
        const before = slow.counts.total;
        const latencies: number[] = [];
        const asked: URLSearchParams[] = [];
        const runs = Array.from({ length: viewers }, async (_, v) => {
          await sleep((v / viewers) * periodMs);
          await viewerRefresh(baseUrl, queries, latencies, asked);
        });
        await Promise.all(runs);
        out.upstream.push(slow.counts.total - before);
        out.distinct.push(distinctAligned(asked));
        out.latencies.push(latencies);
        await sleep(Math.max(0, periodMs - (performance.now() - startedAt)));
      }
      return out;
    };
    const viewerCounts = quick ? [1, 10] : [1, 10, 50];
    for (const phases of ["together", "spread"] as const) {
      for (const viewers of viewerCounts) {
        if (phases === "spread" && viewers === 1) continue; // the same as together
        const run = phases === "together" ? together : spread;
        log(`B2 ${viewers} viewers direct (${phases})`);
        const d = await run(`${slow.url}/api/v1`, dashboard(`direct-${phases}-${viewers}`), viewers, 1);
        b2.push({ viewers, mode: "direct", phases, upstreamPerRefresh: d.upstream, distinctPerRefresh: d.distinct, latencies: d.latencies });
        log(`B2 ${viewers} viewers via Orrery (${phases}), ${refreshes} refreshes`);
        const o = await run(`${nextUrl}/api/ds/slow/api/v1`, dashboard(`orrery-${phases}-${viewers}`), viewers, refreshes);
        b2.push({ viewers, mode: "orrery", phases, upstreamPerRefresh: o.upstream, distinctPerRefresh: o.distinct, latencies: o.latencies });
      }
    }

    // ---- B3 ----
    const b3: { fetched: number; full: number; cache: string }[] = [];
    for (let i = 0; i < Math.max(4, refreshes + 1); i++) {
      if (i > 0) await sleep(refreshS * 1000);
      const t = Date.now() / 1000;
      const p = new URLSearchParams({ query: "orrery_prop_gauge", start: String(t - 6 * 3600), end: String(t), step: "20" });
      const res = await fetch(`${nextUrl}/api/ds/prom/api/v1/query_range?${p}`);
      const body = (await res.json()) as { data: { result: { values: unknown[] }[] } };
      const full = body.data.result.reduce((n, s) => n + s.values.length, 0);
      b3.push({ fetched: Number(res.headers.get("x-orrery-fetched-samples") ?? full), full, cache: res.headers.get("x-orrery-cache") ?? "?" });
      log(`B3 refresh ${i + 1}: ${b3.at(-1)!.fetched} of ${full} samples fetched (${b3.at(-1)!.cache})`);
    }
    const { log: _log, nodeArgs: _args, ...rest } = opts;
    return { b1, floor, b2, b3, prometheusVersion: version(process.env.PROMETHEUS_BIN ?? "prometheus", ["--version"]), opts: rest };
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    for (const c of closers.reverse()) await c().catch(() => undefined);
  }
}

/** The B1–B3 sections of BENCHMARKS.md and their rows of the targets table, each with why it is (not) met. */
export function proxyReport(r: ProxyBenchResult): { sections: string; targets: (string | number)[][] } {
  const { seconds, refreshS, delayMs, refreshes } = r.opts;
  const lines: string[] = [];
  lines.push("## B1 proxy overhead", "");
  lines.push(
    `Load generator: scripts/bench/load.ts (closed loop like autocannon, keep-alive, \`accept-encoding: gzip\`), ${seconds} s per cell, in the orchestrating Node process (idle while a cell runs); client, server and Prometheus share the machine's cores. ${r.prometheusVersion}.`,
    "",
  );
  lines.push(
    "`direct` = the same Prometheus query_range; `proxy` = `/api/ds/prom/api/v1/query_range` with the query layer in pass-through (`alignRangeWithStep: false`, no coalescing, no cache), anonymous, i.e. the proxy's own cost; `session` = the same with a signed-in local user's next-auth cookie; `cached` = the default query layer answering repeated identical requests from its extents cache. Latencies in ms; added = proxy − direct.",
    "",
  );
  const rows = r.b1.map((row) => {
    const d50 = median(row.direct.latencies);
    const d99 = percentile(row.direct.latencies, 99);
    const p50 = median(row.proxy.latencies);
    const p99 = percentile(row.proxy.latencies, 99);
    const c = row.cached;
    const s = row.session;
    return [
      row.size,
      `${(row.bytes / 1024).toFixed(1)} KiB`,
      row.connections,
      `${fmt(d50)} / ${fmt(d99)}`,
      `${fmt(p50)} / ${fmt(p99)}`,
      `**${fmt(p50 - d50)}** / **${fmt(p99 - d99)}**`,
      `${fmt(rps(row.direct), 0)} / ${fmt(rps(row.proxy), 0)} (${fmt((100 * rps(row.proxy)) / rps(row.direct), 0)}%)`,
      s ? `${fmt(median(s.latencies))} / ${fmt(percentile(s.latencies, 99))}, ${fmt(rps(s), 0)} req/s` : "n/a",
      c ? `${fmt(median(c.latencies))} / ${fmt(percentile(c.latencies, 99))}, ${fmt(rps(c), 0)} req/s` : "n/a",
      row.direct.errors + row.proxy.errors + (c?.errors ?? 0) + (s?.errors ?? 0),
    ];
  });
  lines.push(
    table(
      ["answer", "body", "conns", "direct p50 / p99", "proxy p50 / p99", "added p50 / p99", "req/s direct / proxy", "session p50 / p99, req/s", "cached p50 / p99, req/s", "errors"],
      rows,
    ),
  );
  lines.push("");
  lines.push("Next's own floor: `GET /api/datasources`, an existing route that returns a constant `Response.json` of the configuration (no route was added for the benchmark).", "");
  lines.push(table(["conns", "p50 ms", "p99 ms", "req/s"], r.floor.map((f) => [f.connections, fmt(median(f.result.latencies)), fmt(percentile(f.result.latencies, 99)), fmt(rps(f.result), 0)])));
  const small = r.b1.filter((x) => x.size === "~2 KB");
  const floorBest = Math.max(...r.floor.map((f) => rps(f.result)));
  const smallBest = Math.max(...small.map((x) => rps(x.proxy)));
  const cachedBest = Math.max(...small.map((x) => (x.cached ? rps(x.cached) : 0)));
  lines.push(
    "",
    `Smallest answer through the proxy: best ${fmt(smallBest, 0)} req/s = ${fmt((100 * smallBest) / floorBest, 0)}% of the floor's best ${fmt(floorBest, 0)} req/s (target ≥ 90%); from the cache: ${fmt(cachedBest, 0)} req/s = ${fmt((100 * cachedBest) / floorBest, 0)}%.`,
    "",
    "Why the pass-through proxy cannot reach the floor: it does everything the floor does plus one upstream HTTP round trip per request (Prometheus's own parse, evaluation and gzip), the gunzip of the upstream body and the envelope check (JSON.parse: a garbage or truncated body must become a 502), and Next compresses the answer again (Next drops `Content-Encoding` from route-handler responses, so the upstream's gzip cannot pass through on `next start`). On this machine the client, Next and Prometheus share the same cores, so the upstream's CPU is taken from the proxy's throughput: the comparable ceiling is the direct row, and a full-cache hit (no upstream, no parse: cached serialised bytes) is the proxy's own floor.",
    "",
  );

  lines.push("## B2 viewers", "");
  lines.push(
    `One dashboard of 20 distinct range queries (6 h, step 20 s) on a datasource behind a forwarder adding ${delayMs} ms per upstream request, ${refreshes} refresh periods of ${refreshS} s. \`together\`: every viewer refreshes at the same instant (a wall of synchronised screens, the worst case); \`spread\`: the viewers' refresh phases are spread uniformly over the period (real screens). \`direct\` = the viewers query the slow upstream themselves (Grafana OSS: no coalescing, no cache), one period. Distinct = the distinct queries (expression + step-aligned range) the viewers asked in the period: the target's "number of distinct queries". Period 1 is cold; later periods are warm.`,
    "",
  );
  const b2rows = r.b2.map((row) => {
    const cold = row.latencies[0]!;
    const warm = row.latencies.slice(1).flat();
    return [
      row.viewers,
      row.phases,
      row.mode,
      row.upstreamPerRefresh.join(", "),
      row.distinctPerRefresh.join(", "),
      `${fmt(median(cold), 1)} / ${fmt(percentile(cold, 95), 1)}`,
      warm.length ? `${fmt(median(warm), 1)} / ${fmt(percentile(warm, 95), 1)}` : "(one period)",
    ];
  });
  lines.push(table(["viewers", "phases", "path", "upstream requests per period", "distinct queries per period", "cold p50 / p95 ms", "warm p50 / p95 ms"], b2rows));
  lines.push(
    "",
    "Why upstream requests per period can exceed the distinct queries: the newest minute is never cached (late samples), so before session 4 every viewer whose request arrived after the first answer was stored fetched the tail again (its missing range differed from the first request's whole range, so neither in-flight coalescing nor the exact-request window matched), and the freshness cut moving by a step mid-refresh made yet another tail. Now the tail of every clean answer is shared for `query.coalesceWindow` (5 s) with any request whose missing range it covers. What remains: with `spread` phases, a query whose aligned end moves to the next step mid-period is a new distinct query (counted in the distinct column), and viewers more than the window apart within one step fetch the tail again (by design: late samples must reach the next window). The window runs from the tail answer's arrival, so a server too busy to answer one refresh within the window (cold p50 of seconds in the table = overloaded machine) also refetches: compare the warm rows with the cold latency before reading the count as a defect.",
    "",
  );

  lines.push("## B3 sliding refresh", "");
  lines.push(
    `\`orrery_prop_gauge\` (20 series, live scrape every ${SCRAPE_S} s on top of backfilled history) over the last 6 h at step 20 s, refreshed every ${refreshS} s. Fetched = samples in the upstream answers the proxy requested (header \`x-orrery-fetched-samples\`); full = samples in the answer (what a full re-query fetches).`,
    "",
  );
  lines.push(table(["refresh", "cache", "fetched", "full", "fraction"], r.b3.map((x, i) => [i + 1, x.cache, x.fetched, x.full, `${fmt((100 * x.fetched) / x.full, 2)}%`])));
  const warm = r.b3.slice(1).map((x) => x.fetched / x.full);
  lines.push("", `Warm refreshes: median ${fmt(100 * median(warm), 2)}%, worst ${fmt(100 * Math.max(...warm), 2)}% of a full re-query (target ≤ 2%).`, "");

  const one = r.b1.filter((x) => x.connections === 1);
  const worst50 = Math.max(...one.map((x) => median(x.proxy.latencies) - median(x.direct.latencies)));
  const worst99 = Math.max(...one.map((x) => percentile(x.proxy.latencies, 99) - percentile(x.direct.latencies, 99)));
  const orrery = r.b2.filter((x) => x.mode === "orrery");
  const perRefresh = orrery.map((x) => ({ x, extra: x.upstreamPerRefresh.map((u, i) => u - x.distinctPerRefresh[i]!) }));
  const perRefreshOk = perRefresh.every(({ extra }) => extra.every((e) => e <= 0));
  const warmP95 = Math.max(...orrery.map((x) => percentile(x.latencies.slice(1).flat(), 95)));
  const targets: (string | number)[][] = [
    ["B1 added latency ≤ 0.5 ms p50 (1 connection, worst size)", `${fmt(worst50)} ms`, worst50 <= 0.5 ? "yes" : "no"],
    ["B1 added latency ≤ 2 ms p99 (1 connection, worst size)", `${fmt(worst99)} ms`, worst99 <= 2 ? "yes" : "no"],
    ["B1 throughput ≥ 90% of Next's floor (smallest answer)", `${fmt((100 * smallBest) / floorBest, 0)}% (cached: ${fmt((100 * cachedBest) / floorBest, 0)}%)`, smallBest >= 0.9 * floorBest ? "yes" : "no"],
    [
      "B2 upstream requests per refresh = distinct queries (20 per dashboard), any number of viewers",
      orrery.map((x) => `${x.viewers} ${x.phases}: ${x.upstreamPerRefresh.join("/")} for ${x.distinctPerRefresh.join("/")}`).join("; "),
      perRefreshOk ? "yes" : "no",
    ],
    ["B2 warm p95 ≤ 50 ms", `${fmt(warmP95, 1)} ms (worst row)`, warmP95 <= 50 ? "yes" : "no"],
    ["B3 ≤ 2% of a full re-query per refresh", `${fmt(100 * Math.max(...warm), 2)}% (worst warm refresh)`, Math.max(...warm) <= 0.02 ? "yes" : "no"],
  ];
  return { sections: lines.join("\n"), targets };
}
