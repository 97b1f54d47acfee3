// Where does one proxied ~2 KB query_range spend its time? `npx tsx scripts/bench/profile-proxy.ts`
// starts a Prometheus and a production `next start` (needs `next build` first) with V8's --cpu-prof,
// drives the proxy (query layer in pass-through, anonymous and with a session cookie) and the cached
// path, then prints the self time of the server process by module and by function.
// Env: ORRERY_BENCH_PORT_BASE (38090), PROFILE_SECONDS (6 per phase), PROFILE_OUT (.bench/profile).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { createService, REPO_ROOT, startSinglePrometheus } from "../stack";
import { runLoad } from "./load";
import { fmt, median } from "./stats";

const BASE = Number(process.env.ORRERY_BENCH_PORT_BASE ?? 38090);
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 6);
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

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "cpu"), { recursive: true });
  const prometheus = await startSinglePrometheus({ dir: join(OUT, "prometheus"), port: BASE, retention: "1d", name: "profile-prometheus", owner: OUT });
  const nextUrl = `http://127.0.0.1:${BASE + 2}`;
  const config = join(OUT, "orrery.json");
  const auth = {
    secret: SECRET,
    url: nextUrl,
    anonymous: { enabled: true, role: "viewer" },
    users: [{ username: "bench", passwordHash: `scrypt$32768$8$1$${"A".repeat(22)}$${"A".repeat(43)}`, role: "viewer" }],
  };
  const mode = process.argv.includes("--cached") ? "cached" : "pass";
  const query = mode === "cached" ? {} : { alignRangeWithStep: false, coalesce: false, cache: { enabled: false } };
  writeFileSync(config, JSON.stringify({ datasources: [{ id: "prom", type: "prometheus", url: prometheus.url }], auth, query }));
  const next = createService({
    name: "profile-next",
    port: BASE + 2,
    // --cpu-prof is refused in NODE_OPTIONS: Node runs Next's CLI itself (`next start` serves in-process).
    command: process.execPath,
    args: ["--cpu-prof", `--cpu-prof-dir=${join(OUT, "cpu")}`, join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(BASE + 2), "-H", "127.0.0.1"],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ORRERY_CONFIG: config,
      ORRERY_DATA_DIR: join(OUT, "data"),
      NODE_ENV: "production",
    },
    logFile: join(OUT, "next.log"),
    readyUrl: `${nextUrl}/api/datasources`,
    readyTimeoutMs: 60_000,
    owner: OUT,
  });
  try {
    await prometheus.start();
    await next.start();
    const end = Math.floor(Date.now() / 1000 / 60) * 60 - 3600;
    // vector(1) evaluates without stored data: one series of 91 points, a ~2 KB answer.
    const qs = new URLSearchParams({ query: "vector(1)", start: String(end - 5400), end: String(end), step: "60" });
    const direct = `${prometheus.url}/api/v1/query_range?${qs}`;
    const proxy = `${nextUrl}/api/ds/prom/api/v1/query_range?${qs}`;
    const cookie = `next-auth.session-token=${await encode({ token: { sub: "bench", name: "bench", role: "viewer", provider: "credentials" }, secret: SECRET, maxAge: 3600 })}`;
    await runLoad(proxy, 2, 2);
    const rows: [string, Awaited<ReturnType<typeof runLoad>>][] = [];
    rows.push(["direct", await runLoad(direct, 1, SECONDS)]);
    rows.push([`proxy ${mode}`, await runLoad(proxy, 1, SECONDS)]);
    rows.push([`proxy ${mode}, session`, await runLoad(proxy, 1, SECONDS, { cookie })]);
    rows.push(["floor /api/datasources", await runLoad(`${nextUrl}/api/datasources`, 1, SECONDS)]);
    for (const [name, r] of rows) console.log(`${name.padEnd(28)} p50 ${fmt(median(r.latencies))} ms  ${fmt(r.requests / r.seconds, 0)} req/s  errors ${r.errors}`);
  } finally {
    await next.stop();
    await prometheus.stop();
  }
  const files = readdirSync(join(OUT, "cpu")).filter((f) => f.endsWith(".cpuprofile"));
  for (const f of files) {
    const s = summarise(JSON.parse(readFileSync(join(OUT, "cpu", f), "utf8")) as CpuProfile);
    if (s.total < 500) continue;
    console.log(`\n== ${f}: ${fmt(s.total, 0)} ms busy`);
    for (const [m, ms] of s.byModule) console.log(`  ${fmt((100 * ms) / s.total, 1).padStart(5)}%  ${m}`);
    console.log("  -- functions");
    for (const [m, ms] of s.byFunction) console.log(`  ${fmt((100 * ms) / s.total, 1).padStart(5)}%  ${m}`);
  }
}

if (process.argv[1]?.endsWith("profile-proxy.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
