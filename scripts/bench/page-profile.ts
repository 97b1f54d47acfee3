// Where B5's main-thread JavaScript goes, by function: a V8 CPU profile of one warm navigation of the
// 20-panel bench dashboard (the same stack, dashboard and browser settings as `npm run bench -- --only=page`),
// printed as self and inclusive time per function and, for the longest busy stretches (≈ tasks), the
// functions that ran in them. Names come from the build's source maps when it has them
// (`ORRERY_SOURCE_MAPS=1 npx next build` sets productionBrowserSourceMaps), else minified.
//
//   npx tsx scripts/bench/page-profile.ts [--runs=N] [--focus=<regex of frames>] [--callers=<regex of frames>]
//   (ORRERY_BENCH_PORT_BASE, default 38090). --callers: who calls the matching frames (4 frames up), by time.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { chromium, type CDPSession } from "@playwright/test";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";
import { CHART_PAINTED_MARK } from "@/components/charts/painted-mark";
import { signInCookie } from "../../e2e/auth";
import { chromiumPath, REPO_ROOT } from "../stack";
import { benchDashboard, PAGE_BENCH_VIEWPORT } from "./page";
import { startPageStack } from "./page-run";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A profile's samples as (time µs, stack of frame keys innermost first), idle and GC marked. */
export function sampleStacks(p: Profile, keyOf: (f: CallFrame) => string): { t: number; dt: number; stack: string[] }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const known = stacks.get(id);
    if (known) return known;
    const out: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.functionName === "(root)") break;
      out.push(keyOf(f));
    }
    stacks.set(id, out);
    return out;
  };
  const out: { t: number; dt: number; stack: string[] }[] = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    out.push({ t, dt, stack: stackOf(p.samples[i]!) });
  }
  return out;
}

function top(map: Map<string, number>, n: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
}

