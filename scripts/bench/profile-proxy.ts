// Where does one proxied ~2 KB query_range spend its time? `npx tsx scripts/bench/profile-proxy.ts [--cached]
// [--compare-gzip] [--no-prof]` starts a Prometheus and a production `next start` (needs `next build` first)
// with V8's --cpu-prof, drives the floor route, the proxy (query layer in pass-through, or the cache with
// --cached) anonymous and with a session cookie in interleaved rounds, and prints per phase the p50, req/s
// and the server's CPU per request (/proc: user + system of its process group), then the profile's self
// time per request by category (Next, Orrery's code, Next's gzip, log line, GC, ...) per phase.
// --compare-gzip adds a second server with `query.compressMinBytes: 0` (every answer gzipped).
// --base=<dir>: also a server from another built clone (e.g. the previous main), same config, side by side.
// PROFILE_SIZE=small (default: ~2 KB, vector(1) over no stored data), medium (~130 KB) or large (~2.5 MB):
// B1's queries over the same backfilled history as `npm run bench` (proxy-b1.ts, backfill.ts).
// Env: ORRERY_BENCH_PORT_BASE (38090: +0 Prometheus, +2 next, +4 the comparison next, +6 --base), PROFILE_SECONDS (2
// per phase and round), PROFILE_ROUNDS (5), PROFILE_OUT (.bench/profile), PROFILE_EXTRA (name=/path,...).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { createService, REPO_ROOT, startSinglePrometheus } from "../stack";
import { backfill } from "./backfill";
import { runLoad } from "./load";
import { sizesFor } from "./proxy-b1";
import { withGroupCpu } from "./proxy-cpu";
import { fmt, median } from "./stats";

