// `npm run bench`: measures the proxy and its query layer against the same Prometheus, side by side
// in one run, and writes BENCHMARKS.md. It starts its own Prometheus (with backfilled history and a
// live exporter), a latency-adding forwarder and a production `next start` (building first when
// .next is missing or BENCH_BUILD=1), and stops them all at the end.
//   B1 proxy overhead: direct Prometheus vs the proxy (query layer in pass-through) vs the proxy
//      answering from its cache, ~2 KB / ~130 KB / ~2.6 MB answers at 1, 10, 50 connections, plus
//      Next's own floor (GET /api/datasources: a constant Response.json; no app route is added).
//   B2 viewers: 1, 10, 50 viewers of one 20-query dashboard refreshing every BENCH_REFRESH_SECONDS
//      against an upstream with BENCH_UPSTREAM_DELAY_MS added: upstream requests per refresh, p50/p95.
//   B3 sliding refresh of a 6 h range: samples fetched upstream per refresh vs a full re-query.
//   B4 render, B7 wire, B8 memory in headless Chromium (scripts/bench/browser.ts); B5 dashboard and
//      B6 embed on the running server, signed in (scripts/bench/page.ts).
// Flags: --quick (fewer browser runs), --only=browser (B4/B7/B8 only, replacing their block in BENCHMARKS.md),
//        --only=page (B5/B6 only: own Prometheus + next start, replacing their block).
// Env: ORRERY_BENCH_PORT_BASE (38090: Prometheus, +1 forwarder, +2 next, +3 exporter), BENCH_SECONDS (3),
//      BENCH_REFRESH_SECONDS (10), BENCH_UPSTREAM_DELAY_MS (50), BENCH_REFRESHES (3), BENCH_OUT (BENCHMARKS.md).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { join } from "node:path";
import { backfill } from "./bench/backfill";
import { browserReport, runBrowserBench } from "./bench/browser";
import { pageBlock, runPageOnly } from "./bench/page-run";
import { startDelayProxy } from "./bench/delay-proxy";
import { type LoadResult, runLoad } from "./bench/load";
import { fmt, median, percentile, table } from "./bench/stats";
import { createService, REPO_ROOT, type Service, startSinglePrometheus } from "./stack";

const env = process.env;
const BASE = Number(env.ORRERY_BENCH_PORT_BASE ?? 38090);
const SECONDS = Number(env.BENCH_SECONDS ?? 3);
const REFRESH_S = Number(env.BENCH_REFRESH_SECONDS ?? 10);
const DELAY_MS = Number(env.BENCH_UPSTREAM_DELAY_MS ?? 50);
const REFRESHES = Math.max(2, Number(env.BENCH_REFRESHES ?? 3));
const OUT = join(REPO_ROOT, env.BENCH_OUT ?? "BENCHMARKS.md");
const WORK = join(REPO_ROOT, ".bench");
const SERIES = Array.from({ length: 20 }, (_, i) => `s${i}`);
const SCRAPE_S = 10;

const log = (msg: string) => console.log(`[bench] ${msg}`);
const QUICK = process.argv.includes("--quick");
const ONLY_BROWSER = process.argv.includes("--only=browser");
const BENCH_ADMIN_PASSWORD = "bench-admin-password";
const BROWSER_RUNS = Number(env.BENCH_BROWSER_RUNS ?? (QUICK ? 3 : 7));
const BLOCK_START = "<!-- browser benchmarks: start -->";
const BLOCK_END = "<!-- browser benchmarks: end -->";

/** B4, B7, B8 (and the B5/B6 status) as one block of the report, with its own targets table. */
async function browserBlock(): Promise<string> {
  const r = await runBrowserBench({ runs: BROWSER_RUNS, log });
  const { sections, targets } = browserReport(r, BROWSER_RUNS);
  return [
    BLOCK_START,
    sections,
    "### Targets (B4, B7, B8)",
    "",
    table(["target", "measured", "met"], targets),
    "",
    BLOCK_END,
  ].join("\n");
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

function startNext(port: number, configFile: string): Service {
  return createService({
    name: `next:${port}`,
    port,
    command: join(REPO_ROOT, "node_modules", ".bin", "next"),
    args: ["start", "-p", String(port), "-H", "127.0.0.1"],
    cwd: REPO_ROOT,
    // The admin password and a data folder of its own: B5/B6 sign in and save a dashboard.
    env: { ...env, ORRERY_CONFIG: configFile, NODE_ENV: "production", PORT: String(port), ORRERY_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ORRERY_DATA_DIR: join(WORK, "data") },
    logFile: join(WORK, `next-${port}.log`),
    readyUrl: `http://127.0.0.1:${port}/api/datasources`,
    readyTimeoutMs: 60_000,
    owner: WORK,
  });
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).split("\n")[0]!.trim();
  } catch {
    return "unknown";
  }
}

