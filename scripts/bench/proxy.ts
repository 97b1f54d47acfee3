// B1 (proxy overhead), B2 (viewers) and B3 (sliding refresh) of `npm run bench` (`--only=proxy` runs
// just these): the stack they share. Starts its own Prometheus (backfilled history + a live exporter),
// a latency-adding forwarder and production `next start` servers, runs proxy-b1/b2/b3.ts in turn, and
// stops them all at the end.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { createService, REPO_ROOT, type Service, startSinglePrometheus } from "../stack";
import { backfill } from "./backfill";
import { startDelayProxy } from "./delay-proxy";
import { type B1Result, b1Report, runB1Cached, runB1PassThrough } from "./proxy-b1";
import { type B2Row, b2Report, runB2 } from "./proxy-b2";
import { type B3Row, b3Report, runB3 } from "./proxy-b3";

export interface ProxyBenchOptions {
  /** Ports: base Prometheus, +1 forwarder, +2 next, +3 exporter, +4 B1's gzip-every-answer next. */
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

export interface ProxyBenchResult {
  b1: B1Result;
  b2: B2Row[];
  b3: B3Row[];
  prometheusVersion: string;
  opts: Omit<ProxyBenchOptions, "log" | "nodeArgs">;
}

const SERIES = Array.from({ length: 20 }, (_, i) => `s${i}`);
const SCRAPE_S = 10;
const SECRET = "bench-secret-bench-secret-bench-secret-0123";

/** What the parts (proxy-b1/b2/b3.ts) run against. */
export interface ProxyBenchContext {
  opts: ProxyBenchOptions;
  prometheusUrl: string;
  /** `next start`'s URL (pass-through config for B1's first half, the default query layer after). */
  nextUrl: string;
  /** The latency-adding forwarder in front of Prometheus (datasource `slow`), counting requests. */
  slow: Awaited<ReturnType<typeof startDelayProxy>>;
  /** A signed-in local user's session cookie. */
  cookie: string;
  /** End of the backfilled history (seconds). */
  to: number;
  connectionsList: number[];
  /** A second `next start` on the default query layer but `compressMinBytes: 0` (B1's side-by-side gzip row), while B1's cached rows run. */
  gzipAllUrl?: string;
}

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

function startNext(opts: ProxyBenchOptions, configFile: string, port = opts.base + 2): Service {
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

export async function runProxyBench(opts: ProxyBenchOptions): Promise<ProxyBenchResult> {
  const { base, work, delayMs, quick, log } = opts;
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

    const ctx: ProxyBenchContext = { opts, prometheusUrl: prometheus.url, nextUrl, slow, cookie, to, connectionsList };

    let next = startNext(opts, passConfig);
    services.push(next);
    log("next start (query layer in pass-through)");
    await next.start();
    const b1 = await runB1PassThrough(ctx);
    await next.stop();
    services.pop();

    next = startNext(opts, layerConfig);
    services.push(next);
    log("next start (query layer on: defaults)");
    await next.start();
    // B1's gzip comparison: the same layer gzipping every answer, on base + 4, only while B1's cached rows run.
    const gzipAllConfig = join(work, "layer-gzip-all.json");
    writeFileSync(gzipAllConfig, JSON.stringify({ datasources, auth, query: { compressMinBytes: 0 } }));
    const gzipAll = startNext(opts, gzipAllConfig, base + 4);
    services.push(gzipAll);
    await gzipAll.start();
    await runB1Cached({ ...ctx, gzipAllUrl: `http://127.0.0.1:${base + 4}` }, b1);
    await gzipAll.stop();
    services.splice(services.indexOf(gzipAll), 1);
    const b2 = await runB2(ctx);
    const b3 = await runB3(ctx);
    const { log: _log, nodeArgs: _args, ...rest } = opts;
    return { b1, b2, b3, prometheusVersion: version(process.env.PROMETHEUS_BIN ?? "prometheus", ["--version"]), opts: rest };
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    for (const c of closers.reverse()) await c().catch(() => undefined);
  }
}

/** The B1–B3 sections of BENCHMARKS.md and their rows of the targets table, each with why it is (not) met. */
export function proxyReport(r: ProxyBenchResult): { sections: string; targets: (string | number)[][] } {
  const { seconds, refreshS, delayMs, refreshes } = r.opts;
  const parts = [
    b1Report(r.b1, { seconds, prometheusVersion: r.prometheusVersion }),
    b2Report(r.b2, { delayMs, refreshes, refreshS }),
    b3Report(r.b3, { refreshS, scrapeS: SCRAPE_S }),
  ];
  return { sections: parts.flatMap((p) => p.lines).join("\n"), targets: parts.flatMap((p) => p.targets) };
}
