// Orrery's sample exporter: a synthetic per-cluster HTTP workload in the Prometheus text format 0.0.4.
// Usage: tsx scripts/demo-exporter.ts --port 19201 --cluster east
//   (or env DEMO_EXPORTER_PORT / DEMO_EXPORTER_CLUSTER; the host is 127.0.0.1 unless DEMO_EXPORTER_HOST is set).
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROUTES = [
  { route: "/api/orders", method: "GET", ratePerSecond: 12, latencySeconds: 0.04 },
  { route: "/api/orders", method: "POST", ratePerSecond: 3, latencySeconds: 0.12 },
  { route: "/api/users", method: "GET", ratePerSecond: 6, latencySeconds: 0.02 },
  { route: "/healthz", method: "GET", ratePerSecond: 1, latencySeconds: 0.002 },
] as const;
const CODES = ["200", "404", "500"] as const;
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const TICK_MS = 250;
const SINE_PERIOD_MS = 10 * 60_000;

interface Histogram {
  counts: number[]; // cumulative per bucket bound, same order as BUCKETS
  count: number;
  sum: number;
}

export interface DemoWorkload {
  tick(nowMs: number): void;
  render(nowMs: number): string;
}

// Seeded so two clusters differ visibly but every run of one cluster looks alike.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

/** Builds the in-memory workload for one cluster; `tick` advances it, `render` prints /metrics. */
export function createDemoWorkload(cluster: string, startMs = Date.now()): DemoWorkload {
  const random = mulberry32(seedOf(cluster));
  const clusterFactor = 0.6 + random() * 0.8;
  const phase = random() * 2 * Math.PI;
  const requests = new Map<string, number>();
  const histograms = new Map<string, Histogram>();
  let inflight = 0;
  let lastTickMs = startMs;

  for (const r of ROUTES) {
    for (const code of CODES) requests.set(`${r.route}|${r.method}|${code}`, 0);
    histograms.set(r.route, histograms.get(r.route) ?? { counts: BUCKETS.map(() => 0), count: 0, sum: 0 });
  }

  function observe(route: string, seconds: number): void {
    const h = histograms.get(route);
    if (!h) return;
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.count += 1;
    h.sum += seconds;
  }

  function tick(nowMs: number): void {
    const elapsedSeconds = Math.max(0, (nowMs - lastTickMs) / 1000);
    lastTickMs = nowMs;
    // Rates drift on a slow wave so rate() panels show something other than a flat line.
    const wave = 1 + 0.5 * Math.sin((2 * Math.PI * (nowMs - startMs)) / (7 * 60_000) + phase);
    let active = 0;
    for (const r of ROUTES) {
      const expected = r.ratePerSecond * clusterFactor * wave * elapsedSeconds;
      const n = Math.floor(expected + random());
      for (let i = 0; i < n; i++) {
        const roll = random();
        const code = roll < 0.9 ? "200" : roll < 0.97 ? "404" : "500";
        const key = `${r.route}|${r.method}|${code}`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
        // Exponential tail: most requests are fast, a few are slow.
        observe(r.route, -Math.log(1 - random()) * r.latencySeconds * (code === "500" ? 4 : 1));
      }
      active += n;
    }
    inflight = Math.round(active * (0.5 + random()));
  }

  function render(nowMs: number): string {
    const out: string[] = [
      "# HELP demo_http_requests_total Synthetic HTTP requests served, by route, method and status code.",
      "# TYPE demo_http_requests_total counter",
    ];
    for (const [key, value] of requests) {
      const [route = "", method = "", code = ""] = key.split("|");
      out.push(`demo_http_requests_total${labels({ route, method, code })} ${value}`);
    }
    out.push(
      "# HELP demo_http_request_duration_seconds Synthetic HTTP request latency.",
      "# TYPE demo_http_request_duration_seconds histogram",
    );
    for (const [route, h] of histograms) {
      BUCKETS.forEach((bound, i) => {
        out.push(`demo_http_request_duration_seconds_bucket${labels({ route, le: String(bound) })} ${h.counts[i] ?? 0}`);
      });
      out.push(`demo_http_request_duration_seconds_bucket${labels({ route, le: "+Inf" })} ${h.count}`);
      out.push(`demo_http_request_duration_seconds_sum${labels({ route })} ${h.sum}`);
      out.push(`demo_http_request_duration_seconds_count${labels({ route })} ${h.count}`);
    }
    const angle = (2 * Math.PI * nowMs) / SINE_PERIOD_MS;
    out.push(
      "# HELP demo_inflight_requests Synthetic requests currently in flight.",
      "# TYPE demo_inflight_requests gauge",
      `demo_inflight_requests ${inflight}`,
      "# HELP demo_sine A sine wave with a 10 minute period, in two phases.",
      "# TYPE demo_sine gauge",
      `demo_sine${labels({ phase: "0" })} ${Math.sin(angle)}`,
      `demo_sine${labels({ phase: "90" })} ${Math.cos(angle)}`,
      "# HELP demo_build_info Build information of the demo exporter; the value is always 1.",
      "# TYPE demo_build_info gauge",
      `demo_build_info${labels({ version: "0.1.0", revision: "demo", nodeversion: process.version })} 1`,
    );
    return `${out.join("\n")}\n`;
  }

  return { tick, render };
}

/** Serves `createDemoWorkload(cluster)` on http://host:port/metrics. */
export function startDemoExporter(opts: { port: number; cluster: string; host?: string }): Promise<Server> {
  const workload = createDemoWorkload(opts.cluster);
  const timer = setInterval(() => workload.tick(Date.now()), TICK_MS);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(path === "/" ? 200 : 404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(path === "/" ? "Orrery demo exporter: see /metrics\n" : "not found\n");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
    res.end(workload.render(Date.now()));
  });
  server.on("close", () => clearInterval(timer));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve(server));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string" }, cluster: { type: "string" }, host: { type: "string" } },
  });
  const port = Number(values.port ?? process.env.DEMO_EXPORTER_PORT ?? 19201);
  const cluster = values.cluster ?? process.env.DEMO_EXPORTER_CLUSTER ?? "east";
  const host = values.host ?? process.env.DEMO_EXPORTER_HOST ?? "127.0.0.1";
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`demo-exporter: invalid port "${port}"`);
  const server = await startDemoExporter({ port, cluster, host });
  console.log(`demo-exporter: cluster=${cluster} listening on http://${host}:${port}/metrics`);
  const shutdown = () => server.close(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