interface LoadRow {
  size: string;
  bytes: number;
  connections: number;
  direct: LoadResult;
  proxy: LoadResult;
  cached?: LoadResult;
}

const rps = (r: LoadResult) => r.requests / r.seconds;

async function main(): Promise<void> {
  if (process.argv.includes("--only=page")) return runPageOnly({ base: BASE, work: WORK, out: OUT, runs: BROWSER_RUNS, log });
  if (ONLY_BROWSER) {
    const block = await browserBlock();
    const old = existsSync(OUT) ? readFileSync(OUT, "utf8") : "# Benchmarks\n";
    const a = old.indexOf(BLOCK_START);
    const b = old.indexOf(BLOCK_END);
    writeFileSync(OUT, a >= 0 && b > a ? `${old.slice(0, a)}${block}${old.slice(b + BLOCK_END.length)}` : `${old.trimEnd()}\n\n${block}\n`);
    log(`wrote the browser block of ${OUT}`);
    return;
  }
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(join(REPO_ROOT, ".next", "BUILD_ID")) || env.BENCH_BUILD === "1") {
    log("building (next build)");
    const r = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: REPO_ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("next build failed");
  }
  const services: Service[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    const now = Math.floor(Date.now() / 1000);
    const to = Math.floor((now - 60) / 30) * 30;
    const from = to - 50 * 3600;
    log(`backfilling ${SERIES.length} series × 2 families, 50 h at 30 s (promtool)`);
    await backfill(join(WORK, "prometheus", "data"), join(WORK, "om"), { from, to, intervalS: 30, series: SERIES });
    const exporter = await startExporter(BASE + 3, from);
    closers.push(exporter.close);
    const prometheus = await startSinglePrometheus({
      dir: join(WORK, "prometheus"),
      port: BASE,
      retention: "30d",
      name: "bench-prometheus",
      owner: WORK,
      scrapeJobs: [{ job_name: "bench", scrape_interval: `${SCRAPE_S}s`, static_configs: [{ targets: [`127.0.0.1:${BASE + 3}`] }] }],
    });
    services.push(prometheus);
    const slow = await startDelayProxy(prometheus.url, BASE + 1, DELAY_MS);
    closers.push(slow.close);
    const nextUrl = `http://127.0.0.1:${BASE + 2}`;
    const datasources = [
      { id: "prom", type: "prometheus", url: prometheus.url },
      { id: "slow", type: "prometheus", url: slow.url },
    ];
    // Production start-up needs an auth secret; the load generator is anonymous (viewers may run queries).
    const auth = { secret: "bench-secret-bench-secret-bench-secret-0123", url: nextUrl, anonymous: { enabled: true, role: "viewer" } };
    const passConfig = join(WORK, "pass.json");
    writeFileSync(passConfig, JSON.stringify({ datasources, auth, query: { alignRangeWithStep: false, coalesce: false, cache: { enabled: false } } }));
    const layerConfig = join(WORK, "layer.json");
    writeFileSync(layerConfig, JSON.stringify({ datasources, auth }));

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
    let next = startNext(BASE + 2, passConfig);
    services.push(next);
    log("next start (query layer in pass-through)");
    await next.start();
    for (const s of sizes) {
      const direct = `${prometheus.url}/api/v1/query_range?${qs(s)}`;
      const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
      const bytes = (await (await fetch(direct)).arrayBuffer()).byteLength;
      await runLoad(proxy, 2, 1); // warm-up: JIT, keep-alive pools
      for (const connections of [1, 10, 50]) {
        log(`B1 ${s.size} × ${connections} connections`);
        const d = await runLoad(direct, connections, SECONDS);
        const p = await runLoad(proxy, connections, SECONDS);
        b1.push({ size: s.size, bytes, connections, direct: d, proxy: p });
      }
    }
    for (const connections of [1, 10, 50]) {
      log(`B1 floor × ${connections}`);
      floor.push({ connections, result: await runLoad(`${nextUrl}/api/datasources`, connections, SECONDS) });
    }
    await next.stop();
    services.pop();

    next = startNext(BASE + 2, layerConfig);
    services.push(next);
    log("next start (query layer on: defaults)");
    await next.start();
    for (const row of b1) {
      const s = sizes.find((x) => x.size === row.size)!;
      const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs(s)}`;
      if (row.connections === 1) await runLoad(proxy, 1, 1);
      log(`B1 cached ${row.size} × ${row.connections}`);
      row.cached = await runLoad(proxy, row.connections, SECONDS);
    }

    // ---- B2 ----
    const b2: { viewers: number; mode: string; upstreamPerRefresh: number[]; latencies: number[][] }[] = [];
    const dashboard = (phase: string) =>
      Array.from({ length: 20 }, (_, i) =>
        i < 10 ? `orrery_prop_gauge{s="s${i}",s!="${phase}"}` : `rate(orrery_prop_total{s="s${i}",s!="${phase}"}[5m])`,
      );
    const refresh = async (base: string, queries: string[], viewers: number) => {
      const t = Date.now() / 1000;
      const before = slow.counts.total;
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: viewers }, () =>
          Promise.all(
            queries.map(async (query) => {
              const p = new URLSearchParams({ query, start: String(t - 6 * 3600), end: String(t), step: "20" });
              const t0 = performance.now();
              const res = await fetch(`${base}/query_range?${p}`);
              await res.arrayBuffer();
              if (res.status !== 200) throw new Error(`B2: HTTP ${res.status} for ${query}`);
              latencies.push(performance.now() - t0);
            }),
          ),
        ),
      );
      return { upstream: slow.counts.total - before, latencies };
    };
    for (const viewers of [1, 10, 50]) {
      log(`B2 ${viewers} viewers direct`);
      const d = await refresh(`${slow.url}/api/v1`, dashboard(`direct-${viewers}`), viewers);
      b2.push({ viewers, mode: "direct", upstreamPerRefresh: [d.upstream], latencies: [d.latencies] });
      const queries = dashboard(`orrery-${viewers}`);
      const row = { viewers, mode: "orrery", upstreamPerRefresh: [] as number[], latencies: [] as number[][] };
      for (let i = 0; i < REFRESHES; i++) {
        if (i > 0) await sleep(REFRESH_S * 1000);
        log(`B2 ${viewers} viewers via Orrery, refresh ${i + 1}/${REFRESHES}`);
        const r = await refresh(`${nextUrl}/api/ds/slow/api/v1`, queries, viewers);
        row.upstreamPerRefresh.push(r.upstream);
        row.latencies.push(r.latencies);
      }
      b2.push(row);
    }

    // ---- B3 ----
    const b3: { fetched: number; full: number; cache: string }[] = [];
    for (let i = 0; i < Math.max(4, REFRESHES + 1); i++) {
      if (i > 0) await sleep(REFRESH_S * 1000);
      const t = Date.now() / 1000;
      const p = new URLSearchParams({ query: "orrery_prop_gauge", start: String(t - 6 * 3600), end: String(t), step: "20" });
      const res = await fetch(`${nextUrl}/api/ds/prom/api/v1/query_range?${p}`);
      const body = (await res.json()) as { data: { result: { values: unknown[] }[] } };
      const full = body.data.result.reduce((n, s) => n + s.values.length, 0);
      b3.push({ fetched: Number(res.headers.get("x-orrery-fetched-samples") ?? full), full, cache: res.headers.get("x-orrery-cache") ?? "?" });
      log(`B3 refresh ${i + 1}: ${b3.at(-1)!.fetched} of ${full} samples fetched (${b3.at(-1)!.cache})`);
    }

    log("B4/B7/B8 in headless Chromium");
    const browser = await browserBlock();
    log("B5/B6 pages in headless Chromium");
    const page = await pageBlock({ baseUrl: nextUrl, datasource: "prom", adminPassword: BENCH_ADMIN_PASSWORD, runs: BROWSER_RUNS, log });
    writeReport({ b1, floor, b2, b3, browser: `${browser}\n\n${page}`, prometheusVersion: version(env.PROMETHEUS_BIN ?? "prometheus", ["--version"]) });
    log(`wrote ${OUT}`);
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    for (const c of closers.reverse()) await c().catch(() => undefined);
    if (env.BENCH_KEEP !== "1") rmSync(WORK, { recursive: true, force: true });
  }
}

function writeReport(r: {
  b1: LoadRow[];
  floor: { connections: number; result: LoadResult }[];
  b2: { viewers: number; mode: string; upstreamPerRefresh: number[]; latencies: number[][] }[];
  b3: { fetched: number; full: number; cache: string }[];
  browser: string;
  prometheusVersion: string;
}): void {
  const nextVersion = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "next", "package.json"), "utf8")).version as string;
  const cpu = os.cpus();
  const lines: string[] = [];
  lines.push("# Benchmarks", "");
  lines.push("Written by `npm run bench` (scripts/bench.ts). Every comparison below was measured side by side in the same run on this machine; do not compare with numbers from another machine.", "");
  lines.push(`- Date: ${new Date().toISOString()}`);
  lines.push(`- Machine: ${cpu[0]?.model ?? "?"} × ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (shared with other work: load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})`);
  lines.push(`- Versions: Node ${process.version}, Next ${nextVersion} (\`next start\`, production), ${r.prometheusVersion}`);
  lines.push(`- Load generator: scripts/bench/load.ts (closed loop like autocannon, keep-alive, \`accept-encoding: gzip\`), ${SECONDS} s per cell, in the same Node process as the orchestration; client, server and Prometheus share the ${cpu.length} cores.`);
  lines.push("");
  lines.push("## B1 proxy overhead", "");
  lines.push("`direct` = the same Prometheus query_range; `proxy` = `/api/ds/prom/api/v1/query_range` with the query layer in pass-through (`alignRangeWithStep: false`, no coalescing, no cache), i.e. the proxy's own cost; `cached` = the default query layer answering repeated identical requests from its extents cache. Latencies in ms; added = proxy − direct.", "");
  const rows = r.b1.map((row) => {
    const d50 = median(row.direct.latencies);
    const d99 = percentile(row.direct.latencies, 99);
    const p50 = median(row.proxy.latencies);
    const p99 = percentile(row.proxy.latencies, 99);
    const c = row.cached;
    return [
      row.size,
      `${(row.bytes / 1024).toFixed(1)} KiB`,
      row.connections,
      `${fmt(d50)} / ${fmt(d99)}`,
      `${fmt(p50)} / ${fmt(p99)}`,
      `**${fmt(p50 - d50)}** / **${fmt(p99 - d99)}**`,
      `${fmt(rps(row.direct), 0)} / ${fmt(rps(row.proxy), 0)} (${fmt((100 * rps(row.proxy)) / rps(row.direct), 0)}%)`,
      c ? `${fmt(median(c.latencies))} / ${fmt(percentile(c.latencies, 99))}, ${fmt(rps(c), 0)} req/s` : "n/a",
      row.direct.errors + row.proxy.errors + (c?.errors ?? 0),
    ];
  });
  lines.push(table(["answer", "body", "conns", "direct p50 / p99", "proxy p50 / p99", "added p50 / p99", "req/s direct / proxy", "cached p50 / p99, req/s", "errors"], rows));
  lines.push("");
  lines.push("Next's own floor: `GET /api/datasources`, an existing route that returns a constant `Response.json` of the configuration (no route was added for the benchmark).", "");
  lines.push(table(["conns", "p50 ms", "p99 ms", "req/s"], r.floor.map((f) => [f.connections, fmt(median(f.result.latencies)), fmt(percentile(f.result.latencies, 99)), fmt(rps(f.result), 0)])));
  const small = r.b1.filter((x) => x.size === "~2 KB");
  const floorBest = Math.max(...r.floor.map((f) => rps(f.result)));
  const smallBest = Math.max(...small.map((x) => rps(x.proxy)));
  lines.push("", `Smallest answer through the proxy: best ${fmt(smallBest, 0)} req/s = ${fmt((100 * smallBest) / floorBest, 0)}% of the floor's best ${fmt(floorBest, 0)} req/s (target ≥ 90%).`, "");

  lines.push("## B2 viewers", "");
  lines.push(`One dashboard of 20 distinct range queries (6 h, step 20 s) on a datasource behind a forwarder adding ${DELAY_MS} ms per upstream request; every viewer refreshes at the same moment (the worst case for a wall screen), ${REFRESHES} refreshes ${REFRESH_S} s apart. \`direct\` = the viewers query the slow upstream themselves (what Grafana OSS does: no coalescing, no cache). Refresh 1 is cold; later refreshes are warm.`, "");
  const b2rows = r.b2.map((row) => {
    const cold = row.latencies[0]!;
    const warm = row.latencies.slice(1).flat();
    return [
      row.viewers,
      row.mode,
      row.upstreamPerRefresh.join(", "),
      `${fmt(median(cold), 1)} / ${fmt(percentile(cold, 95), 1)}`,
      warm.length ? `${fmt(median(warm), 1)} / ${fmt(percentile(warm, 95), 1)}` : "(same as cold)",
    ];
  });
  lines.push(table(["viewers", "path", "upstream requests per refresh", "cold p50 / p95 ms", "warm p50 / p95 ms"], b2rows));
  lines.push("");
  lines.push("## B3 sliding refresh", "");
  lines.push(`\`orrery_prop_gauge\` (20 series, live scrape every ${SCRAPE_S} s on top of backfilled history) over the last 6 h at step 20 s, refreshed every ${REFRESH_S} s. Fetched = samples in the upstream answers the proxy requested (header \`x-orrery-fetched-samples\`); full = samples in the answer (what a full re-query fetches).`, "");
  lines.push(table(["refresh", "cache", "fetched", "full", "fraction"], r.b3.map((x, i) => [i + 1, x.cache, x.fetched, x.full, `${fmt((100 * x.fetched) / x.full, 2)}%`])));
  const warm = r.b3.slice(1).map((x) => x.fetched / x.full);
  lines.push("", `Warm refreshes: median ${fmt(100 * median(warm), 2)}%, worst ${fmt(100 * Math.max(...warm), 2)}% of a full re-query (target ≤ 2%).`, "");

  lines.push("## Targets", "");
  const added = r.b1.filter((x) => x.connections === 1);
  const worst50 = Math.max(...added.map((x) => median(x.proxy.latencies) - median(x.direct.latencies)));
  const worst99 = Math.max(...added.map((x) => percentile(x.proxy.latencies, 99) - percentile(x.direct.latencies, 99)));
  const orrery = r.b2.filter((x) => x.mode === "orrery");
  const perRefreshOk = orrery.every((x) => x.upstreamPerRefresh[0]! <= 20);
  const warmP95 = Math.max(...orrery.map((x) => percentile(x.latencies.slice(1).flat(), 95)));
  lines.push(table(["target", "measured", "met"], [
    ["B1 added latency ≤ 0.5 ms p50 (1 connection, worst size)", `${fmt(worst50)} ms`, worst50 <= 0.5 ? "yes" : "no"],
    ["B1 added latency ≤ 2 ms p99 (1 connection, worst size)", `${fmt(worst99)} ms`, worst99 <= 2 ? "yes" : "no"],
    ["B1 throughput ≥ 90% of Next's floor (smallest answer)", `${fmt((100 * smallBest) / floorBest, 0)}%`, smallBest >= 0.9 * floorBest ? "yes" : "no"],
    ["B2 upstream requests per cold refresh = 20 distinct queries, any number of viewers", orrery.map((x) => `${x.viewers}: ${x.upstreamPerRefresh[0]}`).join(", "), perRefreshOk ? "yes" : "no"],
    ["B2 warm p95 ≤ 50 ms", `${fmt(warmP95, 1)} ms (worst viewer count)`, warmP95 <= 50 ? "yes" : "no"],
    ["B3 ≤ 2% of a full re-query per refresh", `${fmt(100 * Math.max(...warm), 2)}% (worst warm refresh)`, Math.max(...warm) <= 0.02 ? "yes" : "no"],
  ]));
  lines.push("");
  lines.push(r.browser, "");
  lines.push("Notes: the per-user rate limit is a seam only (`rateLimit` in lib/promql/query-layer/layer.ts) until auth passes the principal to the proxy.", "");
  writeFileSync(OUT, `${lines.join("\n")}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