async function main() {
  const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 1);
  const log = (m: string) => console.error(`[profile] ${m}`);
  const stack = await startPageStack({ base: Number(process.env.ORRERY_BENCH_PORT_BASE ?? 38090), work: join(REPO_ROOT, ".bench"), log });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--headless", "--disable-gpu"] });
  try {
    const cookie = await signInCookie(stack.baseUrl, "admin", stack.adminPassword);
    const uid = `profile-b5-${Date.now().toString(36)}`;
    const created = await fetch(`${stack.baseUrl}/api/dashboards`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: stack.baseUrl }, body: JSON.stringify({ dashboard: benchDashboard(uid, stack.datasource) }) });
    if (created.status !== 201) throw new Error(`creating the dashboard: HTTP ${created.status}`);
    const context = await browser.newContext({ viewport: PAGE_BENCH_VIEWPORT, deviceScaleFactor: 1, timezoneId: "UTC", serviceWorkers: "block" });
    const eq = cookie.indexOf("=");
    await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: stack.baseUrl, httpOnly: true, sameSite: "Lax" }]);
    const url = `${stack.baseUrl}/d/${uid}/bench?from=now-6h&to=now`;
    const maps = new Map<string, SourceMapConsumer | null>();
    const consumer = async (scriptUrl: string) => {
      if (!maps.has(scriptUrl)) {
        // The build's own map next to the chunk (/_next/static/… is .next/static/…).
        const path = new URL(scriptUrl).pathname;
        const chunk = join(REPO_ROOT, ".next", path.replace(/^\/_next\//, ""));
        const named = path.startsWith("/_next/static/") && existsSync(chunk) ? /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(chunk, "utf8"))?.[1] : undefined;
        const file = named ? join(dirname(chunk), named) : "";
        maps.set(scriptUrl, file && existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, "utf8")) as RawSourceMap) : null);
      }
      return maps.get(scriptUrl) ?? null;
    };
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const beforeQuery = { total: 0, incl: new Map<string, number>(), modules: new Map<string, number>() };
    const bursts: { start: number; ms: number; self: Map<string, number>; incl: Map<string, number> }[] = [];
    const callersOf = process.argv.find((a) => a.startsWith("--callers="))?.slice("--callers=".length);
    const callers = new Map<string, number>();
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      let cdp: CDPSession | null = null;
      if (run > 0) {
        cdp = await context.newCDPSession(page);
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
        await cdp.send("Profiler.start");
      }
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction((name) => performance.getEntriesByName(name).length >= 20, CHART_PAINTED_MARK, { timeout: 120_000, polling: 50 });
      await page.waitForTimeout(300);
      if (cdp) {
        const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
        for (const n of profile.nodes) if (n.callFrame.url) await consumer(n.callFrame.url);
        const keyOf = (f: CallFrame) => {
          if (!f.url) return f.functionName || "(anonymous)";
          const m = maps.get(f.url);
          const pos = m?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
          if (pos?.source) return `${pos.name ?? f.functionName ?? "?"} ${pos.source.replace(/^.*?(node_modules|components|lib|app)\//, "$1/")}:${pos.line}`;
          return `${f.functionName || "(anonymous)"} ${new URL(f.url).pathname.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber}`;
        };
        const samples = sampleStacks(profile, keyOf);
        // Up to the first panel query (the first sample inside the frames client's fetch).
        const firstQuery = samples.findIndex((x) => x.stack.some((k) => k.includes("promql/frames/client.ts")));
        for (const x of samples.slice(0, firstQuery < 0 ? 0 : firstQuery)) {
          if (x.stack.length === 0 || x.stack[0] === "(idle)" || x.stack[0] === "(program)") continue;
          beforeQuery.total += x.dt;
          // Module evaluation (Turbopack's instantiateModule): which source file's top-level code ran (innermost app or package frame).
          if (x.stack.some((k) => k.startsWith("instantiateModule "))) {
            const file = x.stack.find((k) => !k.includes("[turbopack]") && /\S+:\d+$/.test(k))?.replace(/^.* (\S+):\d+$/, "$1") ?? "(runtime)";
            beforeQuery.modules.set(file, (beforeQuery.modules.get(file) ?? 0) + x.dt);
          }
          for (const k of new Set(x.stack)) beforeQuery.incl.set(k, (beforeQuery.incl.get(k) ?? 0) + x.dt);
        }
        let burst: (typeof bursts)[number] | null = null;
        let lastBusy = -Infinity;
        for (const s of samples) {
          const idle = s.stack.length === 0 || s.stack[0] === "(idle)" || s.stack[0] === "(program)";
          if (idle) continue;
          if (!burst || s.t - lastBusy > 2000) {
            burst = { start: (s.t - profile.startTime) / 1000, ms: 0, self: new Map(), incl: new Map() };
            bursts.push(burst);
          }
          lastBusy = s.t;
          burst.ms += s.dt;
          self.set(s.stack[0]!, (self.get(s.stack[0]!) ?? 0) + s.dt);
          burst.self.set(s.stack[0]!, (burst.self.get(s.stack[0]!) ?? 0) + s.dt);
          if (callersOf) {
            // The outermost matching frame of the sample, and the 4 frames that called it.
            const re = new RegExp(callersOf);
            const at = s.stack.findLastIndex((k) => re.test(k));
            if (at >= 0) {
              const key = s.stack.slice(at, at + 5).join("  <-  ");
              callers.set(key, (callers.get(key) ?? 0) + s.dt);
            }
          }
          for (const k of new Set(s.stack)) {
            inclusive.set(k, (inclusive.get(k) ?? 0) + s.dt);
            burst.incl.set(k, (burst.incl.get(k) ?? 0) + s.dt);
          }
        }
      }
      await page.close();
    }
    const f = (ms: number) => ms.toFixed(1).padStart(8);
    console.log(`\n## self time, ${runs} profiled warm navigation(s)\n`);
    for (const [k, ms] of top(self, 40)) console.log(`${f(ms / runs)} ms  ${k}`);
    console.log(`\n## inclusive time (our code and React)\n`);
    for (const [k, ms] of top(new Map([...inclusive].filter(([k]) => !k.includes("node_modules/echarts") && !k.includes("zrender"))), 60)) console.log(`${f(ms / runs)} ms  ${k}`);
    const focus = process.argv.find((a) => a.startsWith("--focus="))?.slice("--focus=".length);
    if (focus) {
      // e.g. --focus='echarts|zrender|echart.tsx': inclusive time of just those frames (what a chart draw spends).
      const re = new RegExp(focus);
      console.log(`\n## inclusive time of frames matching /${focus}/\n`);
      for (const [k, ms] of top(new Map([...inclusive].filter(([k]) => re.test(k))), 60)) console.log(`${f(ms / runs)} ms  ${k}`);
    }
    if (callersOf) {
      console.log(`\n## callers of frames matching /${callersOf}/ (the frame, then 4 callers)\n`);
      for (const [k, ms] of top(callers, 25)) console.log(`${f(ms / runs)} ms  ${k}`);
    }
    console.log(`\n## before the first panel query: ${(beforeQuery.total / runs).toFixed(0)} ms of JS per navigation\n`);
    for (const [k, ms] of top(beforeQuery.incl, 70)) console.log(`${f(ms / runs)} ms  ${k}`);
    console.log(`\n## before the first panel query: module evaluation by the file whose code ran\n`);
    for (const [k, ms] of top(beforeQuery.modules, 40)) console.log(`${f(ms / runs)} ms  ${k}`);
    console.log(`\n## longest busy stretches (JS without a 2 ms pause)\n`);
    for (const b of [...bursts].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      console.log(`\n### at ${b.start.toFixed(0)} ms: ${b.ms.toFixed(0)} ms of JS`);
      for (const [k, ms] of top(b.incl, 25)) console.log(`${f(ms)} ms  ${k}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (process.argv[1]?.endsWith("page-profile.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