const BASE = Number(process.env.ORRERY_BENCH_PORT_BASE ?? 38090);
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 2);
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 5);
const OUT = process.env.PROFILE_OUT ?? join(REPO_ROOT, ".bench", "profile");
const SECRET = "bench-secret-bench-secret-bench-secret-0123";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by module (package or app file) and by function, from a V8 .cpuprofile. */
export function summarise(profile: CpuProfile): { total: number; byModule: [string, number][]; byFunction: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { url, functionName, lineNumber } = n.callFrame;
    if (functionName === "(idle)") continue;
    total += ms;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const mod = pkg ?? (url.startsWith("node:") ? url : url ? url.replace(/^.*\/\.next\//, ".next/").replace(/^file:\/\/.*\/wt-[^/]+\//, "") : functionName);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
    const fn = `${functionName || "(anonymous)"} ${mod}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return { total, byModule: top(modules, 25), byFunction: top(functions, 40) };
}

/** Where a self-time sample belongs: ours, Next's, the logger, compression, streams, Node's HTTP... */
function category(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "GC";
  if (/node_modules\/(pino|sonic-boom|thread-stream)\//.test(url) || functionName === "writeString") return "log line (pino, sync write)";
  if (/node_modules\/prom-client\//.test(url)) return "metrics (prom-client)";
  if (/compression\/|node:zlib/.test(url)) return "response gzip (Next's compression)";
  if (/webstreams/.test(url)) return "web streams (Response body)";
  if (/undici/.test(url)) return "undici (Request/Response/Headers)";
  if (/next-auth|jose|node:internal\/crypto/.test(url)) return "next-auth / jose / crypto";
  if (/\.next\/server\/(chunks\/)?(lib_|app_|\[project\])/.test(url) || /\/wt-[^/]+\/lib\//.test(url)) return "Orrery code (lib/, app/)";
  if (/node_modules\/next\/|\.next\/server\/chunks\/(\[root-of|\[turbopack)|\.next\/server\/app\//.test(url)) return "Next (router, app-route runtime)";
  if (/node_modules\/zod\//.test(url)) return "zod";
  if (/^node:(_http|http|net|internal\/(http|stream|streams))/.test(url) || /^(writev|writeUtf8String|writeLatin1String|writeBuffer)$/.test(functionName)) return "Node HTTP + socket writes";
  if (/^node:/.test(url)) return "other Node internals";
  if (!url) return "V8 builtins, regexps (unattributed)";
  return "other";
}

interface Window {
  name: string;
  /** CLOCK_MONOTONIC µs, the clock of V8's profile timestamps on Linux. */
  from: number;
  to: number;
  requests: number;
}

/** Self time by category (ms) inside each window of the profile. */
export function windows(profile: CpuProfile & { startTime: number }, wins: Window[]): Map<string, Map<string, number>> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map(wins.map((w) => [w.name, new Map<string, number>()]));
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const w = wins.find((x) => t >= x.from && t < x.to);
    if (!w) return;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") return;
    const c = category(n.callFrame.url, n.callFrame.functionName);
    const m = out.get(w.name)!;
    m.set(c, (m.get(c) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

const monoUs = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  const prof = !process.argv.includes("--no-prof");
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "cpu"), { recursive: true });
  const size = process.env.PROFILE_SIZE ?? "small";
  const to = Math.floor((Math.floor(Date.now() / 1000) - 60) / 30) * 30;
  if (size !== "small") await backfill(join(OUT, "prometheus", "data"), join(OUT, "om"), { from: to - 50 * 3600, to, intervalS: 30, series: Array.from({ length: 20 }, (_, i) => `s${i}`) });
  const prometheus = await startSinglePrometheus({ dir: join(OUT, "prometheus"), port: BASE, retention: "1d", name: "profile-prometheus", owner: OUT });
  const nextUrl = `http://127.0.0.1:${BASE + 2}`;
  const auth = {
    secret: SECRET,
    url: nextUrl,
    anonymous: { enabled: true, role: "viewer" },
    users: [{ username: "bench", passwordHash: `scrypt$32768$8$1$${"A".repeat(22)}$${"A".repeat(43)}`, role: "viewer" }],
  };
  const mode = process.argv.includes("--cached") ? "cached" : "pass";
  const query = mode === "cached" ? {} : { alignRangeWithStep: false, coalesce: false, cache: { enabled: false } };
  // A second server with `compressMinBytes: 0` (Next gzips every answer, as before session 6), side by side.
  const compare = process.argv.includes("--compare-gzip");
  const startServer = (name: string, port: number, q: Record<string, unknown>, profiled: boolean, root = REPO_ROOT) => {
    const file = join(OUT, `${name}.json`);
    writeFileSync(file, JSON.stringify({ datasources: [{ id: "prom", type: "prometheus", url: prometheus.url }], auth, query: q }));
    return createService({
      name,
      port,
      // --cpu-prof is refused in NODE_OPTIONS: Node runs Next's CLI itself (`next start` serves in-process).
      command: process.execPath,
      args: [
        ...(profiled ? ["--cpu-prof", `--cpu-prof-dir=${join(OUT, "cpu")}`] : []),
        join(root, "node_modules", "next", "dist", "bin", "next"),
        "start",
        "-p",
        String(port),
        "-H",
        "127.0.0.1",
      ],
      cwd: root,
      env: { ...process.env, ORRERY_CONFIG: file, ORRERY_DATA_DIR: join(OUT, "data"), NODE_ENV: "production" },
      logFile: join(OUT, `${name}.log`),
      readyUrl: `http://127.0.0.1:${port}/api/datasources`,
      readyTimeoutMs: 60_000,
      owner: OUT,
    });
  };
  const next = startServer("profile-next", BASE + 2, query, prof);
  const baseDir = process.argv.find((a) => a.startsWith("--base="))?.slice("--base=".length);
  const base = baseDir ? startServer("profile-next-base", BASE + 6, query, false, baseDir) : undefined;
  const baseUrl = `http://127.0.0.1:${BASE + 6}`;
  const gzipAll = compare ? startServer("profile-next-gzip-all", BASE + 4, { ...query, compressMinBytes: 0 }, false) : undefined;
  const gzipUrl = `http://127.0.0.1:${BASE + 4}`;
  const wins: Window[] = [];
  try {
    await prometheus.start();
    await next.start();
    await gzipAll?.start();
    await base?.start();
    const end = Math.floor(Date.now() / 1000 / 60) * 60 - 3600;
    // vector(1) evaluates without stored data: one series of 91 points, a ~2 KB answer; the larger sizes are B1's.
    const b1 = sizesFor(to);
    const shape = b1.sizes.find((x) => x.size === (size === "large" ? "~2.6 MB" : "~130 KB"));
    const qs =
      size === "small" || !shape
        ? new URLSearchParams({ query: "vector(1)", start: String(end - 5400), end: String(end), step: "60" })
        : new URLSearchParams(b1.qs(shape));
    console.log(`answer: ${(await (await fetch(`${prometheus.url}/api/v1/query_range?${qs}`)).arrayBuffer()).byteLength} bytes (${size})`);
    const direct = `${prometheus.url}/api/v1/query_range?${qs}`;
    const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs}`;
    const cookie = `next-auth.session-token=${await encode({ token: { sub: "bench", name: "bench", role: "viewer", provider: "credentials" }, secret: SECRET, maxAge: 3600 })}`;
    type Phase = { name: string; url: string; headers: Record<string, string>; pid: () => number | undefined };
    const on = (name: string, url: string, headers: Record<string, string> = {}, server = next): Phase => ({ name, url, headers, pid: () => server.pid() });
    const phases: Phase[] = [
      on("direct Prometheus", direct),
      on("floor GET /api/datasources", `${nextUrl}/api/datasources`),
      // PROFILE_EXTRA="name=/path,name2=/path2": more routes of the same server side by side (e.g. a bare route while experimenting).
      ...(process.env.PROFILE_EXTRA ?? "")
        .split(",")
        .filter(Boolean)
        .map((x) => on(x.slice(0, x.indexOf("=")), `${nextUrl}${x.slice(x.indexOf("=") + 1)}`)),
      on(`proxy ${mode}, anonymous`, proxy),
      on(`proxy ${mode}, session`, proxy, { cookie }),
      ...(gzipAll ? [on(`proxy ${mode}, anon, gzip all`, `${gzipUrl}/api/ds/prom/api/v1/query_range?${qs}`, {}, gzipAll)] : []),
      ...(base ? [on(`proxy ${mode}, anon, --base`, `${baseUrl}/api/ds/prom/api/v1/query_range?${qs}`, {}, base)] : []),
    ];
    for (const ph of phases) await runLoad(ph.url, 2, 1, ph.headers); // warm every path (JIT, caches)
    // Interleaved rounds (every phase once per round, PROFILE_ROUNDS rounds): on a shared machine the
    // load drifts, and the median per phase over rounds compares phases under the same conditions.
    const per = new Map<string, { latencies: number[]; rps: number[]; cpu: number[]; errors: number }>(phases.map((ph) => [ph.name, { latencies: [], rps: [], cpu: [], errors: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const ph of phases) {
        const from = monoUs();
        const { result, cpuMs } = await withGroupCpu(ph.pid(), () => runLoad(ph.url, 1, SECONDS, ph.headers));
        if (ph.pid() === next.pid()) wins.push({ name: ph.name, from, to: monoUs(), requests: result.requests });
        const row = per.get(ph.name)!;
        row.latencies.push(median(result.latencies));
        row.rps.push(result.requests / result.seconds);
        row.cpu.push((1000 * cpuMs) / Math.max(1, result.requests));
        row.errors += result.errors;
      }
    }
    console.log(`1 connection, ${ROUNDS} interleaved rounds of ${SECONDS} s per phase, medians over rounds; server CPU = user + system time of the \`next start\` process group per request (inflated, like latency, when the machine is busy: compare rows)`);
    for (const [name, r] of per) {
      const cpu = name.startsWith("direct") ? "" : `  server CPU ${fmt(median(r.cpu), 0).padStart(5)} µs/req`;
      console.log(`${name.padEnd(32)} p50 ${fmt(median(r.latencies)).padStart(6)} ms  ${fmt(median(r.rps), 0).padStart(5)} req/s${cpu}  errors ${r.errors}`);
    }
  } finally {
    await base?.stop();
    await gzipAll?.stop();
    await next.stop();
    await prometheus.stop();
  }
  if (!prof) return;
  writeFileSync(join(OUT, "windows.json"), JSON.stringify(wins));
  const files = readdirSync(join(OUT, "cpu")).filter((f) => f.endsWith(".cpuprofile"));
  for (const f of files) {
    const profile = JSON.parse(readFileSync(join(OUT, "cpu", f), "utf8")) as CpuProfile & { startTime: number };
    const s = summarise(profile);
    if (s.total < 500) continue;
    const per = windows(profile, wins);
    console.log(`\n== ${f}: self time per request by category (µs), from the V8 profile (adds its own overhead)`);
    // One column per phase, summed over its rounds.
    const names = [...new Set(wins.map((w) => w.name))].filter((n) => !n.startsWith("direct"));
    const requests = (n: string) => wins.filter((w) => w.name === n).reduce((a, w) => a + w.requests, 0);
    const cats = [...new Set(names.flatMap((n) => [...per.get(n)!.keys()]))];
    const perReq = (n: string, c: string) => (1000 * (per.get(n)!.get(c) ?? 0)) / Math.max(1, requests(n));
    const last = names.at(-1)!;
    cats.sort((a, b) => perReq(last, b) - perReq(last, a));
    console.log(`  ${"category".padEnd(40)}${names.map((n) => n.slice(0, 22).padStart(24)).join("")}`);
    for (const c of cats) console.log(`  ${c.padEnd(40)}${names.map((n) => fmt(perReq(n, c), 0).padStart(24)).join("")}`);
    const total = (n: string) => [...per.get(n)!.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${"total".padEnd(40)}${names.map((n) => fmt((1000 * total(n)) / Math.max(1, requests(n)), 0).padStart(24)).join("")}`);
    console.log(`\n  whole run (incl. start-up): ${fmt(s.total, 0)} ms busy; top functions by self time`);
    for (const [m, ms] of s.byFunction.slice(0, 25)) console.log(`  ${fmt((100 * ms) / s.total, 1).padStart(5)}%  ${m}`);
  }
}

if (process.argv[1]?.endsWith("profile-proxy.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
