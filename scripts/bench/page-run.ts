// `npm run bench -- --only=page`: B5/B6 alone, on their own backfilled Prometheus and `next start` of
// this tree (built first when .next is missing), replacing the page block of BENCHMARKS.md. The full
// `npm run bench` calls pageBlock on its own running server instead.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createService, REPO_ROOT, startSinglePrometheus, type Service } from "../stack";
import { backfill } from "./backfill";
import { startDelayProxy } from "./delay-proxy";
import { signInCookie } from "../../e2e/auth";
import { type PageBenchOptions, pageReport, runPageBench } from "./page";
import { runVariablesBench, variablesReport, type VariablesBenchOptions } from "./page-variables";
import { table } from "./stats";

export const PAGE_BLOCK = ["<!-- page benchmarks: start -->", "<!-- page benchmarks: end -->"] as const;
const [BLOCK_START, BLOCK_END] = PAGE_BLOCK;
const PASSWORD = "bench-admin-password";

/** B5 and B6 as one block of the report (between markers, so --only=page can replace it), with its targets. */
export async function pageBlock(o: PageBenchOptions & { slow?: VariablesBenchOptions["slow"] }): Promise<string> {
  const r = await runPageBench(o);
  const { sections, targets } = pageReport(r, o.runs);
  const variables = o.slow ? variablesReport(await runVariablesBench({ baseUrl: o.baseUrl, cookie: await signInCookie(o.baseUrl, "admin", o.adminPassword), fast: o.datasource, slow: o.slow, runs: Math.min(o.runs, 3), log: o.log }), o.slow.delayMs) : [];
  return [BLOCK_START, sections, ...variables, "### Targets (B5, B6)", "", table(["target", "measured", "met"], targets), "", BLOCK_END].join("\n");
}

/** A backfilled Prometheus and `next start` of this tree, for the page benchmarks (and page profiling by hand). */
export async function startPageStack(o: { base: number; work: string; log: (m: string) => void }): Promise<{ baseUrl: string; datasource: string; adminPassword: string; slow: VariablesBenchOptions["slow"]; stop: () => Promise<void> }> {
  const work = join(o.work, "page");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(REPO_ROOT, ".next", "BUILD_ID"))) throw new Error("no build: run `npx next build` first");
  const services: Pick<Service, "stop">[] = [];
  const stop = async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    if (process.env.BENCH_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  };
  try {
    const to = Math.floor((Date.now() / 1000 - 60) / 30) * 30;
    o.log("backfilling 20 series × 2 families, 8 h at 30 s (promtool)");
    await backfill(join(work, "prometheus", "data"), join(work, "om"), { from: to - 8 * 3600, to, intervalS: 30, series: Array.from({ length: 20 }, (_, i) => `s${i}`) });
    const prometheus = await startSinglePrometheus({ dir: join(work, "prometheus"), port: o.base, retention: "30d", name: "bench-page-prometheus", owner: work });
    services.push(prometheus);
    // ORRERY_BENCH_PAGE_UPSTREAM_DELAY_MS: the datasource behind a forwarder adding that latency to
    // each request (a Thanos-like upstream; the newest minute of each panel's range is never cached,
    // so every navigation waits for it at least once).
    const delayMs = Number(process.env.ORRERY_BENCH_PAGE_UPSTREAM_DELAY_MS ?? 0);
    let upstream = prometheus.url;
    if (delayMs > 0) {
      const delayed = await startDelayProxy(prometheus.url, o.base + 3, delayMs);
      services.push({ stop: delayed.close });
      upstream = delayed.url;
      o.log(`upstream behind a ${delayMs} ms delay (${delayed.url})`);
    }
    // The slow datasource of the variables benchmark (page-variables.ts): the same Prometheus behind a
    // forwarder adding ORRERY_BENCH_SLOW_DELAY_MS (default 2 s) per request, which counts them.
    const slowDelayMs = Number(process.env.ORRERY_BENCH_SLOW_DELAY_MS ?? 2_000);
    const slowProxy = await startDelayProxy(prometheus.url, o.base + 4, slowDelayMs);
    services.push({ stop: slowProxy.close });
    const slow = { datasource: "slow", delayMs: slowDelayMs, requests: () => slowProxy.counts.total };
    const port = o.base + 2;
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = join(work, "orrery.json");
    writeFileSync(config, JSON.stringify({ datasources: [{ id: "prom", type: "prometheus", url: upstream }, { id: "slow", type: "prometheus", url: slowProxy.url, timeout: "60s" }], auth: { secret: "bench-secret-bench-secret-bench-secret-0123", url: baseUrl } }));
    const next = createService({
      name: `next:${port}`,
      port,
      command: join(REPO_ROOT, "node_modules", ".bin", "next"),
      args: ["start", "-p", String(port), "-H", "127.0.0.1"],
      cwd: REPO_ROOT,
      env: { ...process.env, ORRERY_CONFIG: config, NODE_ENV: "production", PORT: String(port), ORRERY_ADMIN_PASSWORD: PASSWORD, ORRERY_DATA_DIR: join(work, "data"), NEXT_TELEMETRY_DISABLED: "1" },
      logFile: join(work, "next.log"),
      readyUrl: `${baseUrl}/api/health`,
      readyTimeoutMs: 60_000,
      owner: work,
    });
    services.push(next);
    o.log("next start");
    await next.start();
    return { baseUrl, datasource: "prom", adminPassword: PASSWORD, slow, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** B5/B6 on their own backfilled Prometheus and `next start` of this tree: the page block. */
export async function runPageStandalone(o: { base: number; work: string; runs: number; log: (m: string) => void }): Promise<string> {
  const stack = await startPageStack(o);
  try {
    return await pageBlock({ baseUrl: stack.baseUrl, datasource: stack.datasource, adminPassword: stack.adminPassword, slow: stack.slow, runs: o.runs, log: o.log });
  } finally {
    await stack.stop();
  }
}
